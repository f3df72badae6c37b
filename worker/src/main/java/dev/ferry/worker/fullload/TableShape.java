package dev.ferry.worker.fullload;

import dev.ferry.worker.catalog.Catalog;
import dev.ferry.worker.catalog.CatalogColumn;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.CatalogTable;
import dev.ferry.worker.catalog.ChunkPlanner;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.catalog.TableDefinitions;
import dev.ferry.worker.catalog.TableInfo;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source table's columns and the key the load chunks it by ({@link CatalogTable#key}: none
 * means the table is copied as one stream).
 *
 * @param key the chunk key columns in index order; empty when the table has no usable key
 * @param signature the column signature the shape was read with ({@link
 *     TableDefinitions#columnSignature}): a read of the table is only right while the table
 *     still has it
 */
record TableShape(String source, TableMapping mapping, List<Column> columns, List<Column> key,
    long rowsEstimated, String signature) {

  TableShape {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
  }

  /** Whether the table has a key to split it into ranges. */
  boolean keyed() {
    return !key.isEmpty();
  }

  /** Quoted key columns, in index order. */
  List<String> keyColumns() {
    return key.stream().map(c -> Sql.quote(c.name())).toList();
  }

  /** For each key column, whether its values travel as bytes. */
  List<Boolean> keyBinary() {
    return key.stream().map(c -> c.kind() == ValueKind.BINARY).toList();
  }

  /** The table as the chunk planner splits it: every row, by the key. */
  ChunkPlanner.Table chunking() {
    return new ChunkPlanner.Table(mapping.source().toString(), mapping.source().sql(),
        keyColumns(), keyBinary(), "");
  }

  /** The columns written to the target: every column but generated ones. */
  List<Column> writable() {
    return columns.stream().filter(c -> !c.generated()).toList();
  }

  /**
   * Reads the shapes of the source tables of {@code mappings} from the source's
   * information_schema, a few queries for all of them.
   */
  static List<TableShape> read(Connection connection, String source, List<TableMapping> mappings)
      throws SQLException {
    Scope scope = Scope.schemasOf(mappings.stream().map(TableMapping::source).toList());
    Catalog catalog = CatalogReader.read(connection, scope);
    Map<TableRef, TableInfo> infos = CatalogReader.tables(connection, scope);
    Map<TableRef, String> signatures = TableDefinitions.columnSignatures(connection,
        mappings.stream().map(TableMapping::source).toList());
    List<TableShape> shapes = new ArrayList<>();
    for (TableMapping mapping : mappings) {
      Optional<CatalogTable> table = catalog.table(mapping.source());
      TableInfo info = infos.get(mapping.source());
      shapes.add(new TableShape(source, mapping,
          table.map(t -> columns(t.columns(), mapping)).orElse(List.of()),
          table.map(t -> columns(t.key(), mapping)).orElse(List.of()),
          info == null ? 0 : info.rowsEstimated(),
          signatures.getOrDefault(mapping.source(), "")));
    }
    return shapes;
  }

  private static List<Column> columns(List<CatalogColumn> columns, TableMapping mapping) {
    return columns.stream().map(c -> new Column(c.name(), mapping.targetColumn(c.name()),
        ValueKind.of(c.dataType()), c.generated())).toList();
  }
}
