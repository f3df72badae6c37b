package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.sql.TableRef;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TableLayout} from a TABLE_MAP event. The table's definition comes from the
 * {@link SchemaHistory} (the definition at the event's position) where it knows the table, else
 * from the {@link SchemaTracker} (the source's definition now). Column names, signedness and
 * charsets come from the event's optional metadata when the source sends it
 * ({@code binlog_row_metadata=FULL}; MINIMAL has signedness and charsets but no names), otherwise
 * from that definition, whose column count must then match the event's (MySQL 5.7 never sends
 * names). With names in the event and a definition from the history, the names and types must
 * agree (a disagreement is a Fatal error: the history is wrong). The generated flags always
 * come from the definition, matched by column name. The key (which also picks the row's apply
 * lane) is the history's key at the event; without history, the primary key the event names
 * when it names its columns (FULL metadata carries the primary key as it was at the event), else
 * the tracker's other unique key, if any; without metadata it is the tracker's key.
 */
final class LayoutResolver {

  private final SchemaTracker tracker;
  private final SchemaHistory history;
  private final boolean mariaDb;

  /**
   * @param history the definitions at the event's position; null where there is none (the
   *     reverse stream)
   * @param mariaDb whether the source is MariaDB, which gives GEOMETRY columns a slot in the
   *     TABLE_MAP's character set metadata too (MySQL does not)
   */
  LayoutResolver(SchemaTracker tracker, SchemaHistory history, boolean mariaDb) {
    this.tracker = tracker;
    this.history = history;
    this.mariaDb = mariaDb;
  }

  TableLayout resolve(TableMapEventData map) {
    TableRef table = new TableRef(map.getDatabase(), map.getTable());
    SchemaTracker.TrackedTable atTheEvent = history == null ? null : history.table(table);
    SchemaTracker.TrackedTable tracked =
        atTheEvent != null ? atTheEvent : tracker.table(table);
    TableMapEventMetadata metadata = map.getEventMetadata();
    byte[] types = map.getColumnTypes();
    int[] metas = map.getColumnMetadata();
    List<String> names = metadata == null ? null : metadata.getColumnNames();
    boolean named = names != null && !names.isEmpty();
    if (named && atTheEvent != null) {
      crossCheck(table, names, types, metas, atTheEvent);
    }
    if (!named) {
      if (tracked.columns().size() != types.length) {
        throw new ColumnsUnmatched("the binlog has " + types.length
            + " columns for " + table + " but the table has " + tracked.columns().size()
            + " now, so the columns cannot be matched; set binlog_row_metadata=FULL on the "
            + "source (the binlog then names the columns) and restart the incremental phase ("
            + "MySQL 5.7 has no such setting: there run the full load again)");
      }
      names = tracked.columns().stream().map(SchemaTracker.TrackedColumn::name).toList();
    }
    BitSet unsignedBits = metadata == null ? null : metadata.getSignedness();
    CharsetSlots charsets = new CharsetSlots(metadata);
    List<ColumnLayout> columns = new ArrayList<>();
    List<SourceColumn> sourceColumns = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      String name = names.get(i);
      SchemaTracker.TrackedColumn trackedColumn = tracked.column(name);
      ColumnType type = ColumnLayout.realType(types[i] & 0xFF, metas[i]);
      boolean unsigned = unsignedBits != null ? unsignedBits.get(i)
          : trackedColumn != null && trackedColumn.unsigned();
      Charset charset = null;
      if (mariaDb && type == ColumnType.GEOMETRY) {
        charsets.next();
      }
      if (ColumnLayout.isCharacter(type)) {
        Integer collation = charsets.next();
        String charsetName = collation != null ? tracker.charsetOfCollation(collation)
            : trackedColumn != null ? trackedColumn.charset() : null;
        if (collation == null && trackedColumn == null) {
          throw new FerryException(FailureClass.Fatal, "the character set of column " + name
              + " of " + table + " is unknown (the table changed since this binlog event); "
              + "set binlog_row_metadata=FULL on the source and restart the incremental phase");
        }
        charset = Charsets.forMysql(charsetName, "column " + name + " of " + table);
      }
      boolean generated = trackedColumn != null && trackedColumn.generated();
      int binaryLength = type == ColumnType.STRING && charset == null
          ? ColumnLayout.fixedLength(metas[i]) : 0;
      columns.add(new ColumnLayout(name, type, unsigned, charset, generated, binaryLength));
      sourceColumns.add(new SourceColumn(name, generated, type == ColumnType.ENUM));
    }
    List<Integer> key = atTheEvent != null || !named ? keyIndexes(tracked, names)
        : keyAtTheEvent(metadata, tracked, names);
    return new TableLayout(new TableSchema(table, sourceColumns, key), columns);
  }

  /**
   * The binlog names the columns (FULL row metadata): the history's definition at the event
   * must have the same names in the same order, with types the binlog's can stand for, or every
   * row decoded with the history so far may have landed in the wrong columns.
   */
  private static void crossCheck(TableRef table, List<String> names, byte[] types,
      int[] metas, SchemaTracker.TrackedTable atTheEvent) {
    List<SchemaTracker.TrackedColumn> known = atTheEvent.columns();
    boolean same = known.size() == names.size();
    for (int i = 0; same && i < names.size(); i++) {
      same = known.get(i).name().equalsIgnoreCase(names.get(i)) && BinlogTypes.agree(
          ColumnLayout.realType(types[i] & 0xFF, metas[i]), known.get(i).dataType());
    }
    if (!same) {
      List<String> logged = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        logged.add(names.get(i) + " " + ColumnLayout.realType(types[i] & 0xFF, metas[i]));
      }
      throw new FerryException(FailureClass.Fatal, "the binlog has the columns " + logged
          + " for " + table + " but the schema history (ferry_meta.schema_history on the"
          + " target) has " + known.stream().map(c -> c.name() + " " + c.dataType()).toList()
          + " at this position: the history missed a change of the table; run the migration"
          + " again with a full load (mode All) and report the DDL that changed the table");
    }
  }

  /** The event's primary key, else the tracker's key unless that is a primary key now. */
  private static List<Integer> keyAtTheEvent(TableMapEventMetadata metadata,
      SchemaTracker.TrackedTable tracked, List<String> names) {
    List<Integer> primary = metadata.getSimplePrimaryKeys() != null
        ? metadata.getSimplePrimaryKeys()
        : metadata.getPrimaryKeysWithPrefix() != null
            ? List.copyOf(metadata.getPrimaryKeysWithPrefix().keySet()) : List.of();
    if (!primary.isEmpty()) {
      return List.copyOf(primary);
    }
    return tracked.primary() ? List.of() : keyIndexes(tracked, names);
  }

  private static List<Integer> keyIndexes(SchemaTracker.TrackedTable tracked, List<String> names) {
    List<Integer> indexes = new ArrayList<>();
    for (String keyColumn : tracked.key()) {
      int index = -1;
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equalsIgnoreCase(keyColumn)) {
          index = i;
        }
      }
      if (index < 0) {
        return List.of();
      }
      indexes.add(index);
    }
    return indexes;
  }

  /**
   * The collations of character columns from TABLE_MAP metadata, in column order: either one per
   * character column, or a default with exceptions keyed by the character column's number.
   */
  private static final class CharsetSlots {
    private final List<Integer> perColumn;
    private final Integer defaultCollation;
    private final Map<Integer, Integer> exceptions;
    private int slot;

    CharsetSlots(TableMapEventMetadata metadata) {
      this.perColumn = metadata == null ? null : metadata.getColumnCharsets();
      TableMapEventMetadata.DefaultCharset defaults =
          metadata == null ? null : metadata.getDefaultCharset();
      this.defaultCollation = defaults == null ? null : defaults.getDefaultCharsetCollation();
      this.exceptions = defaults == null || defaults.getCharsetCollations() == null ? Map.of()
          : defaults.getCharsetCollations();
    }

    /** The next character column's collation id, or null when the metadata has none. */
    Integer next() {
      int current = slot++;
      if (perColumn != null && current < perColumn.size()) {
        return perColumn.get(current);
      }
      if (defaultCollation != null) {
        return exceptions.getOrDefault(current, defaultCollation);
      }
      return null;
    }
  }

  /**
   * The binlog does not name a table's columns and their count differs from the table's now
   * (a DDL since the event). Fatal, unless the rows are ones the full-load copy holds.
   */
  static final class ColumnsUnmatched extends FerryException {

    private static final long serialVersionUID = 1L;

    ColumnsUnmatched(String message) {
      super(FailureClass.Fatal, message);
    }
  }
}
