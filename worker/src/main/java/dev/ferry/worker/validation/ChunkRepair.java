package dev.ferry.worker.validation;

import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.target.EnumErrorWrites;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Re-copies one chunk from the source to the target in one target transaction: deletes the target's
 * rows in the key range (the whole table when keyless) and inserts the rows of the range of every
 * source table of the group that pass its rule's filter, under their target names. Values travel as
 * the full load moves them: text in utf8mb4, binary and BIT values as bytes; FLOAT and DOUBLE as
 * their exact scaled text (see {@link TypeClass#FLOATING}), rebuilt bit for bit and bound as
 * doubles. Target sessions skip foreign key checks, accept zero dates and explicit zeros in
 * AUTO_INCREMENT columns, and skip the binlog when {@code spec.target.writeBinlog} is false.
 */
final class ChunkRepair {

  private static final int BATCH = 500;
  private static final Set<String> DROPPED_MODES = Set.of("NO_ZERO_DATE", "NO_ZERO_IN_DATE");

  private final boolean writeBinlog;

  ChunkRepair(boolean writeBinlog) {
    this.writeBinlog = writeBinlog;
  }

  /**
   * Replaces the target's rows of {@code range} with the rows of every member of {@code group};
   * returns the rows written.
   */
  long repair(TableGroup group, TableGroup.Sources sources, Connection target, KeyRange range)
      throws SQLException {
    String sqlMode;
    try (Connection first = sources.connection(group.first())) {
      sqlMode = prepareTarget(first, target);
    }
    boolean autoCommit = target.getAutoCommit();
    target.setAutoCommit(false);
    try {
      delete(target, group.first(), range);
      long rows = 0;
      for (ComparedTable member : group.members()) {
        try (Connection source = sources.connection(member)) {
          rows += copy(prepareSource(source), target, member, range, member.columns(),
              sqlMode);
        }
      }
      target.commit();
      return rows;
    } catch (SQLException | RuntimeException e) {
      target.rollback();
      throw e;
    } finally {
      target.setAutoCommit(autoCommit);
    }
  }

  private static void delete(Connection target, ComparedTable table, KeyRange range)
      throws SQLException {
    try (PreparedStatement statement = target.prepareStatement("DELETE FROM "
        + table.table(Side.TARGET) + " WHERE " + range.condition(table.keyColumns(Side.TARGET)))) {
      range.bind(statement, 1, table.keyBinary());
      statement.executeUpdate();
    }
  }

  /** Copies the rows; {@code sqlMode} is the target session's (see {@link EnumErrorWrites}). */
  private static long copy(Connection source, Connection target, ComparedTable table,
      KeyRange range, List<ComparedColumn> columns, String sqlMode) throws SQLException {
    List<String> reads = new ArrayList<>();
    List<String> writes = new ArrayList<>();
    for (ComparedColumn column : columns) {
      String quoted = Sql.quote(column.sourceName());
      reads.add(TypeClass.of(column) == TypeClass.FLOATING
          ? TypeClass.floating("(" + quoted + " * 1e0)") : quoted);
      writes.add(Sql.quote(column.targetName()));
    }
    String select = "SELECT " + String.join(", ", reads) + " FROM " + table.table(Side.SOURCE)
        + " WHERE " + range.condition(table.keyColumns(Side.SOURCE)) + table.filter(Side.SOURCE);
    String insert = "INSERT INTO " + table.table(Side.TARGET) + " (" + String.join(", ", writes)
        + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    long rows = 0;
    try (PreparedStatement read = source.prepareStatement(select, ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY);
        PreparedStatement write = target.prepareStatement(insert)) {
      read.setFetchSize(Integer.MIN_VALUE);
      range.bind(read, 1, table.keyBinary());
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          Set<String> errors = null;
          for (int i = 0; i < columns.size(); i++) {
            byte[] value = rs.getBytes(i + 1);
            bind(write, i + 1, columns.get(i), value);
            if (value != null && value.length == 0 && columns.get(i).targetEnumError()) {
              errors = errors == null ? new HashSet<>() : errors;
              errors.add(columns.get(i).targetName());
            }
          }
          rows++;
          if (errors == null) {
            write.addBatch();
            if (rows % BATCH == 0) {
              write.executeBatch();
            }
          } else {
            EnumErrorWrites.run(target, sqlMode, errors, write::executeUpdate);
          }
        }
      }
      write.executeBatch();
    }
    return rows;
  }

  private static void bind(PreparedStatement statement, int parameter, ComparedColumn column,
      byte[] value) throws SQLException {
    TypeClass type = TypeClass.of(column);
    if (value == null) {
      statement.setNull(parameter, Types.NULL);
    } else if (type == TypeClass.FLOATING) {
      statement.setDouble(parameter,
          TypeClass.parseFloating(new String(value, StandardCharsets.US_ASCII)));
    } else if (column.binary()) {
      statement.setBytes(parameter, value);
    } else {
      statement.setString(parameter, new String(value, StandardCharsets.UTF_8));
    }
  }

  private static Connection prepareSource(Connection source) throws SQLException {
    try (Statement statement = source.createStatement()) {
      statement.execute("SET SESSION character_set_results = utf8mb4");
    }
    return source;
  }

  /** Prepares the target session; returns its SQL mode. */
  private String prepareTarget(Connection source, Connection target) throws SQLException {
    Set<String> modes = new LinkedHashSet<>();
    for (String mode : sqlMode(target)) {
      if (!mode.isBlank() && !DROPPED_MODES.contains(mode)) {
        modes.add(mode);
      }
    }
    modes.add("NO_AUTO_VALUE_ON_ZERO");
    if (sqlMode(source).contains("ALLOW_INVALID_DATES")) {
      modes.add("ALLOW_INVALID_DATES");
    }
    try (Statement statement = target.createStatement()) {
      statement.execute("SET SESSION foreign_key_checks = 0");
      if (!writeBinlog) {
        statement.execute("SET SESSION sql_log_bin = 0");
      }
    }
    String sqlMode = String.join(",", modes);
    try (PreparedStatement statement = target.prepareStatement("SET SESSION sql_mode = ?")) {
      statement.setString(1, sqlMode);
      statement.execute();
    }
    return sqlMode;
  }

  private static List<String> sqlMode(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
      rs.next();
      String mode = rs.getString(1) == null ? "" : rs.getString(1).toUpperCase(Locale.ROOT);
      return Arrays.asList(mode.split(","));
    }
  }
}
