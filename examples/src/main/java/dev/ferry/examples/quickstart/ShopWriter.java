package dev.ferry.examples.quickstart;

import dev.ferry.testing.DatabaseServer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shop's application while the migration runs: places orders (several statements in one
 * transaction), moves them through their statuses (which fires the history trigger), cancels and
 * purges them, records click-stream events, moves events in and out of the task's filter, and
 * updates customers. It writes as {@value #USER}, a limited account (DML on {@code shop} only),
 * so the cutover's read-only fence stops it: the writer ends when the source refuses a write as
 * read-only, or when it is closed.
 */
final class ShopWriter implements AutoCloseable {

  static final String USER = "shop_app";

  /** MariaDB and MySQL: "The MariaDB server is running with the --read-only option". */
  private static final int READ_ONLY = 1290;
  private static final int LOCK_WAIT_TIMEOUT = 1205;
  private static final int DEADLOCK = 1213;

  private final DatabaseServer source;
  private final String password;
  private final SampleShop.Sizes sizes;
  private final int transactionsPerSecond;
  private final Random random = new Random(8);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong statements = new AtomicLong();
  private final Thread thread;
  private long maxOrderId;
  private long maxEventId;
  private volatile boolean fenced;
  private volatile SQLException failure;

  private ShopWriter(DatabaseServer source, String password, SampleShop.Sizes sizes,
      int transactionsPerSecond) {
    this.source = source;
    this.password = password;
    this.sizes = sizes;
    this.transactionsPerSecond = transactionsPerSecond;
    this.maxOrderId = sizes.orders();
    this.maxEventId = sizes.events();
    this.thread = new Thread(this::write, "shop-writer");
  }

  /**
   * Creates the writer's account on {@code source} and starts writing at about {@code
   * transactionsPerSecond}.
   */
  static ShopWriter start(DatabaseServer source, SampleShop.Sizes sizes,
      int transactionsPerSecond) throws SQLException {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    source.createUser(USER, password, "SELECT, INSERT, UPDATE, DELETE ON `shop`.*");
    ShopWriter writer = new ShopWriter(source, password, sizes, transactionsPerSecond);
    writer.thread.start();
    return writer;
  }

  /**
   * What the writer did.
   *
   * @param transactions transactions committed
   * @param statements statements executed (also those of transactions rolled back)
   * @param fenced whether it stopped because the source refused a write as read-only
   * @param failure the error that stopped it otherwise, or null
   */
  record Report(long transactions, long statements, boolean fenced, String failure) {}

  /** What the writer did so far. */
  Report report() {
    SQLException error = failure;
    return new Report(transactions.get(), statements.get(), fenced,
        error == null ? null : error.getMessage() + " (SQL state " + error.getSQLState() + ")");
  }

  private void write() {
    long pauseNanos = TimeUnit.SECONDS.toNanos(1) / transactionsPerSecond;
    long next = System.nanoTime();
    try (Connection connection = source.connect(USER, password)) {
      while (running.get()) {
        next += pauseNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        try {
          oneTransaction(connection);
          transactions.incrementAndGet();
        } catch (SQLException e) {
          rollback(connection);
          if (e.getErrorCode() == READ_ONLY) {
            fenced = true;
            return;
          }
          if (e.getErrorCode() != DEADLOCK && e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void oneTransaction(Connection connection) throws SQLException {
    int kind = random.nextInt(20);
    if (kind < 6) {
      placeOrder(connection);
    } else if (kind < 10) {
      autocommit(connection, "UPDATE shop.orders SET status = CASE status WHEN 'new' THEN 'paid'"
          + " WHEN 'paid' THEN 'shipped' ELSE status END WHERE id = ?", anyOrder());
    } else if (kind < 11) {
      autocommit(connection, "UPDATE shop.orders SET status = 'cancelled'"
          + " WHERE id = ? AND status IN ('new', 'paid')", anyOrder());
    } else if (kind < 12) {
      purgeCancelledOrder(connection, anyOrder());
    } else if (kind < 15) {
      addEvent(connection);
    } else if (kind < 17) {
      connection.setAutoCommit(true);
      run(connection, "UPDATE shop.events SET customer_id = IF(customer_id IS NULL, ?, NULL)"
          + " WHERE id = ?", anyCustomer(), 1 + (long) (random.nextDouble() * maxEventId));
    } else if (kind < 18) {
      autocommit(connection, "DELETE FROM shop.events WHERE id = ?",
          1 + (long) (random.nextDouble() * maxEventId));
    } else {
      autocommit(connection, "UPDATE shop.customers SET tier = ELT(1 + id % 3, 'silver', 'gold',"
          + " 'basic'), preferences = JSON_SET(COALESCE(preferences, '{}'), '$.last_seen',"
          + " DATE_FORMAT(NOW(6), '%Y-%m-%dT%H:%i:%s.%f')) WHERE id = ?", anyCustomer());
    }
  }

  /** An order with one to three items and its total, in one transaction. */
  private void placeOrder(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    long orderId;
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO shop.orders"
        + " (customer_id, status, placed_at, total, note) VALUES (?, 'new', NOW(6), 0, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, anyCustomer());
      insert.setString(2, random.nextInt(4) == 0 ? "Gift wrap 🎁, please" : null);
      insert.executeUpdate();
      statements.incrementAndGet();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        orderId = keys.getLong(1);
      }
    }
    int lines = 1 + random.nextInt(3);
    for (int line = 1; line <= lines; line++) {
      long product = 1 + random.nextInt(sizes.products());
      run(connection, "INSERT INTO shop.order_items (order_id, line_no, product_id, quantity,"
          + " unit_price) SELECT ?, ?, id, ?, price FROM shop.products WHERE id = ?",
          orderId, line, 1 + random.nextInt(5), product);
    }
    run(connection, "UPDATE shop.orders SET total = (SELECT SUM(quantity * unit_price)"
        + " FROM shop.order_items WHERE order_id = ?) WHERE id = ?", orderId, orderId);
    connection.commit();
    maxOrderId = Math.max(maxOrderId, orderId);
  }

  /** Deletes a cancelled order with its items and history, in one transaction. */
  private void purgeCancelledOrder(Connection connection, long orderId) throws SQLException {
    connection.setAutoCommit(false);
    String cancelled = " AND (SELECT status FROM shop.orders WHERE id = ?) = 'cancelled'";
    run(connection, "DELETE FROM shop.order_status_history WHERE order_id = ?" + cancelled,
        orderId, orderId);
    run(connection, "DELETE FROM shop.order_items WHERE order_id = ?" + cancelled, orderId,
        orderId);
    run(connection, "DELETE FROM shop.orders WHERE id = ? AND status = 'cancelled'", orderId);
    connection.commit();
  }

  private void addEvent(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    String[] kinds = {"view", "view", "cart", "purchase", "review"};
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO shop.events"
        + " (customer_id, kind, happened_at, payload) VALUES (?, ?, NOW(6),"
        + " JSON_OBJECT('page', ?, 'ms', ?))", Statement.RETURN_GENERATED_KEYS)) {
      insert.setObject(1, random.nextInt(3) == 0 ? null : anyCustomer());
      insert.setString(2, kinds[random.nextInt(kinds.length)]);
      insert.setString(3, "/product/" + (1 + random.nextInt(sizes.products())));
      insert.setInt(4, random.nextInt(900));
      insert.executeUpdate();
      statements.incrementAndGet();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        maxEventId = Math.max(maxEventId, keys.getLong(1));
      }
    }
  }

  private void autocommit(Connection connection, String sql, long id) throws SQLException {
    connection.setAutoCommit(true);
    run(connection, sql, id);
  }

  private void run(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
      statements.incrementAndGet();
    }
  }

  private long anyOrder() {
    return 1 + (long) (random.nextDouble() * maxOrderId);
  }

  private long anyCustomer() {
    return 1 + random.nextInt(sizes.customers());
  }

  private static void rollback(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // the connection is unusable; the next statement reports why
    }
  }

  /** Stops writing (if the fence has not stopped it already) and waits for the thread. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
