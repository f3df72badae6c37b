package dev.ferry.worker.cdc.route;

import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a table rule's {@code where} filter to row changes read from the binlog. The
 * expression is SQL, so the source server evaluates it (with the same semantics as the full
 * load's {@code WHERE}) over the row images, bound as parameters of a derived table; ENUM and
 * SET values are bound as their text, as the columns compare in SQL (the members are read from
 * the source's current definition, so a filter on an ENUM whose members were reordered later
 * in the binlog than the change evaluates with the new order). An UPDATE that moves a row into
 * the filter becomes an INSERT, one that moves it out becomes a DELETE.
 */
public final class RowFilter {

  private static final String ROW_NUMBER = "__ferry_row";

  private final Connection source;

  /** A filter evaluating on {@code source} (a connection the caller owns). */
  public RowFilter(Connection source) {
    this.source = source;
  }

  /** The changes that reach the target, in order, for one table with a where filter. */
  public List<RowChange> filter(TableMapping mapping, List<RowChange> changes)
      throws SQLException {
    if (mapping.where() == null || changes.isEmpty()) {
      return changes;
    }
    TableSchema schema = changes.get(0).schema();
    List<Object[]> images = new ArrayList<>();
    for (RowChange change : changes) {
      images.add(change.before());
      images.add(change.after());
    }
    boolean[] matches = evaluate(mapping.where(), schema, images);
    List<RowChange> out = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      RowChange change = changes.get(i);
      boolean before = matches[2 * i];
      boolean after = matches[2 * i + 1];
      switch (change.operation()) {
        case INSERT -> keepIf(after, change, out);
        case DELETE -> keepIf(before, change, out);
        case UPDATE -> {
          if (before && after) {
            out.add(change);
          } else if (before) {
            out.add(new RowChange(schema, RowOperation.DELETE, change.before(), null));
          } else if (after) {
            out.add(new RowChange(schema, RowOperation.INSERT, null, change.after()));
          }
        }
        default -> throw new IllegalStateException("operation " + change.operation());
      }
    }
    return out;
  }

  private static void keepIf(boolean matches, RowChange change, List<RowChange> out) {
    if (matches) {
      out.add(change);
    }
  }

  /** Whether each image (null images never match) satisfies {@code where}. */
  private boolean[] evaluate(String where, TableSchema schema, List<Object[]> images)
      throws SQLException {
    boolean[] result = new boolean[images.size()];
    List<Integer> present = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      if (images.get(i) != null) {
        present.add(i);
      }
    }
    if (present.isEmpty()) {
      return result;
    }
    EnumLabels labels = EnumLabels.of(source, schema.table());
    try (PreparedStatement statement = source.prepareStatement(query(where, schema,
        present.size()))) {
      int parameter = 1;
      for (int index : present) {
        statement.setInt(parameter++, index);
        Object[] image = images.get(index);
        for (int column = 0; column < image.length; column++) {
          statement.setObject(parameter++,
              labels.spell(schema.columns().get(column).name(), image[column]));
        }
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result[rs.getInt(1)] = rs.getBoolean(2) && !rs.wasNull();
        }
      }
    }
    return result;
  }

  private static String query(String where, TableSchema schema, int rows) {
    StringBuilder first = new StringBuilder("SELECT ? AS ").append(Sql.quote(ROW_NUMBER));
    StringBuilder next = new StringBuilder(" UNION ALL SELECT ?");
    for (SourceColumn column : schema.columns()) {
      first.append(", ? AS ").append(Sql.quote(column.name()));
      next.append(", ?");
    }
    StringBuilder derived = new StringBuilder(first);
    for (int i = 1; i < rows; i++) {
      derived.append(next);
    }
    return "SELECT " + Sql.quote(ROW_NUMBER) + ", (" + where + ") FROM (" + derived
        + ") AS ferry_rows";
  }
}
