package dev.ferry.worker.cli;

import dev.ferry.testing.DatabaseServer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The source database {@code shop} of the randomized convergence test: a table of every type
 * class, a string primary key (customers) referenced by a composite one (orders, FK without
 * cascade), a table without any key holding identical rows (audit), a plain keyed table (items)
 * and one that gets truncated (scratch), a trigger on orders writing order_log, a view and a
 * function.
 */
final class ChaosDataset {

  static final int CUSTOMERS = 200;
  static final int ORDERS = 5000;
  static final int ITEMS = 5000;
  static final int TYPED = 600;
  static final int SCRATCH = 600;
  static final int AUDIT = 600;

  static final String TYPED_COLUMNS = "ti, biu, de, f, d, b13, e, s, j, bl, vc, l1, dt, dtt,"
      + " ts, tm, y, p";

  private ChaosDataset() {}

  static void create(DatabaseServer source, Random random) throws SQLException {
    source.execute("CREATE DATABASE shop",
        "CREATE TABLE shop.customers (code VARCHAR(20) PRIMARY KEY, name VARCHAR(60),"
            + " balance DECIMAL(12,2))",
        "CREATE TABLE shop.orders (region CHAR(2) NOT NULL, id INT NOT NULL,"
            + " customer VARCHAR(20) NOT NULL, amount DECIMAL(12,2), note VARCHAR(40),"
            + " PRIMARY KEY (region, id), KEY by_customer (customer),"
            + " CONSTRAINT orders_customer FOREIGN KEY (customer) REFERENCES shop.customers"
            + " (code))",
        "CREATE TABLE shop.order_log (seq INT AUTO_INCREMENT PRIMARY KEY, region CHAR(2),"
            + " order_id INT)",
        "CREATE TABLE shop.items (id INT PRIMARY KEY, c VARCHAR(40), n INT)",
        "CREATE TABLE shop.scratch (id INT PRIMARY KEY, v INT)",
        "CREATE TABLE shop.audit (what VARCHAR(20), n INT)",
        "CREATE TABLE shop.typed (id INT AUTO_INCREMENT PRIMARY KEY, ti TINYINT,"
            + " biu BIGINT UNSIGNED, de DECIMAL(40,12), f FLOAT, d DOUBLE, b13 BIT(13),"
            + " e ENUM('a','b','c d'), s SET('x','y','z'), j JSON, bl BLOB,"
            + " vc VARCHAR(50) CHARACTER SET utf8mb4, l1 VARCHAR(20) CHARACTER SET latin1,"
            + " dt DATE, dtt DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(6), y YEAR,"
            + " p POINT NULL) DEFAULT CHARSET=utf8mb4",
        "CREATE TRIGGER shop.orders_logged AFTER INSERT ON shop.orders FOR EACH ROW"
            + " INSERT INTO shop.order_log (region, order_id) VALUES (NEW.region, NEW.id)",
        "CREATE VIEW shop.customer_totals AS SELECT customer, SUM(amount) AS total"
            + " FROM shop.orders GROUP BY customer",
        "CREATE FUNCTION shop.order_count(who VARCHAR(20)) RETURNS INT READS SQL DATA"
            + " RETURN (SELECT COUNT(*) FROM shop.orders WHERE customer = who)");
    insert(source, "customers", CUSTOMERS, i -> "('c" + i + "', 'name " + i + "', " + i
        + ".25)");
    insert(source, "orders", ORDERS, i -> "(" + region(i) + ", " + i + ", 'c"
        + (1 + i % CUSTOMERS) + "', " + (i % 500) + ".5, 'o" + i + "')");
    insert(source, "items", ITEMS, i -> "(" + i + ", 'c" + i + "', " + i % 10 + ")");
    insert(source, "scratch", SCRATCH, i -> "(" + i + ", " + i + ")");
    insert(source, "audit", AUDIT, i -> "('seed', " + i % 3 + ")");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < TYPED; i++) {
      rows.add("(" + typedValues(random) + ")");
    }
    source.execute("INSERT INTO shop.typed (" + TYPED_COLUMNS + ") VALUES "
        + String.join(", ", rows));
  }

  static String region(int i) {
    return List.of("'eu'", "'us'", "'ap'").get(i % 3);
  }

  /** One row of {@code typed}'s {@link #TYPED_COLUMNS}, each value NULL now and then. */
  static String typedValues(Random random) {
    List<String> values = List.of(
        Integer.toString(random.nextInt(256) - 128),
        Long.toUnsignedString(random.nextLong()),
        (random.nextInt() + "." + Math.abs(random.nextLong() % 1_000_000_000_000L)),
        Float.toString(random.nextFloat() * 1e6f - 5e5f),
        Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(200) - 100)),
        "b'" + Integer.toBinaryString(random.nextInt(8192)) + "'",
        List.of("'a'", "'b'", "'c d'").get(random.nextInt(3)),
        List.of("''", "'x'", "'x,z'", "'x,y,z'").get(random.nextInt(4)),
        "'{\"k\": " + random.nextInt(1000) + ", \"a\": [1.5, \"x\", null, true]}'",
        "X'" + hex(random, random.nextInt(40)) + "'",
        "'h\u00e9llo \u4e16\u754c \ud83d\ude00 " + random.nextInt(1000) + "'",
        "'caf\u00e9 " + random.nextInt(100) + "'",
        "'20" + (10 + random.nextInt(20)) + "-0" + (1 + random.nextInt(9)) + "-1"
            + random.nextInt(10) + "'",
        "'2021-03-04 05:06:" + (10 + random.nextInt(50)) + "." + (100000
            + random.nextInt(900000)) + "'",
        "'2022-11-0" + (1 + random.nextInt(9)) + " 1" + random.nextInt(10) + ":30:00."
            + random.nextInt(1000000) + "'",
        "'" + (random.nextBoolean() ? "-" : "") + random.nextInt(839) + ":59:58.5'",
        Integer.toString(1901 + random.nextInt(255)),
        "ST_GeomFromText('POINT(" + random.nextInt(100) + " " + random.nextInt(100) + ")')");
    List<String> row = new ArrayList<>();
    for (String value : values) {
      row.add(random.nextInt(10) == 0 ? "NULL" : value);
    }
    return String.join(", ", row);
  }

  private static String hex(Random random, int bytes) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      hex.append(String.format("%02X", random.nextInt(256)));
    }
    return hex.toString();
  }

  private static void insert(DatabaseServer source, String table, int rows,
      IntFunction<String> row) throws SQLException {
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= rows; i++) {
      values.add(row.apply(i));
    }
    source.execute("INSERT INTO shop." + table + " VALUES " + String.join(", ", values));
  }
}
