package dev.ferry.worker.cdc;

import dev.ferry.testing.DatabaseServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A randomized application on the source while CDC runs: inserts, updates (also of primary
 * keys), deletes, multi-statement transactions over two tables, a plain ALTER in the middle and a
 * gh-ost style shadow-table ALTER with its table swap.
 */
final class Workload implements AutoCloseable {

  static final int SEED_ORDERS = 2000;

  private final DatabaseServer source;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong operations = new AtomicLong();
  private final Thread thread;
  private final Random random = new Random(7);
  private volatile Exception failure;
  private long nextId = SEED_ORDERS + 1;
  private boolean altered;
  private boolean swapped;

  Workload(DatabaseServer source) {
    this.source = source;
    this.thread = new Thread(this::run, "workload");
    thread.start();
  }

  static void seed(DatabaseServer source) throws SQLException {
    source.execute(
        "CREATE DATABASE shop",
        "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, customer INT NOT NULL,"
            + " note VARCHAR(100), amount DECIMAL(10,2), KEY (customer))",
        "CREATE TABLE shop.items (order_id BIGINT NOT NULL, line INT NOT NULL, qty INT,"
            + " PRIMARY KEY (order_id, line))");
    try (Connection connection = source.connect();
        PreparedStatement order = connection.prepareStatement(
            "INSERT INTO shop.orders VALUES (?, ?, ?, ?)");
        PreparedStatement item = connection.prepareStatement(
            "INSERT INTO shop.items VALUES (?, ?, ?)")) {
      for (int id = 1; id <= SEED_ORDERS; id++) {
        order.setLong(1, id);
        order.setInt(2, id % 97);
        order.setString(3, "seed " + id);
        order.setBigDecimal(4, BigDecimal.valueOf(id, 2));
        order.addBatch();
        item.setLong(1, id);
        item.setInt(2, 1);
        item.setInt(3, id % 5);
        item.addBatch();
      }
      order.executeBatch();
      item.executeBatch();
    }
  }

  /** Operations done so far; throws what stopped the workload, if it failed. */
  long operations() throws Exception {
    if (failure != null) {
      throw failure;
    }
    return operations.get();
  }

  private void run() {
    try (Connection connection = source.connect()) {
      while (running.get()) {
        long done = operations.get();
        if (!altered && done >= 1500) {
          altered = true;
          ddl(connection, "ALTER TABLE shop.items ADD COLUMN note VARCHAR(20) DEFAULT 'x'");
        } else if (!swapped && done >= 3000) {
          swapped = true;
          ghostSwap(connection);
        }
        transaction(connection);
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  private void transaction(Connection connection) throws SQLException {
    boolean multi = random.nextInt(3) == 0;
    connection.setAutoCommit(!multi);
    int statements = multi ? 2 + random.nextInt(4) : 1;
    for (int i = 0; i < statements; i++) {
      long id = 1 + (long) random.nextInt((int) nextId - 1);
      switch (random.nextInt(9)) {
        case 0, 1 -> {
          long newId = nextId++;
          update(connection, "INSERT INTO shop.orders (id, customer, note, amount)"
              + " VALUES (?, 3, 'new', 1.50)", newId);
          update(connection, "INSERT INTO shop.items (order_id, line, qty) VALUES (?, 1, 2)",
              newId);
        }
        case 2, 3 -> update(connection, "UPDATE shop.orders SET note = CONCAT('u', id),"
            + " amount = amount + 1 WHERE id = ?", id);
        case 4 -> update(connection, "UPDATE shop.items SET qty = qty + 1 WHERE order_id = ?",
            id);
        case 5 -> update(connection, "UPDATE shop.orders SET id = id + 1000000 WHERE id = ?",
            id);
        case 6 -> update(connection, "UPDATE shop.items SET line = line + 10 WHERE order_id = ?",
            id);
        case 7 -> update(connection, "DELETE FROM shop.orders WHERE id = ?", id);
        default -> update(connection, "DELETE FROM shop.items WHERE order_id = ?", id);
      }
    }
    if (multi) {
      connection.commit();
    }
    connection.setAutoCommit(true);
  }

  /** What gh-ost does: shadow table, ALTER on it, copy, atomic swap, cleanup. */
  private void ghostSwap(Connection connection) throws SQLException {
    ddl(connection, "CREATE TABLE shop._orders_ghc (id INT PRIMARY KEY, hint VARCHAR(20))");
    ddl(connection, "CREATE TABLE shop._orders_gho LIKE shop.orders");
    ddl(connection, "ALTER TABLE shop._orders_gho ADD COLUMN flag TINYINT NOT NULL DEFAULT 7");
    ddl(connection, "INSERT INTO shop._orders_gho (id, customer, note, amount)"
        + " SELECT id, customer, note, amount FROM shop.orders");
    ddl(connection, "RENAME TABLE shop.orders TO shop._orders_del,"
        + " shop._orders_gho TO shop.orders");
    ddl(connection, "DROP TABLE shop._orders_del");
    ddl(connection, "DROP TABLE shop._orders_ghc");
  }

  private void ddl(Connection connection, String sql) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
    operations.incrementAndGet();
  }

  private void update(Connection connection, String sql, long id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, id);
      statement.executeUpdate();
    }
    operations.incrementAndGet();
  }

  @Override
  public void close() throws Exception {
    running.set(false);
    thread.join();
    if (failure != null) {
      throw failure;
    }
  }
}
