package dev.ferry.examples.quickstart;

import dev.ferry.testing.DatabaseServer;
import java.sql.SQLException;
import java.util.List;

/**
 * The sample database of the quickstart: a small shop ({@code shop}) with customers, products,
 * orders and their items, an order status history kept by a trigger, and a click stream of
 * events; two views, a function and a procedure. Its columns cover the types users worry about:
 * DECIMAL, DOUBLE, DATETIME(6), JSON, ENUM, BLOB, utf8mb4 text with emoji, and NULLs. Rows are
 * generated on the server from MariaDB's sequence tables ({@code seq_1_to_N}), so 200,000 rows
 * take seconds.
 */
final class SampleShop {

  static final String SCHEMA = "shop";
  /** The click stream: the table the quickstart renames and filters. */
  static final String EVENTS = "events";
  /** Tables in foreign-key order (referenced tables first). */
  static final List<String> TABLES = List.of("customers", "products", "orders", "order_items",
      "order_status_history", EVENTS);

  private static final String ORDER_STATUS = "ENUM('new','paid','shipped','cancelled')";

  private SampleShop() {}

  /** How many rows of each table {@link #create} makes for about {@code rows} rows in all. */
  record Sizes(int customers, int products, int orders, int events) {

    static Sizes forTotal(int rows) {
      int customers = Math.max(10, rows / 20);
      int products = Math.max(10, rows / 200);
      int orders = Math.max(10, rows / 5);
      int events = Math.max(10, rows - customers - products - 3 * orders);
      return new Sizes(customers, products, orders, events);
    }

    /** Two items per order. */
    int orderItems() {
      return 2 * orders;
    }

    int total() {
      return customers + products + orders + orderItems() + events;
    }
  }

  /** Creates the schema, its objects and the rows on {@code server} (as its admin user). */
  static void create(DatabaseServer server, Sizes sizes) throws SQLException {
    server.execute(schema());
    server.execute(data(sizes));
    server.execute(objects());
  }

  private static String[] schema() {
    return new String[] {
        "CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
        """
        CREATE TABLE shop.customers (
          id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
          email VARCHAR(190) NOT NULL,
          name VARCHAR(100) NOT NULL,
          country CHAR(2) NOT NULL,
          tier ENUM('basic','silver','gold') NOT NULL DEFAULT 'basic',
          preferences JSON NULL,
          created_at DATETIME(6) NOT NULL,
          UNIQUE KEY email (email)
        )""",
        """
        CREATE TABLE shop.products (
          id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
          sku CHAR(12) NOT NULL,
          name VARCHAR(200) NOT NULL,
          price DECIMAL(10,2) NOT NULL,
          rating DOUBLE NULL,
          attributes JSON NOT NULL,
          thumbnail BLOB NULL,
          active BOOLEAN NOT NULL DEFAULT TRUE,
          UNIQUE KEY sku (sku)
        )""",
        """
        CREATE TABLE shop.orders (
          id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
          customer_id INT UNSIGNED NOT NULL,
          status %s NOT NULL DEFAULT 'new',
          placed_at DATETIME(6) NOT NULL,
          total DECIMAL(12,2) NOT NULL DEFAULT 0,
          note TEXT NULL,
          KEY customer (customer_id),
          CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES shop.customers (id)
        )""".formatted(ORDER_STATUS),
        """
        CREATE TABLE shop.order_items (
          order_id BIGINT UNSIGNED NOT NULL,
          line_no SMALLINT UNSIGNED NOT NULL,
          product_id INT UNSIGNED NOT NULL,
          quantity SMALLINT UNSIGNED NOT NULL,
          unit_price DECIMAL(10,2) NOT NULL,
          PRIMARY KEY (order_id, line_no),
          CONSTRAINT items_order FOREIGN KEY (order_id) REFERENCES shop.orders (id),
          CONSTRAINT items_product FOREIGN KEY (product_id) REFERENCES shop.products (id)
        )""",
        """
        CREATE TABLE shop.order_status_history (
          id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
          order_id BIGINT UNSIGNED NOT NULL,
          old_status %1$s NULL,
          new_status %1$s NOT NULL,
          changed_at DATETIME(6) NOT NULL,
          CONSTRAINT history_order FOREIGN KEY (order_id) REFERENCES shop.orders (id)
        )""".formatted(ORDER_STATUS),
        """
        CREATE TABLE shop.events (
          id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
          customer_id INT UNSIGNED NULL,
          kind ENUM('view','cart','purchase','review') NOT NULL,
          happened_at DATETIME(6) NOT NULL,
          payload JSON NULL,
          KEY kind_time (kind, happened_at),
          CONSTRAINT events_customer FOREIGN KEY (customer_id) REFERENCES shop.customers (id)
        )"""};
  }

  private static String[] data(Sizes sizes) {
    int customers = sizes.customers();
    int products = sizes.products();
    int orders = sizes.orders();
    return new String[] {
        """
        INSERT INTO shop.customers (id, email, name, country, tier, preferences, created_at)
        SELECT seq, CONCAT('customer', seq, '@example.com'),
          CONCAT(ELT(1 + seq %% 6, 'Ana', 'Björn', 'Chloé', 'Dmitri', 'Eun-ji', 'Fatima'), ' ',
            ELT(1 + seq %% 5, 'Silva', 'Øster', 'Müller', '中村', 'O''Brien'),
            IF(seq %% 7 = 0, ' 🚢', '')),
          ELT(1 + seq %% 5, 'DE', 'FR', 'US', 'JP', 'BR'),
          ELT(1 + seq %% 3, 'basic', 'silver', 'gold'),
          IF(seq %% 4 = 0, NULL, JSON_OBJECT('newsletter', seq %% 2 = 0,
            'language', ELT(1 + seq %% 3, 'en', 'de', 'ja'))),
          TIMESTAMP'2023-01-01 00:00:00' + INTERVAL seq * 137 SECOND
            + INTERVAL seq * 7919 %% 1000000 MICROSECOND
        FROM shop.seq_1_to_%d""".formatted(customers),
        """
        INSERT INTO shop.products (id, sku, name, price, rating, attributes, thumbnail, active)
        SELECT seq, CONCAT('SKU-', LPAD(seq, 8, '0')),
          CONCAT(ELT(1 + seq %% 4, 'Coffee beans', 'Tea ☕', 'Mug', 'Grinder'), ' #', seq),
          1 + seq * 7717 %% 50000 / 100,
          IF(seq %% 9 = 0, NULL, seq %% 50 / 10e0 + 0.1e0),
          JSON_OBJECT('color', ELT(1 + seq %% 3, 'red', 'green', 'blue'),
            'sizes', JSON_ARRAY('S', 'M', 'L')),
          IF(seq %% 3 = 0, NULL, UNHEX(SHA2(seq, 256))),
          seq %% 10 <> 0
        FROM shop.seq_1_to_%d""".formatted(products),
        """
        INSERT INTO shop.orders (id, customer_id, status, placed_at, total, note)
        SELECT seq, 1 + seq * 7 %% %d, ELT(1 + seq %% 4, 'new', 'paid', 'shipped', 'cancelled'),
          TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq * 61 SECOND
            + INTERVAL seq * 104729 %% 1000000 MICROSECOND,
          0, IF(seq %% 5 = 0, CONCAT('Leave it at the door 📦 #', seq), NULL)
        FROM shop.seq_1_to_%d""".formatted(customers, orders),
        """
        INSERT INTO shop.order_items (order_id, line_no, product_id, quantity, unit_price)
        SELECT o.seq, l.seq, p.id, 1 + (o.seq + l.seq) %% 4, p.price
        FROM shop.seq_1_to_%d o JOIN shop.seq_1_to_2 l
          JOIN shop.products p ON p.id = 1 + (o.seq * 31 + l.seq * 17) %% %d"""
            .formatted(orders, products),
        """
        UPDATE shop.orders o JOIN (SELECT order_id, SUM(quantity * unit_price) AS total
          FROM shop.order_items GROUP BY order_id) i ON i.order_id = o.id
        SET o.total = i.total""",
        """
        INSERT INTO shop.events (id, customer_id, kind, happened_at, payload)
        SELECT seq, IF(seq %% 10 < 3, NULL, 1 + seq %% %d),
          ELT(1 + seq %% 8, 'view', 'view', 'view', 'view', 'cart', 'cart', 'purchase', 'review'),
          TIMESTAMP'2024-06-01 00:00:00' + INTERVAL seq * 13 SECOND
            + INTERVAL seq * 7 %% 1000000 MICROSECOND,
          IF(seq %% 3 = 0, NULL, JSON_OBJECT('page', CONCAT('/product/', 1 + seq %% %d),
            'ms', seq %% 900))
        FROM shop.seq_1_to_%d""".formatted(customers, products, sizes.events())};
  }

  private static String[] objects() {
    return new String[] {
        """
        CREATE TRIGGER shop.orders_status_history AFTER UPDATE ON shop.orders FOR EACH ROW
          IF NEW.status <> OLD.status THEN
            INSERT INTO shop.order_status_history (order_id, old_status, new_status, changed_at)
            VALUES (NEW.id, OLD.status, NEW.status, NOW(6));
          END IF""",
        """
        CREATE FUNCTION shop.customer_lifetime_value(customer INT UNSIGNED)
          RETURNS DECIMAL(14,2) READS SQL DATA
          RETURN (SELECT COALESCE(SUM(total), 0) FROM shop.orders
            WHERE customer_id = customer AND status <> 'cancelled')""",
        """
        CREATE PROCEDURE shop.ship_paid_orders(IN placed_before DATETIME(6))
          MODIFIES SQL DATA
          UPDATE shop.orders SET status = 'shipped'
          WHERE status = 'paid' AND placed_at < placed_before""",
        """
        CREATE VIEW shop.order_totals AS
          SELECT o.id AS order_id, o.customer_id, COUNT(*) AS line_count,
            SUM(i.quantity * i.unit_price) AS items_total
          FROM shop.orders o JOIN shop.order_items i ON i.order_id = o.id
          GROUP BY o.id, o.customer_id""",
        """
        CREATE VIEW shop.customer_spend AS
          SELECT c.id, c.name, c.tier, shop.customer_lifetime_value(c.id) AS lifetime_value
          FROM shop.customers c"""};
  }
}
