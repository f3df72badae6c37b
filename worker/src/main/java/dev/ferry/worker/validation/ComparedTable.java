package dev.ferry.worker.validation;

import static java.util.stream.Collectors.joining;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.Catalog;
import dev.ferry.worker.catalog.CatalogColumn;
import dev.ferry.worker.catalog.CatalogTable;
import dev.ferry.worker.catalog.ChunkPlanner;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.target.EnumErrorWrites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A source table and its target table as validation compares them: the compared columns (every
 * column but generated ones, which each server computes from the others), the key that splits
 * the table into ranges ({@link CatalogTable#key}; empty when there is none) and the SQL that
 * reads each side.
 *
 * @param source name of the source (spec.sources[].name)
 */
record ComparedTable(String source, TableMapping mapping, Flavor sourceFlavor,
    Flavor targetFlavor, List<ComparedColumn> columns, List<ComparedColumn> key) {

  ComparedTable {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
  }

  /** Whether the table has a key to split it into ranges. */
  boolean keyed() {
    return !key.isEmpty();
  }

  /** The source table as {@code schema.table}, as reports name it. */
  String name() {
    return mapping.source().toString();
  }

  /** The quoted table name on {@code side}. */
  String table(Side side) {
    return (side == Side.SOURCE ? mapping.source() : mapping.target()).sql();
  }

  /** {@code " AND (where)"} on the source if its rule filters rows; the target holds only those. */
  String filter(Side side) {
    return side == Side.SOURCE && mapping.where() != null ? " AND (" + mapping.where() + ")" : "";
  }

  /** Quoted key columns on {@code side}, in index order. */
  List<String> keyColumns(Side side) {
    return key.stream().map(c -> Sql.quote(c.name(side))).toList();
  }

  /** For each key column, whether its values travel as bytes. */
  List<Boolean> keyBinary() {
    return key.stream().map(ComparedColumn::binary).toList();
  }

  /** The source table as the chunk planner splits it: the filtered rows, by the key. */
  ChunkPlanner.Table chunking() {
    return new ChunkPlanner.Table(name(), table(Side.SOURCE), keyColumns(Side.SOURCE),
        keyBinary(), filter(Side.SOURCE));
  }

  /**
   * The canonical text of a row: every compared column's canonical text, then one NULL marker
   * per column (so NULL differs from an empty string), joined by {@code '#'}.
   */
  String rowText(Side side) {
    List<String> parts = new ArrayList<>();
    for (ComparedColumn column : columns) {
      parts.add(canonical(column, side));
    }
    parts.add("CONCAT(" + columns.stream()
        .map(c -> "ISNULL(" + Sql.quote(c.name(side)) + ")").collect(joining(", ")) + ")");
    return "CONCAT_WS('#', " + String.join(", ", parts) + ")";
  }

  /** The canonical text of a row's key, equal on both sides for the same key. */
  String keyText(Side side) {
    return "CONCAT_WS('#', " + key.stream().map(c -> canonical(c, side)).collect(joining(", "))
        + ")";
  }

  private String canonical(ComparedColumn column, Side side) {
    return TypeClass.of(column).expression(column, side,
        side == Side.SOURCE ? sourceFlavor : targetFlavor, Sql.quote(column.name(side)));
  }

  /**
   * The compared table of {@code mapping}, from the source's and the target's catalogs (the
   * source's key is {@link CatalogTable#key}).
   */
  static ComparedTable of(Catalog sourceCatalog, Catalog targetCatalog, String source,
      TableMapping mapping, Flavor sourceFlavor, Flavor targetFlavor) {
    List<CatalogColumn> targetColumns = targetCatalog.table(mapping.target())
        .map(CatalogTable::columns).orElse(List.of());
    if (targetColumns.isEmpty()) {
      throw new FerryException(FailureClass.Fatal, "table " + mapping.target()
          + " (from " + source + " " + mapping.source() + ") does not exist on the target;"
          + " run the schema and full-load phases first");
    }
    CatalogTable sourceTable = sourceCatalog.table(mapping.source())
        .orElse(new CatalogTable(mapping.source(), List.of(), List.of()));
    Map<String, ComparedColumn> all = new LinkedHashMap<>();
    List<ComparedColumn> compared = new ArrayList<>();
    for (CatalogColumn column : sourceTable.columns()) {
      String targetName = mapping.targetColumn(column.name());
      CatalogColumn target = targetColumns.stream()
          .filter(c -> c.name().equalsIgnoreCase(targetName)).findFirst().orElse(null);
      if (target == null) {
        throw new FerryException(FailureClass.Fatal, "column " + column.name() + " of "
            + mapping.source() + " has no column " + targetName + " in " + mapping.target()
            + " on the target; add it, or fix the column renames in spec.objects.rules");
      }
      ComparedColumn pair = new ComparedColumn(column.name(), target.name(), column.dataType(),
          target.dataType(), column.charset(), target.charset(),
          EnumErrorWrites.emptyIsErrorValue(target.dataType(), target.columnType()));
      all.put(column.name().toLowerCase(Locale.ROOT), pair);
      // left out as well, as validation always did: MySQL's DEFAULT_GENERATED columns
      if (!column.generated() && !column.defaultExpression()) {
        compared.add(pair);
      }
    }
    List<ComparedColumn> key = sourceTable.key().stream()
        .map(c -> all.get(c.name().toLowerCase(Locale.ROOT))).toList();
    return new ComparedTable(source, mapping, sourceFlavor, targetFlavor, compared, key);
  }
}
