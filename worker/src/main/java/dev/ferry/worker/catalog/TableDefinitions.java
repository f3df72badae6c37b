package dev.ferry.worker.catalog;

import dev.ferry.worker.sql.TableRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A source table's definition as the schema phase and the full load compare it: the text of
 * {@code SHOW CREATE TABLE} (read with the session settings of {@link #prepareSession}), its
 * fingerprint (the text without the AUTO_INCREMENT counter, which moves with every insert), and
 * the column signature (names, order, types, collations, generation) that decides whether rows
 * read from the source fit a target table made from a given definition.
 */
public final class TableDefinitions {

  /** The table does not exist. */
  private static final int NO_SUCH_TABLE = 1146;
  private static final Pattern COUNTER = Pattern.compile(" AUTO_INCREMENT=\\d+");
  /** The columns a signature is made of, and where they are read from. */
  private static final String COLUMNS = "TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME,"
      + " EXTRA, GENERATION_EXPRESSION, ORDINAL_POSITION FROM information_schema.COLUMNS";

  private TableDefinitions() {}

  /** Settings under which SHOW CREATE TABLE prints the same text for the same definition. */
  public static void prepareSession(Connection source) throws SQLException {
    try (Statement statement = source.createStatement()) {
      statement.execute("SET SESSION sql_mode = '', SESSION sql_quote_show_create = 1");
    }
  }

  /** The SHOW CREATE TABLE text of {@code table}, or empty when it does not exist. */
  public static Optional<String> showCreate(Connection source, TableRef table)
      throws SQLException {
    try (Statement statement = source.createStatement();
        ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table.sql())) {
      return rs.next() ? Optional.of(rs.getString(2)) : Optional.empty();
    } catch (SQLException e) {
      if (e.getErrorCode() == NO_SUCH_TABLE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The fingerprint of a SHOW CREATE TABLE text: equal for equal definitions. */
  public static String fingerprint(String showCreate) {
    return sha256(COUNTER.matcher(showCreate).replaceFirst(""));
  }

  /**
   * The column signature of {@code table}, empty when it has no columns (does not exist): one
   * query that reads this table's columns only, however many tables its schema holds.
   */
  public static String columnSignature(Connection source, TableRef table) throws SQLException {
    return signatures(source, table.schema(), table.table(), Set.of(table))
        .getOrDefault(table, "");
  }

  /**
   * The column signatures of {@code tables}, one query per schema; a table that does not exist
   * has none.
   */
  public static Map<TableRef, String> columnSignatures(Connection source,
      Collection<TableRef> tables) throws SQLException {
    Set<TableRef> wanted = new HashSet<>(tables);
    Set<String> schemas = new TreeSet<>();
    tables.forEach(t -> schemas.add(t.schema()));
    Map<TableRef, String> signatures = new HashMap<>();
    for (String schema : schemas) {
      signatures.putAll(signatures(source, schema, null, wanted));
    }
    return signatures;
  }

  /**
   * The column signatures of a few named {@code tables}, one query for all that reads their
   * columns only (a lookup per table, however many tables their schemas hold); a table that
   * does not exist has none.
   */
  public static Map<TableRef, String> columnSignaturesOf(Connection source,
      Collection<TableRef> tables) throws SQLException {
    List<TableRef> named = List.copyOf(new LinkedHashSet<>(tables));
    if (named.isEmpty()) {
      return Map.of();
    }
    String one = "SELECT TABLE_SCHEMA, " + COLUMNS + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    String sql = named.size() == 1 ? one : "(" + String.join(") UNION ALL (",
        Collections.nCopies(named.size(), one)) + ")";
    try (PreparedStatement query = source.prepareStatement(sql
        + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")) {
      for (int i = 0; i < named.size(); i++) {
        query.setString(2 * i + 1, named.get(i).schema());
        query.setString(2 * i + 2, named.get(i).table());
      }
      return signatures(query, null, Set.copyOf(named));
    }
  }

  /** The signatures of the {@code tables} in {@code schema}, or of its one table {@code only}. */
  private static Map<TableRef, String> signatures(Connection source, String schema, String only,
      Set<TableRef> tables) throws SQLException {
    try (PreparedStatement query = source.prepareStatement("SELECT " + COLUMNS
        + " WHERE TABLE_SCHEMA = ?" + (only == null ? "" : " AND TABLE_NAME = ?")
        + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
      query.setString(1, schema);
      if (only != null) {
        query.setString(2, only);
      }
      return signatures(query, schema, tables);
    }
  }

  /**
   * The signatures of the {@code tables} among the columns {@code query} reads in order, of
   * {@code schema} (or with the schema first when that is null).
   */
  private static Map<TableRef, String> signatures(PreparedStatement query, String schema,
      Set<TableRef> tables) throws SQLException {
    Map<TableRef, StringBuilder> texts = new LinkedHashMap<>();
    int at = schema == null ? 2 : 1;
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        TableRef table = new TableRef(schema == null ? rs.getString(1) : schema,
            rs.getString(at));
        if (tables.contains(table)) {
          texts.computeIfAbsent(table, t -> new StringBuilder())
              .append(rs.getString(at + 1)).append('\u0001').append(rs.getString(at + 2))
              .append('\u0001').append(rs.getString(at + 3)).append('\u0001')
              .append(generated(rs.getString(at + 4), rs.getString(at + 5))).append('\u0002');
        }
      }
    }
    Map<TableRef, String> signatures = new HashMap<>();
    texts.forEach((table, text) -> signatures.put(table, sha256(text.toString())));
    return signatures;
  }

  /** What the copy cares about in EXTRA: whether and how the column is generated. */
  private static String generated(String extra, String expression) {
    String kind = extra == null ? "" : extra.toUpperCase(Locale.ROOT);
    if (!kind.contains("GENERATED") || kind.contains("DEFAULT_GENERATED")) {
      return "";
    }
    return kind + " " + (expression == null ? "" : expression);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
