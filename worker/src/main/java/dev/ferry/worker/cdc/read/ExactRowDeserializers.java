package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidTaggedEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidListEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TransactionPayloadEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Row event deserializers that keep values exact: character data as bytes (decoded later with
 * the column's charset), temporal values, YEAR and BIT through {@link TemporalText}, and rows of
 * tables nobody reads skipped without decoding.
 */
final class ExactRowDeserializers {

  private static final Serializable[] SKIPPED = new Serializable[0];

  private ExactRowDeserializers() {}

  /**
   * An event deserializer with the exact row deserializers.
   *
   * Events this reader does not use (heartbeats, row queries, previous GTIDs, ...) get no data;
   * compressed (MySQL TRANSACTION_PAYLOAD, MariaDB compressed events) and unknown events arrive
   * with their type so that the reader can reject them with a remedy.
   *
   * @param tableMaps the TABLE_MAP events by table id, shared with the deserializer
   * @param decoded whether rows of a table id are decoded at all
   */
  static EventDeserializer create(Map<Long, TableMapEventData> tableMaps, LongPredicate decoded) {
    Map<EventType, EventDataDeserializer> deserializers = new EnumMap<>(EventType.class);
    deserializers.put(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
    deserializers.put(EventType.ROTATE, new RotateEventDataDeserializer());
    deserializers.put(EventType.QUERY, new QueryEventDataDeserializer());
    deserializers.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
    deserializers.put(EventType.XID, new XidEventDataDeserializer());
    deserializers.put(EventType.GTID, new GtidEventDataDeserializer());
    deserializers.put(EventType.GTID_TAGGED, new GtidTaggedEventDataDeserializer());
    deserializers.put(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
    deserializers.put(EventType.MARIADB_GTID_LIST, new MariadbGtidListEventDataDeserializer());
    deserializers.put(EventType.TRANSACTION_PAYLOAD, new TransactionPayloadEventDataDeserializer());
    deserializers.put(EventType.WRITE_ROWS, new Write(tableMaps, decoded));
    deserializers.put(EventType.UPDATE_ROWS, new Update(tableMaps, decoded));
    deserializers.put(EventType.DELETE_ROWS, new Delete(tableMaps, decoded));
    deserializers.put(EventType.EXT_WRITE_ROWS,
        new Write(tableMaps, decoded).setMayContainExtraInformation(true));
    deserializers.put(EventType.EXT_UPDATE_ROWS,
        new Update(tableMaps, decoded).setMayContainExtraInformation(true));
    deserializers.put(EventType.EXT_DELETE_ROWS,
        new Delete(tableMaps, decoded).setMayContainExtraInformation(true));
    EventDeserializer deserializer = new EventDeserializer(new EventHeaderV4Deserializer(),
        new NullEventDataDeserializer(), deserializers, tableMaps);
    deserializer.setCompatibilityMode(CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
    return deserializer;
  }

  /** The exact value of a cell of the types this class decodes itself, or null for others. */
  private static Serializable exactCell(ColumnType type, int meta, ByteArrayInputStream in)
      throws IOException {
    return switch (type) {
      case BIT -> TemporalText.bit(meta, in);
      case DATE -> TemporalText.date(in);
      case TIME -> TemporalText.time(in);
      case TIME_V2 -> TemporalText.time2(meta, in);
      case DATETIME -> TemporalText.datetime(in);
      case DATETIME_V2 -> TemporalText.datetime2(meta, in);
      case TIMESTAMP -> TemporalText.timestamp(in);
      case TIMESTAMP_V2 -> TemporalText.timestamp2(meta, in);
      case YEAR -> TemporalText.year(in);
      default -> null;
    };
  }

  /** Skips the rest of the event when its table is not decoded; else null. */
  private static Serializable[] skip(long tableId, LongPredicate decoded, ByteArrayInputStream in)
      throws IOException {
    if (decoded.test(tableId)) {
      return null;
    }
    in.read(in.available());
    return SKIPPED;
  }

  private static final class Write extends WriteRowsEventDataDeserializer {
    private final LongPredicate decoded;

    Write(Map<Long, TableMapEventData> tableMaps, LongPredicate decoded) {
      super(tableMaps);
      this.decoded = decoded;
    }

    @Override
    protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in)
        throws IOException {
      Serializable[] skipped = skip(tableId, decoded, in);
      return skipped != null ? skipped : super.deserializeRow(tableId, columns, in);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length,
        ByteArrayInputStream in) throws IOException {
      Serializable exact = exactCell(type, meta, in);
      return exact != null ? exact : super.deserializeCell(type, meta, length, in);
    }
  }

  private static final class Update extends UpdateRowsEventDataDeserializer {
    private final LongPredicate decoded;

    Update(Map<Long, TableMapEventData> tableMaps, LongPredicate decoded) {
      super(tableMaps);
      this.decoded = decoded;
    }

    @Override
    protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in)
        throws IOException {
      Serializable[] skipped = skip(tableId, decoded, in);
      return skipped != null ? skipped : super.deserializeRow(tableId, columns, in);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length,
        ByteArrayInputStream in) throws IOException {
      Serializable exact = exactCell(type, meta, in);
      return exact != null ? exact : super.deserializeCell(type, meta, length, in);
    }
  }

  private static final class Delete extends DeleteRowsEventDataDeserializer {
    private final LongPredicate decoded;

    Delete(Map<Long, TableMapEventData> tableMaps, LongPredicate decoded) {
      super(tableMaps);
      this.decoded = decoded;
    }

    @Override
    protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in)
        throws IOException {
      Serializable[] skipped = skip(tableId, decoded, in);
      return skipped != null ? skipped : super.deserializeRow(tableId, columns, in);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length,
        ByteArrayInputStream in) throws IOException {
      Serializable exact = exactCell(type, meta, in);
      return exact != null ? exact : super.deserializeCell(type, meta, length, in);
    }
  }
}
