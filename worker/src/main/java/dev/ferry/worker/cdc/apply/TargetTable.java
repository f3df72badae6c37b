package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A source table layout as written to its target table: the target name, the columns written
 * (every column that is not generated, under its target name) and the identifying key.
 *
 * @param written indexes into the source row of the columns written
 * @param writtenNames quoted target names of the written columns
 * @param key indexes into the source row of the key columns; empty when the table has no key
 * @param keyNames quoted target names of the key columns
 * @param uniqueKeys the target's other unique indexes, for causality
 * @param enums the written ENUM columns
 * @param folds by source column index, how the target column compares strings (see
 *     {@link CollationFold}); {@link CollationFold#UNKNOWN} where it is not known
 * @param parentKeys the target's foreign keys that reference this table with a rule the target
 *     carries out on its child rows when a row of this table is deleted or its key changed
 */
record TargetTable(TableRef target, int[] written, List<String> writtenNames, int[] key,
    List<String> keyNames, List<UniqueKey> uniqueKeys, List<EnumColumn> enums,
    List<CollationFold> folds, List<ParentKey> parentKeys) {

  /**
   * A written ENUM column.
   *
   * @param column index into the source row
   * @param name the target column's name (unquoted)
   */
  record EnumColumn(int column, String name) {}

  /**
   * A unique index of the target table other than the key.
   *
   * @param columns indexes into the source row of its columns, or null when its values cannot
   *     be told from the row (a prefix or expression index, or columns the source lacks): then
   *     every change of the table counts as touching it
   */
  record UniqueKey(String name, int[] columns) {}

  /**
   * A foreign key that references this table, with its referenced columns as source row
   * indexes.
   *
   * @param referenced indexes into the source row of the referenced columns, or null when one
   *     has no source column (then every UPDATE counts as changing them)
   */
  record ParentKey(CascadingKey key, int[] referenced) {

    /** Whether an UPDATE from {@code before} to {@code after} changes the referenced values. */
    boolean changed(Object[] before, Object[] after) {
      if (referenced == null) {
        return true;
      }
      for (int i : referenced) {
        if (!Values.same(before[i], after[i])) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The target layout of {@code schema} under {@code mapping}.
   *
   * @param collations the collation of each character column of the target table, by lower-case
   *     name
   * @param cascading the target's foreign keys that reference the table with a rule that acts
   */
  static TargetTable of(TableSchema schema, TableMapping mapping,
      List<UniqueIndexes.Index> indexes, Map<String, String> collations,
      List<CascadingKey> cascading) {
    List<Integer> written = new ArrayList<>();
    List<String> writtenNames = new ArrayList<>();
    List<EnumColumn> enums = new ArrayList<>();
    List<CollationFold> folds = new ArrayList<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      SourceColumn column = schema.columns().get(i);
      folds.add(CollationFold.of(collations.get(
          mapping.targetColumn(column.name()).toLowerCase(Locale.ROOT))));
      if (!column.generated()) {
        written.add(i);
        writtenNames.add(Sql.quote(mapping.targetColumn(column.name())));
        if (column.enumeration()) {
          enums.add(new EnumColumn(i, mapping.targetColumn(column.name())));
        }
      }
    }
    List<String> keyNames = schema.keyColumns().stream()
        .map(i -> Sql.quote(mapping.targetColumn(schema.columns().get(i).name()))).toList();
    int[] key = schema.keyColumns().stream().mapToInt(Integer::intValue).toArray();
    List<UniqueKey> uniqueKeys = new ArrayList<>();
    for (UniqueIndexes.Index index : indexes) {
      int[] columns = index.prefix() ? null : sourceColumns(schema, mapping, index.columns());
      if (columns == null || !Arrays.equals(columns, key)) {
        uniqueKeys.add(new UniqueKey(index.name(), columns));
      }
    }
    List<ParentKey> parentKeys = new ArrayList<>();
    for (CascadingKey foreign : cascading) {
      parentKeys.add(new ParentKey(foreign, sourceColumns(schema, mapping, foreign.referenced())));
    }
    return new TargetTable(mapping.target(),
        written.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(writtenNames), key,
        keyNames, List.copyOf(uniqueKeys), List.copyOf(enums), List.copyOf(folds),
        List.copyOf(parentKeys));
  }

  /** The causality text of the value of source column {@code column} in {@code row}. */
  String causal(Object[] row, int column) {
    return Values.causal(row[column], folds.get(column));
  }

  /** The source row indexes of target columns, or null when one has no source column. */
  private static int[] sourceColumns(TableSchema schema, TableMapping mapping,
      List<String> targetColumns) {
    int[] columns = new int[targetColumns.size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = -1;
      for (int i = 0; i < schema.columns().size(); i++) {
        if (mapping.targetColumn(schema.columns().get(i).name())
            .equalsIgnoreCase(targetColumns.get(c))) {
          columns[c] = i;
        }
      }
      if (columns[c] < 0) {
        return null;
      }
    }
    return columns;
  }

  /**
   * The target names of the ENUM columns that hold the error value (index 0) in {@code row};
   * empty when none does (or there is no row).
   */
  Set<String> enumErrors(Object[] row) {
    if (!holdsEnumError(row)) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    for (EnumColumn column : enums) {
      if (row[column.column()] instanceof Number index && index.longValue() == 0) {
        names.add(column.name());
      }
    }
    return names;
  }

  /** Whether an ENUM column of {@code row} holds the error value (index 0). */
  boolean holdsEnumError(Object[] row) {
    if (row != null) {
      for (EnumColumn column : enums) {
        if (row[column.column()] instanceof Number index && index.longValue() == 0) {
          return true;
        }
      }
    }
    return false;
  }

  boolean keyless() {
    return key.length == 0;
  }

  /** Whether the key values of two row images differ (an UPDATE that changes the key). */
  boolean keyChanged(Object[] before, Object[] after) {
    for (int i : key) {
      if (!Values.same(before[i], after[i])) {
        return true;
      }
    }
    return false;
  }

  /** The key of a row image as text for messages: {@code (`id`=5, `region`='eu')}. */
  String describeKey(Object[] row) {
    int[] columns = keyless() ? written : key;
    List<String> names = keyless() ? writtenNames : keyNames;
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < columns.length; i++) {
      text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=')
          .append(Values.describe(row[columns[i]]));
    }
    return text.append(')').toString();
  }
}
