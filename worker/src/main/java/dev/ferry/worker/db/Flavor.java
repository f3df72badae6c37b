package dev.ferry.worker.db;

/** The kind of MySQL-compatible server, which decides SQL dialect details. */
public enum Flavor {
  MYSQL,
  MARIADB,
  TIDB
}
