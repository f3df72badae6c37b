package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark schema {@code cdcbench}: {@value #COUNT} sysbench-like tables {@code t0..t7}
 * with the same rows on every server, and a one-row {@code marker} table for the lag probe.
 * Creating them does not write the binary log, so a replica or Ferry started at a later
 * position sees only the workload.
 */
final class BenchTables {

  static final String SCHEMA = "cdcbench";
  static final int COUNT = 8;

  private final long rows;

  BenchTables(long rows) {
    this.rows = rows;
  }

  long rows() {
    return rows;
  }

  static String table(int index) {
    return SCHEMA + ".t" + index;
  }

  /** Drops and recreates the schema with the initial rows on {@code server}. */
  void create(DatabaseServer server) throws SQLException {
    List<String> statements = new ArrayList<>(List.of("SET SESSION sql_log_bin = 0",
        "DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA,
        "CREATE TABLE " + SCHEMA + ".marker (id INT PRIMARY KEY, seq BIGINT NOT NULL)",
        "INSERT INTO " + SCHEMA + ".marker VALUES (1, 0)"));
    for (int t = 0; t < COUNT; t++) {
      statements.add("CREATE TABLE " + table(t) + " (id BIGINT NOT NULL PRIMARY KEY,"
          + " k INT NOT NULL, v BIGINT NOT NULL, c CHAR(120) NOT NULL, pad CHAR(60) NOT NULL,"
          + " KEY k_1 (k)) ENGINE=InnoDB");
      statements.add("INSERT INTO " + table(t) + " SELECT seq, seq MOD 1000, 0,"
          + " SUBSTRING(REPEAT(CONCAT(MD5(seq + " + t + "), '-'), 4), 1, 120),"
          + " SUBSTRING(REPEAT(SHA1(seq), 2), 1, 60) FROM " + SCHEMA + ".seq_1_to_" + rows);
    }
    server.execute(statements.toArray(String[]::new));
  }

  /** {@code CHECKSUM TABLE} of every table, in order. */
  static List<Long> checksums(DatabaseServer server) throws SQLException {
    List<Long> sums = new ArrayList<>();
    for (int t = 0; t < COUNT; t++) {
      sums.add(((Number) server.query("CHECKSUM TABLE " + table(t)).get(0).get(1)).longValue());
    }
    return sums;
  }
}
