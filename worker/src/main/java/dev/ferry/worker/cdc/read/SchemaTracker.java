package dev.ferry.worker.cdc.read;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.CatalogColumn;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.CatalogTable;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.catalog.UniqueKey;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the source's information_schema says about tables, for what TABLE_MAP events do not
 * carry: the identifying key (always), and column names, signedness and charsets when the
 * source logs no (or minimal) row metadata. Cached per table; {@link #invalidate} after a DDL.
 */
final class SchemaTracker implements AutoCloseable {

  private static final String COLLATIONS =
      "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL";

  private final Database source;
  private final Map<TableRef, TrackedTable> tables = new HashMap<>();
  private Map<Integer, String> charsetByCollation;

  SchemaTracker(Database source) {
    this.source = source;
  }

  /**
   * A column as information_schema describes it.
   *
   * @param dataType its DATA_TYPE, lower case ({@code varchar})
   */
  record TrackedColumn(String name, String dataType, boolean unsigned, String charset,
      boolean generated) {}

  /**
   * A table as information_schema describes it.
   *
   * @param columns in ordinal order; empty when the table does not exist (any more)
   * @param key the columns of {@link CatalogTable#key}, empty when there is none
   * @param primary whether that key is the primary key (not another unique key)
   */
  record TrackedTable(List<TrackedColumn> columns, List<String> key, boolean primary) {

    TrackedColumn column(String name) {
      for (TrackedColumn column : columns) {
        if (column.name().equalsIgnoreCase(name)) {
          return column;
        }
      }
      return null;
    }
  }

  /** The table's columns and key, read once until invalidated. */
  TrackedTable table(TableRef table) {
    TrackedTable tracked = tables.get(table);
    if (tracked == null) {
      tracked = read(table);
      tables.put(table, tracked);
    }
    return tracked;
  }

  /** Forgets what is known about these tables (after a DDL on them). */
  void invalidate(Collection<TableRef> changed) {
    tables.keySet().removeAll(changed);
  }

  /** Forgets every table (after a DDL whose tables are unknown). */
  void invalidateAll() {
    tables.clear();
  }

  /** The character set of a collation id, or null when the source does not know the id. */
  String charsetOfCollation(int collationId) {
    if (charsetByCollation == null) {
      charsetByCollation = readCollations();
    }
    return charsetByCollation.get(collationId);
  }

  @Override
  public void close() {
    source.close();
  }

  private TrackedTable read(TableRef table) {
    try (Connection connection = source.connection()) {
      return tracked(CatalogReader.read(connection, Scope.table(table)).table(table)
          .orElse(new CatalogTable(table, List.of(), List.of())));
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other, "cannot read the columns of " + table
          + " from information_schema on the source: " + e.getMessage(), e);
    }
  }

  /** What decoding needs of a table the catalog describes. */
  static TrackedTable tracked(CatalogTable table) {
    List<String> key = table.key().stream().map(CatalogColumn::name).toList();
    boolean primary = !key.isEmpty() && table.uniqueKeys().stream().anyMatch(
        unique -> UniqueKey.PRIMARY.equals(unique.name()) && unique.columns().equals(key));
    return new TrackedTable(table.columns().stream().map(c -> new TrackedColumn(c.name(),
        c.dataType(), c.unsigned(), c.charset(), c.generated())).toList(), key, primary);
  }

  private Map<Integer, String> readCollations() {
    Map<Integer, String> result = new HashMap<>();
    try (Connection connection = source.connection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(COLLATIONS)) {
      while (rs.next()) {
        result.put(rs.getInt(1), rs.getString(2));
      }
      return result;
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other,
          "cannot read the collations from information_schema on the source: " + e.getMessage(),
          e);
    }
  }
}
