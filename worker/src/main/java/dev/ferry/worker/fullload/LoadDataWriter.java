package dev.ferry.worker.fullload;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.target.EnumErrorWrites;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Writes rows with LOAD DATA LOCAL INFILE from an in-memory buffer ({@link LoadDataBatch}), which
 * servers parse much faster than INSERT text. Text values go as utf8mb4 (the server converts to
 * the column's character set), binary values in hexadecimal through {@code UNHEX}, NULL as
 * {@code \N}.
 *
 * <p>When every column of the target table that takes text is a utf8mb4 string or not a string
 * at all (numbers, temporal types; not ENUM, SET or JSON), the buffer is declared {@code
 * CHARACTER SET binary} instead ({@link #rawText}): the bytes are already the utf8mb4 the column
 * stores, and the server then splits fields byte by byte rather than character by character,
 * which costs it markedly less; it still checks that the text is well-formed utf8mb4.
 *
 * <p>LOAD DATA LOCAL keeps existing rows with the same key (the Ignore conflict policy) but also
 * turns conversion errors into warnings; so after each load the writer counts warnings, and any
 * warning beyond one per skipped duplicate fails the chunk (which is then rolled back).
 *
 * <p>Only the load's target connections announce LOCAL INFILE ({@link #driverProperties}: files
 * only from an empty private directory), and while a writer is open the connection always has an
 * in-memory stream set, which the driver sends instead of any file a server asks for: a server
 * cannot read the worker's files.
 */
final class LoadDataWriter implements TargetWriter {

  private static final int DUPLICATE_KEY = 1062;

  private final RuntimeProperty<Boolean> localFiles;
  private final Statement statement;
  private final JdbcStatement load;
  private final List<Column> columns;
  private final boolean[] enumErrors;
  private final Set<String> enumErrorColumns;
  private final String sql;

  /** @param types the target table's columns as they are now */
  LoadDataWriter(Connection target, TableShape shape, TargetColumns types) throws SQLException {
    this.localFiles = target.unwrap(JdbcConnection.class).getPropertySet()
        .getBooleanProperty(PropertyKey.allowLoadLocalInfile);
    this.statement = target.createStatement();
    this.load = statement.unwrap(JdbcStatement.class);
    load.setLocalInfileInputStream(InputStream.nullInputStream());
    localFiles.setValue(true);
    this.columns = shape.writable();
    this.enumErrors = types.enumErrorValues(columns);
    this.enumErrorColumns = TargetColumns.names(columns, enumErrors);
    this.sql = sql(shape, types.rawText(columns) ? "binary" : "utf8mb4");
  }

  /** Whether the text of {@code columns} can go to {@code table} as raw bytes (see above). */
  static boolean rawText(Connection target, TableRef table, List<Column> columns)
      throws SQLException {
    return TargetColumns.read(target, table).rawText(columns);
  }

  /** Connector/J properties for target connections that load from in-memory streams. */
  static Properties driverProperties() {
    Properties properties = new Properties();
    try {
      Path empty = Files.createTempDirectory("ferry-no-local-files");
      empty.toFile().deleteOnExit();
      properties.setProperty("allowLoadLocalInfileInPath", empty.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    return properties;
  }

  /**
   * Whether the target accepts LOAD DATA LOCAL inside a transaction: MySQL or MariaDB with
   * {@code local_infile} on (TiDB commits LOAD DATA in batches of its own, so it gets INSERTs).
   */
  static boolean supported(Connection target) throws SQLException {
    if (ServerInfo.detect(target).flavor() == Flavor.TIDB) {
      return false;
    }
    try (Statement statement = target.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.local_infile")) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  @Override
  public RowBatch newBatch() {
    return new LoadDataBatch(columns, enumErrors);
  }

  @Override
  public void send(RowBatch batch) throws SQLException {
    LoadDataBatch rows = (LoadDataBatch) batch;
    if (rows.rows() == 0) {
      return;
    }
    load.setLocalInfileInputStream(new ByteArrayInputStream(rows.buffer(), 0, rows.size()));
    long inserted = statement.executeLargeUpdate(sql);
    load.setLocalInfileInputStream(InputStream.nullInputStream());
    checkWarnings(rows.rows() - inserted, rows.enumErrors());
  }

  @Override
  public void close() throws SQLException {
    localFiles.setValue(false);
    statement.close();
  }

  /**
   * Fails when the load had warnings other than one per skipped duplicate and one per ENUM error
   * value written (see {@link dev.ferry.worker.target.EnumErrorWrites}; each of those raises exactly
   * one truncation warning, so any other problem shows as a warning too many).
   */
  private void checkWarnings(long skipped, long enumErrorValues) throws SQLException {
    long warnings;
    // SHOW COUNT(*) WARNINGS keeps the list; on MySQL, SELECT @@warning_count empties it
    try (ResultSet rs = statement.executeQuery("SHOW COUNT(*) WARNINGS")) {
      rs.next();
      warnings = rs.getLong(1);
    }
    if (warnings <= skipped + enumErrorValues) {
      return;
    }
    List<String> problems = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery("SHOW WARNINGS LIMIT 64")) {
      while (rs.next()) {
        if (rs.getInt(2) != DUPLICATE_KEY && problems.size() < 3
            && !EnumErrorWrites.expected(rs.getInt(2), rs.getString(3), enumErrorColumns)) {
          problems.add(rs.getString(3));
        }
      }
    }
    if (problems.isEmpty()) {
      problems.add(warnings + " warnings");
    }
    throw new SQLException("values did not fit the target table (" + String.join("; ", problems)
        + "); make the target columns match the source's types", "22000");
  }

  private static String sql(TableShape shape, String charset) {
    List<String> targets = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    List<Column> columns = shape.writable();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      if (column.kind() == ValueKind.BINARY) {
        targets.add("@v" + i);
        sets.add(Sql.quote(column.targetName()) + " = UNHEX(@v" + i + ")");
      } else {
        targets.add(Sql.quote(column.targetName()));
      }
    }
    return "LOAD DATA LOCAL INFILE 'ferry-chunk' INTO TABLE " + shape.mapping().target().sql()
        + " CHARACTER SET " + charset + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
        + " LINES TERMINATED BY '\\n' (" + String.join(", ", targets) + ")"
        + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
  }
}
