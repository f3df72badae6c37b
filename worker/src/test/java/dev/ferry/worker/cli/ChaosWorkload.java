package dev.ferry.worker.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The randomized application on the source of {@link ChaosConvergenceTest}: one thread of
 * transactions of one to four statements (inserts, updates, deletes, primary-key changes, bursts
 * of identical keyless rows and deletes/updates of one of them) with a table DDL now and then;
 * {@link #ddl} runs more DDL from the test at chosen moments. It keeps its own bookkeeping simple:
 * it writes only columns that are never dropped, the columns DDL drops, changes or renames are
 * extra ones added for that, and it follows the name of the table it renames.
 */
final class ChaosWorkload implements AutoCloseable {

  private static final int DDL_ONE_IN = 60;

  private final Connection connection;
  private final Random random;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<String> ddlDone = new ArrayList<>();
  private final Map<String, String> extraColumns = new LinkedHashMap<>();
  private final List<String> looseCustomers = new ArrayList<>();
  private Thread thread;
  private volatile Exception failure;
  private String items = "items";
  private boolean itemsIndex;
  private boolean typedIndex;
  private volatile boolean swapsAllowed;
  private int names;
  private int nextId = 100_000;
  private long statements;

  ChaosWorkload(Connection connection, Random random) {
    this.connection = connection;
    this.random = random;
  }

  /** Starts the background thread. */
  void start() {
    running.set(true);
    thread = new Thread(this::loop, "chaos-workload");
    thread.start();
  }

  /** Stops the thread; throws what it failed with. */
  @Override
  public void close() throws Exception {
    running.set(false);
    if (thread != null) {
      thread.join();
      thread = null;
    }
    if (failure != null) {
      Exception failed = failure;
      failure = null;
      throw failed;
    }
  }

  /** From now on the DDL may include gh-ost style swaps. */
  void allowSwaps() {
    swapsAllowed = true;
  }

  synchronized List<String> ddlDone() {
    return List.copyOf(ddlDone);
  }

  synchronized long statements() {
    return statements;
  }

  private void loop() {
    try {
      while (running.get()) {
        step();
        Thread.sleep(10);
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  private synchronized void step() throws SQLException {
    if (random.nextInt(DDL_ONE_IN) == 0) {
      ddl(1);
      return;
    }
    List<String> transaction = new ArrayList<>();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      transaction.add(dml());
    }
    while (!commit(transaction)) {
      // a deadlock with the source's other sessions: the application runs it again
    }
    statements += transaction.size();
  }

  /** Runs {@code transaction}; false when the server rolled it back (deadlock). */
  private boolean commit(List<String> transaction) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : transaction) {
        statement.execute(sql);
      }
      connection.commit();
      return true;
    } catch (SQLTransactionRollbackException e) {
      connection.rollback();
      return false;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private String dml() {
    int kind = random.nextInt(17);
    int id = random.nextBoolean() ? 1 + random.nextInt(ChaosDataset.ITEMS)
        : 100_000 + random.nextInt(nextId - 99_999);
    int order = 1 + random.nextInt(ChaosDataset.ORDERS);
    String region = ChaosDataset.region(random.nextInt(3));
    return switch (kind) {
      case 0 -> "INSERT INTO shop." + items + " (id, c, n) VALUES (" + nextId++ + ", 'new', "
          + random.nextInt(10) + ")";
      case 1 -> "UPDATE shop." + items + " SET c = CONCAT('u', id), n = n + 1 WHERE id = " + id;
      case 2 -> "DELETE FROM shop." + items + " WHERE id = " + id;
      case 3 -> "UPDATE shop." + items + " SET id = " + nextId++ + " WHERE id = " + id;
      case 4 -> "INSERT INTO shop.orders VALUES (" + region + ", " + nextId++ + ", 'c"
          + (1 + random.nextInt(ChaosDataset.CUSTOMERS)) + "', 1.5, 'new')";
      case 5 -> "UPDATE shop.orders SET amount = amount + 1, note = 'u' WHERE region = "
          + region + " AND id = " + order;
      case 6 -> "DELETE FROM shop.orders WHERE region = " + region + " AND id = " + order;
      case 7 -> "UPDATE shop.orders SET id = " + nextId++ + " WHERE region = " + region
          + " AND id = " + order;
      case 8 -> customer();
      case 9 -> "UPDATE shop.customers SET balance = balance - 1 WHERE code = 'c"
          + (1 + random.nextInt(ChaosDataset.CUSTOMERS)) + "'";
      case 10 -> burst();
      case 11 -> "DELETE FROM shop.audit WHERE what = 'burst' AND n = " + random.nextInt(3)
          + " LIMIT 1";
      case 12 -> "UPDATE shop.audit SET n = n + 3 WHERE what = 'burst' AND n = "
          + random.nextInt(3) + " LIMIT 1";
      case 13 -> "INSERT INTO shop.typed (" + ChaosDataset.TYPED_COLUMNS + ") VALUES ("
          + ChaosDataset.typedValues(random) + ")";
      case 14 -> "UPDATE shop.typed SET tm = '12:00:00.25', j = JSON_ARRAY(id), f = f / 3"
          + " WHERE id = " + (1 + random.nextInt(ChaosDataset.TYPED));
      case 15 -> "DELETE FROM shop.typed WHERE id = " + (1 + random.nextInt(ChaosDataset.TYPED));
      default -> random.nextBoolean()
          ? "INSERT INTO shop.scratch VALUES (" + nextId++ + ", 1)"
          : "UPDATE shop.scratch SET v = v + 1 WHERE id % 7 = " + random.nextInt(7);
    };
  }

  /** Many identical rows in one statement. */
  private String burst() {
    List<String> rows = new ArrayList<>();
    String row = "('burst', " + random.nextInt(3) + ")";
    for (int i = 2 + random.nextInt(20); i > 0; i--) {
      rows.add(row);
    }
    return "INSERT INTO shop.audit (what, n) VALUES " + String.join(", ", rows);
  }

  /** Inserts, renames (a string primary key change) or deletes a customer without orders. */
  private String customer() {
    if (looseCustomers.isEmpty() || random.nextInt(3) == 0) {
      String code = "n" + nextId++;
      looseCustomers.add(code);
      return "INSERT INTO shop.customers VALUES ('" + code + "', 'loose', 0)";
    }
    String code = looseCustomers.remove(random.nextInt(looseCustomers.size()));
    if (random.nextBoolean()) {
      return "DELETE FROM shop.customers WHERE code = '" + code + "'";
    }
    String renamed = "m" + nextId++;
    looseCustomers.add(renamed);
    return "UPDATE shop.customers SET code = '" + renamed + "' WHERE code = '" + code + "'";
  }

  /** Runs {@code count} random table DDL statements (with what a gh-ost swap takes). */
  synchronized void ddl(int count) throws SQLException {
    connection.setAutoCommit(true);
    for (int i = 0; i < count; i++) {
      List<String> statements = pickDdl();
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
      }
      ddlDone.add(String.join("; ", statements) + " @ " + position());
    }
  }

  /** Notes a moment of the test (a launch, a kill) among the DDL done. */
  synchronized void mark(String moment) throws SQLException {
    ddlDone.add("-- " + moment + " @ " + position());
  }

  /** The source's binlog file and position now. */
  private String position() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
      return rs.next() ? rs.getString(1) + ":" + rs.getLong(2) : "?";
    }
  }

  private List<String> pickDdl() {
    int kind = random.nextInt(10);
    if (extraColumns.isEmpty() && kind >= 1 && kind <= 3) {
      kind = 0;
    }
    String table = "shop." + items;
    String name = "x" + ++names;
    return switch (kind) {
      case 0 -> {
        extraColumns.put(name, "INT DEFAULT " + names);
        yield List.of("ALTER TABLE " + table + " ADD COLUMN " + name + " INT DEFAULT " + names
            + List.of("", " FIRST", " AFTER id", " AFTER c").get(random.nextInt(4)));
      }
      case 1 -> {
        String column = extra();
        extraColumns.remove(column);
        yield List.of("ALTER TABLE " + table + " DROP COLUMN " + column);
      }
      case 2 -> {
        String column = extra();
        extraColumns.put(column, "VARCHAR(" + (30 + names) + ") DEFAULT 'v'");
        yield List.of("ALTER TABLE " + table + " MODIFY " + column + " "
            + extraColumns.get(column));
      }
      case 3 -> {
        String column = extra();
        String type = extraColumns.remove(column);
        extraColumns.put(name, type);
        yield List.of("ALTER TABLE " + table + " CHANGE " + column + " " + name + " " + type);
      }
      case 4 -> (itemsIndex = !itemsIndex)
          ? List.of("CREATE INDEX by_n ON " + table + " (n)")
          : List.of("ALTER TABLE " + table + " DROP INDEX by_n");
      case 5 -> (typedIndex = !typedIndex)
          ? List.of("ALTER TABLE shop.typed ADD INDEX by_dtt (dtt, e)")
          : List.of("DROP INDEX by_dtt ON shop.typed");
      case 6 -> {
        String renamed = items.equals("items") ? "items_r" : "items";
        items = renamed;
        yield List.of("RENAME TABLE " + table + " TO shop." + renamed);
      }
      // only once the load is done: a swap before the table's copy begins is an open bug (see
      // cdc.GhostSwapOfRenamedTableDuringLoadTest)
      case 7 -> swapsAllowed ? ghostSwap(name) : List.of("TRUNCATE TABLE shop.scratch");
      case 8 -> List.of("TRUNCATE TABLE shop.scratch");
      default -> List.of("ALTER TABLE shop.audit ADD COLUMN " + name + " INT DEFAULT "
          + names);
    };
  }

  private String extra() {
    List<String> columns = new ArrayList<>(extraColumns.keySet());
    return columns.get(random.nextInt(columns.size()));
  }

  /** gh-ost's way: a shadow table altered and filled, swapped in by one RENAME TABLE. */
  private List<String> ghostSwap(String added) {
    String shadow = "shop._" + items + "_gho";
    String old = "shop._" + items + "_del";
    List<String> columns = new ArrayList<>(List.of("id", "c", "n"));
    columns.addAll(extraColumns.keySet());
    extraColumns.put(added, "INT DEFAULT 1");
    String list = String.join(", ", columns);
    return List.of("CREATE TABLE " + shadow + " LIKE shop." + items,
        "ALTER TABLE " + shadow + " ADD COLUMN " + added + " INT DEFAULT 1",
        "INSERT INTO " + shadow + " (" + list + ") SELECT " + list + " FROM shop." + items,
        "RENAME TABLE shop." + items + " TO " + old + ", " + shadow + " TO shop." + items,
        "DROP TABLE " + old);
  }
}
