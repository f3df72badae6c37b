package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which column types ({@code information_schema.COLUMNS.DATA_TYPE}) a TABLE_MAP column type can
 * stand for, to check a table definition against the binlog. A data type not listed here (a
 * flavour's own, such as MariaDB's {@code uuid}) agrees with every binlog type: the check may
 * miss a disagreement, never invent one.
 */
final class BinlogTypes {

  private static final Map<ColumnType, Set<String>> DATA_TYPES = Map.ofEntries(
      Map.entry(ColumnType.TINY, Set.of("tinyint")),
      Map.entry(ColumnType.SHORT, Set.of("smallint")),
      Map.entry(ColumnType.INT24, Set.of("mediumint")),
      Map.entry(ColumnType.LONG, Set.of("int")),
      Map.entry(ColumnType.LONGLONG, Set.of("bigint")),
      Map.entry(ColumnType.FLOAT, Set.of("float")),
      Map.entry(ColumnType.DOUBLE, Set.of("double")),
      Map.entry(ColumnType.NEWDECIMAL, Set.of("decimal")),
      Map.entry(ColumnType.DECIMAL, Set.of("decimal")),
      Map.entry(ColumnType.YEAR, Set.of("year")),
      Map.entry(ColumnType.DATE, Set.of("date")),
      Map.entry(ColumnType.NEWDATE, Set.of("date")),
      Map.entry(ColumnType.TIME, Set.of("time")),
      Map.entry(ColumnType.TIME_V2, Set.of("time")),
      Map.entry(ColumnType.DATETIME, Set.of("datetime")),
      Map.entry(ColumnType.DATETIME_V2, Set.of("datetime")),
      Map.entry(ColumnType.TIMESTAMP, Set.of("timestamp")),
      Map.entry(ColumnType.TIMESTAMP_V2, Set.of("timestamp")),
      Map.entry(ColumnType.BIT, Set.of("bit")),
      Map.entry(ColumnType.ENUM, Set.of("enum")),
      Map.entry(ColumnType.SET, Set.of("set")),
      // a MySQL JSON column's history copy on a MariaDB target is a LONGTEXT (MariaDB's JSON)
      Map.entry(ColumnType.JSON, Set.of("json", "longtext")),
      Map.entry(ColumnType.STRING, Set.of("char", "binary")),
      Map.entry(ColumnType.VARCHAR, Set.of("varchar", "varbinary")),
      Map.entry(ColumnType.VAR_STRING, Set.of("varchar", "varbinary")),
      Map.entry(ColumnType.BLOB, Set.of("tinytext", "text", "mediumtext", "longtext",
          "tinyblob", "blob", "mediumblob", "longblob", "json")),
      Map.entry(ColumnType.GEOMETRY, Set.of("geometry", "point", "linestring", "polygon",
          "multipoint", "multilinestring", "multipolygon", "geometrycollection",
          "geomcollection")));

  /** Every data type some binlog type stands for: the ones the check knows. */
  private static final Set<String> KNOWN = DATA_TYPES.values().stream()
      .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

  private BinlogTypes() {}

  /** Whether a column of {@code dataType} may be logged as {@code binlogType}. */
  static boolean agree(ColumnType binlogType, String dataType) {
    if (dataType == null || !KNOWN.contains(dataType)) {
      return true;
    }
    return DATA_TYPES.getOrDefault(binlogType, Set.of()).contains(dataType);
  }
}
