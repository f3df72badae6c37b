package dev.ferry.worker.fullload;

import static java.util.stream.Collectors.joining;

import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.ForeignKey;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.meta.LedgerTable;
import dev.ferry.worker.meta.MetaSchema;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the plain secondary indexes of a target table once its rows are loaded, instead of row
 * by row while they arrive: the server then sorts the keys once (a sorted index build), which
 * costs the target far less than inserting every row into every index.
 *
 * <p>When a table of more than one chunk is planned and the target table is still empty (a
 * table of one chunk keeps its indexes: two ALTER TABLEs would cost it more than they save),
 * its plain (non-unique, B-tree, {@code KEY ...}) indexes are recorded in {@code
 * ferry_meta.fullload_indexes}, exactly as {@code SHOW CREATE TABLE} prints them, and then
 * dropped. When every chunk of the table is
 * done, the recorded indexes still missing are added back in one {@code ALTER TABLE}, and the
 * records deleted ({@link FullLoad} does so as soon as it has copied its last chunk of the
 * table, while the other tables are still copied). A stop at any point is safe: records are
 * written before the drop and deleted after the build, and the build adds only the indexes that
 * are missing, so the next run builds whatever is left before the load reports itself complete.
 *
 * <p>Only InnoDB tables take part. Unique, full-text and spatial indexes stay (unique ones
 * decide which rows are duplicates during the load), and so does every index of a table that
 * has foreign keys or is referenced by one (the server refuses to drop an index a foreign key
 * needs).
 */
final class IndexDeferral {

  static final String TABLE = "fullload_indexes";
  /** ER_DUP_KEYNAME: the table has an index of that name already. */
  private static final int DUPLICATE_KEY_NAME = 1061;

  private final String taskId;
  /** The foreign keys of each schema seen, read once per schema (the schema phase is over). */
  private final Map<String, List<ForeignKey>> foreignKeys = new HashMap<>();

  IndexDeferral(String taskId) {
    this.taskId = taskId;
  }

  /** Creates the meta schema and the record table when missing. */
  static void ensure(Connection target) throws SQLException {
    LedgerTable.create(target, TABLE, "task_id VARCHAR(320) NOT NULL,"
        + " table_schema VARCHAR(64) NOT NULL,"
        + " table_name VARCHAR(64) NOT NULL,"
        + " position INT NOT NULL,"
        + " index_name VARCHAR(64) NOT NULL,"
        + " definition LONGTEXT NOT NULL COMMENT 'as SHOW CREATE TABLE prints it',"
        + " PRIMARY KEY (task_id, table_schema, table_name, position)");
  }

  /**
   * Records and drops the plain secondary indexes of {@code table} when it is empty, has no
   * foreign keys and none references it, and nothing is recorded for it yet ({@code recorded},
   * the tables of {@link #pending}); otherwise leaves it alone. Returns the names of the indexes
   * dropped.
   */
  List<String> defer(Connection target, TableRef table, Set<TableRef> recorded)
      throws SQLException {
    if (recorded.contains(table) || inForeignKey(target, table) || hasRows(target, table)) {
      return List.of();
    }
    Map<String, String> indexes = plainIndexes(target, table);
    if (indexes.isEmpty()) {
      return List.of();
    }
    record(target, table, indexes);
    try (Statement statement = target.createStatement()) {
      statement.execute("ALTER TABLE " + table.sql() + " " + indexes.keySet().stream()
          .map(name -> "DROP INDEX " + Sql.quote(name)).collect(joining(", ")));
    }
    return List.copyOf(indexes.keySet());
  }

  /**
   * The recorded index definitions of every table with indexes recorded and perhaps not built
   * yet, by name in their original order: one query for the whole task.
   */
  Map<TableRef, Map<String, String>> pending(Connection target) throws SQLException {
    Map<TableRef, Map<String, String>> tables = new LinkedHashMap<>();
    try (PreparedStatement statement = target.prepareStatement("SELECT table_schema,"
        + " table_name, index_name, definition FROM " + MetaSchema.table(TABLE)
        + " WHERE task_id = ? ORDER BY table_schema, table_name, position")) {
      statement.setString(1, taskId);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tables.computeIfAbsent(new TableRef(rs.getString(1), rs.getString(2)),
              t -> new LinkedHashMap<>()).put(rs.getString(3), rs.getString(4));
        }
      }
    }
    return tables;
  }

  /** Builds the recorded indexes of {@code table} that it lacks, as the method below. */
  List<String> build(Connection target, TableRef table) throws SQLException {
    return build(target, table, recorded(target, table));
  }

  /**
   * Adds the {@code recorded} indexes of {@code table} that it lacks, in one ALTER TABLE, then
   * deletes the records. Returns the names of the indexes built. The ALTER first adds them all;
   * only when the server says that one exists already (a run stopped after its build) are the
   * table's index names read, and the missing ones added.
   */
  List<String> build(Connection target, TableRef table, Map<String, String> recorded)
      throws SQLException {
    List<String> missing = List.copyOf(recorded.keySet());
    if (!missing.isEmpty()) {
      try {
        add(target, table, recorded, missing);
      } catch (SQLException e) {
        if (e.getErrorCode() != DUPLICATE_KEY_NAME) {
          throw e;
        }
        Set<String> existing = indexNames(target, table);
        missing = missing.stream().filter(n -> !existing.contains(n)).toList();
        if (!missing.isEmpty()) {
          add(target, table, recorded, missing);
        }
      }
    }
    forget(target, table);
    return missing;
  }

  private static void add(Connection target, TableRef table, Map<String, String> recorded,
      List<String> names) throws SQLException {
    try (Statement statement = target.createStatement()) {
      statement.execute("ALTER TABLE " + table.sql() + " " + names.stream()
          .map(name -> "ADD " + recorded.get(name)).collect(joining(", ")));
    }
  }

  /** Forgets the indexes recorded for {@code table} (it was made again). */
  void forget(Connection target, TableRef table) throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("DELETE FROM "
        + MetaSchema.table(TABLE) + " WHERE task_id = ? AND table_schema = ? AND table_name = ?")) {
      statement.setString(1, taskId);
      statement.setString(2, table.schema());
      statement.setString(3, table.table());
      statement.executeUpdate();
    }
  }

  /** Recorded index definitions of {@code table} by name, in their original order. */
  private Map<String, String> recorded(Connection target, TableRef table) throws SQLException {
    Map<String, String> indexes = new LinkedHashMap<>();
    try (PreparedStatement statement = target.prepareStatement("SELECT index_name, definition"
        + " FROM " + MetaSchema.table(TABLE) + " WHERE task_id = ? AND table_schema = ?"
        + " AND table_name = ? ORDER BY position")) {
      statement.setString(1, taskId);
      statement.setString(2, table.schema());
      statement.setString(3, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          indexes.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return indexes;
  }

  private void record(Connection target, TableRef table, Map<String, String> indexes)
      throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("INSERT INTO "
        + MetaSchema.table(TABLE) + " (task_id, table_schema, table_name, position, index_name,"
        + " definition) VALUES (?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (Map.Entry<String, String> index : indexes.entrySet()) {
        statement.setString(1, taskId);
        statement.setString(2, table.schema());
        statement.setString(3, table.table());
        statement.setInt(4, position++);
        statement.setString(5, index.getKey());
        statement.setString(6, index.getValue());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /**
   * The table's plain indexes by name, each as its {@code KEY `name` (...) ...} clause from SHOW
   * CREATE TABLE (one line each; the server escapes line breaks inside comments).
   */
  static Map<String, String> plainIndexes(Connection target, TableRef table)
      throws SQLException {
    String ddl;
    try (Statement statement = target.createStatement();
        ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table.sql())) {
      rs.next();
      ddl = rs.getString(2);
    }
    Map<String, String> indexes = new LinkedHashMap<>();
    if (!ddl.contains("\n) ENGINE=InnoDB")) {
      return indexes;
    }
    for (String line : ddl.split("\n")) {
      String clause = line.strip();
      if (!clause.startsWith("KEY `") || clause.contains(" USING HASH")) {
        continue;
      }
      if (clause.endsWith(",")) {
        clause = clause.substring(0, clause.length() - 1);
      }
      indexes.put(quotedName(clause.substring("KEY ".length())), clause);
    }
    return indexes;
  }

  /** The name in a leading backquoted identifier ({@code `a``b` (...)} is {@code a`b}). */
  private static String quotedName(String text) {
    StringBuilder name = new StringBuilder();
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '`') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
          name.append('`');
          i++;
          continue;
        }
        return name.toString();
      }
      name.append(c);
    }
    throw new IllegalArgumentException("unterminated identifier in " + text);
  }

  private static Set<String> indexNames(Connection target, TableRef table) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    try (PreparedStatement statement = target.prepareStatement("SELECT DISTINCT INDEX_NAME"
        + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      statement.setString(1, table.schema());
      statement.setString(2, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static boolean hasRows(Connection target, TableRef table) throws SQLException {
    try (Statement statement = target.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 1 FROM " + table.sql() + " LIMIT 1")) {
      return rs.next();
    }
  }

  /** Whether {@code table} holds a foreign key or is referenced by one. */
  private boolean inForeignKey(Connection target, TableRef table) throws SQLException {
    List<ForeignKey> keys = foreignKeys.get(table.schema());
    if (keys == null) {
      keys = CatalogReader.foreignKeys(target, Scope.schemas(List.of(table.schema())));
      foreignKeys.put(table.schema(), keys);
    }
    return keys.stream().anyMatch(key -> key.involves(table));
  }
}
