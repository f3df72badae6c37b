package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.GtidTaggedEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.change.SpilledRows;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.TableRef;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns binlog events, in order, into {@link SourceTransaction}s: the row changes between the
 * start of a transaction (BEGIN, or a MariaDB GTID event) and its XID or COMMIT, or one DDL
 * statement. The end coordinates are the commit event's file and next position plus the GTID
 * set including the transaction (MariaDB writes end position 0 on events inside transactions,
 * so nothing else is trusted); from a transaction without a GTID on, positions carry no GTID set
 * (see {@link GtidTracker}). Rows of tables the predicate rejects are not decoded; their
 * transactions still move the coordinates, through an empty transaction at most once a
 * {@link #SKIPPED_EMIT_INTERVAL}, every {@link #SKIPPED_EMIT_COUNT} such transactions, or at the
 * next heartbeat. Events that could hide changes (compressed, unknown, statement-based data,
 * incidents) fail the stream.
 *
 * <p>A transaction's rows are kept in memory up to a size in estimated heap bytes
 * ({@link RowChange#heapBytes()}); past it, they and the rest of the transaction go to a local
 * file ({@link SpilledRows}), so the heap this takes is bounded whatever the transaction's size.
 */
final class EventAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(EventAssembler.class);
  private static final Pattern IN_TRANSACTION_DDL =
      Pattern.compile("\\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern CREATE_TABLE =
      Pattern.compile("\\s*CREATE\\s+TABLE\\b", Pattern.CASE_INSENSITIVE);
  /** MySQL 8.0.21+ logs a CREATE TABLE ... SELECT as its CREATE TABLE with this suffix. */
  private static final Pattern STARTS_TRANSACTION =
      Pattern.compile("\\s+START\\s+TRANSACTION\\s*$", Pattern.CASE_INSENSITIVE);

  /** Longest time between two empty transactions that only move the coordinates. */
  static final Duration SKIPPED_EMIT_INTERVAL = Duration.ofSeconds(1);
  /** Most transactions without wanted rows before one is emitted to move the coordinates. */
  static final int SKIPPED_EMIT_COUNT = 1000;

  /**
   * Most table ids remembered; table ids grow as the source reopens tables, and every
   * transaction repeats the TABLE_MAP events it needs, so forgetting them all is safe.
   */
  private static final int MAX_TABLE_IDS = 10_000;

  /** Receives assembled transactions; may block while the consumer is behind. */
  interface Emitter {
    void emit(SourceTransaction transaction) throws InterruptedException;
  }

  private final String source;
  private final Predicate<TableRef> wanted;
  private final BiPredicate<TableRef, Position> inCopy;
  private final LayoutResolver layouts;
  private final SchemaTracker tracker;
  private final SchemaHistory history;
  private final GtidTracker gtids;
  private final Emitter emitter;
  private final Clock clock;
  private final Map<Long, TableLayout> decodedTables = new HashMap<>();
  private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
  /** Wanted tables whose columns the binlog does not name and the tracker cannot match. */
  private final Map<Long, Undecodable> undecodable = new HashMap<>();
  /** Of those, the ones the current transaction changes. */
  private final Map<TableRef, Undecodable> undecoded = new LinkedHashMap<>();
  private final long largeTransactionBytes;
  private final List<RowChange> rows = new ArrayList<>();
  /** The heap bytes of {@link #rows}. */
  private long rowBytes;
  /** Where the open transaction's rows go once it is too large for memory; null before. */
  private SpilledRows.Writer spill;
  private String file;
  private boolean inTransaction;
  /** The CREATE TABLE of a CREATE TABLE ... SELECT whose rows the open transaction holds. */
  private DdlChange createdWithRows;
  private Instant lastEmit = Instant.EPOCH;
  private int skippedSinceEmit;
  private SourceTransaction pendingSkip;

  /**
   * @param inCopy whether the full-load copy of a table holds its changes in the transaction
   *     ending at a position (they are then dropped, so rows the reader cannot decode there are
   *     no failure)
   * @param history evolved by every DDL read, before the rows after it are decoded; null where
   *     there is none (the reverse stream)
   * @param largeTransactionBytes above this many heap bytes of rows, a transaction's rows are
   *     spilled to a local file
   */
  EventAssembler(String source, Predicate<TableRef> wanted,
      BiPredicate<TableRef, Position> inCopy, LayoutResolver layouts, SchemaTracker tracker,
      SchemaHistory history, GtidTracker gtids,
      String startFile, Emitter emitter, Clock clock, long largeTransactionBytes) {
    this.largeTransactionBytes = largeTransactionBytes;
    this.source = source;
    this.wanted = wanted;
    this.inCopy = inCopy;
    this.tracker = tracker;
    this.history = history;
    this.layouts = layouts;
    this.gtids = gtids;
    this.file = startFile;
    this.emitter = emitter;
    this.clock = clock;
  }

  /** Whether rows of this table id are decoded (the last TABLE_MAP for it was wanted). */
  boolean decodes(long tableId) {
    return decodedTables.containsKey(tableId) || !tableMaps.containsKey(tableId);
  }

  void accept(Event event) throws InterruptedException {
    EventHeaderV4 header = event.getHeader();
    EventType type = header.getEventType();
    switch (type) {
      case ROTATE -> file = ((RotateEventData) event.getData()).getBinlogFilename();
      case GTID -> gtids.begin(((GtidEventData) event.getData()).getGtid());
      case GTID_TAGGED -> gtids.begin(((GtidTaggedEventData) event.getData()).getGtid());
      case MARIADB_GTID -> mariaDbGtid(header, (MariadbGtidEventData) event.getData());
      case ANONYMOUS_GTID -> gtids.anonymous();
      case QUERY -> query(header, (QueryEventData) event.getData());
      case TABLE_MAP -> tableMap((TableMapEventData) event.getData());
      case WRITE_ROWS, EXT_WRITE_ROWS -> write((WriteRowsEventData) event.getData());
      case UPDATE_ROWS, EXT_UPDATE_ROWS -> update((UpdateRowsEventData) event.getData());
      case DELETE_ROWS, EXT_DELETE_ROWS -> delete((DeleteRowsEventData) event.getData());
      case XID -> commit(header);
      case HEARTBEAT, HEARTBEAT_V2 -> heartbeat();
      case FORMAT_DESCRIPTION, PREVIOUS_GTIDS, MARIADB_GTID_LIST, BINLOG_CHECKPOINT ->
          fileHeader(header);
      case ROWS_QUERY, ANNOTATE_ROWS, STOP, IGNORABLE, TRANSACTION_CONTEXT,
          VIEW_CHANGE -> { }
      default -> throw unsupported(type, header);
    }
  }

  /** The GTID's server id is the event header's: the event body does not carry it. */
  private void mariaDbGtid(EventHeaderV4 header, MariadbGtidEventData data) {
    gtids.begin(data.getDomainId() + "-" + header.getServerId() + "-" + data.getSequence());
    boolean standalone = (data.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0;
    if (!standalone) {
      begin();
    }
  }

  private void begin() {
    inTransaction = true;
    createdWithRows = null;
    clearRows();
    undecoded.clear();
  }

  /** Drops the rows of the open transaction, spilled ones too. */
  void clearRows() {
    rows.clear();
    rowBytes = 0;
    if (spill != null) {
      spill.discard();
      spill = null;
    }
  }

  /** Adds a row to the open transaction, in memory or, once it is large, to its file. */
  private void add(RowChange row) {
    if (spill != null) {
      spill.add(row);
      return;
    }
    rows.add(row);
    rowBytes += row.heapBytes();
    if (rowBytes > largeTransactionBytes) {
      spill = SpilledRows.create();
      rows.forEach(spill::add);
      rows.clear();
      rowBytes = 0;
    }
  }

  private void query(EventHeaderV4 header, QueryEventData data) throws InterruptedException {
    String sql = data.getSql().trim();
    String upper = sql.toUpperCase();
    if (upper.equals("BEGIN") || upper.startsWith("START TRANSACTION")) {
      begin();
    } else if (upper.equals("COMMIT") || upper.equals("ROLLBACK")) {
      commit(header);
    } else if (upper.startsWith("XA ")) {
      throw new FerryException(FailureClass.Fatal, "the source logged an XA transaction at "
          + here(header) + ", which the binlog reader does not support; avoid XA transactions "
          + "on the migrated tables");
    } else if (DdlReader.isDml(sql)) {
      throw new FerryException(FailureClass.Fatal, "the source logged row changes as a statement"
          + " at " + here(header) + "; set binlog_format=ROW on the source (and in every "
          + "session that writes) and restart the migration");
    } else if (CREATE_TABLE.matcher(sql).lookingAt()
        && (inTransaction || STARTS_TRANSACTION.matcher(sql).find())) {
      createTableWithRows(data.getDatabase(),
          STARTS_TRANSACTION.matcher(sql).replaceFirst(""));
    } else if (inTransaction) {
      if (IN_TRANSACTION_DDL.matcher(sql).lookingAt()) {
        LOG.warn("not replayed: the source logged '{}' inside a transaction at {}, which no"
            + " known statement but CREATE TABLE ... SELECT does; make the same change on the"
            + " target yourself", sql, here(header));
      }
    } else if (DdlReader.isIgnorable(sql)) {
      if (DdlReader.isTableMaintenance(sql)) {
        LOG.info("not replayed (table maintenance changes no rows and no definitions; run it"
            + " on the target yourself if wanted): {}", sql);
      }
      committedWithoutRows(header);
    } else {
      ddl(header, data.getDatabase(), sql);
    }
  }

  private void ddl(EventHeaderV4 header, String database, String sql)
      throws InterruptedException {
    String gtid = gtids.announced();
    Position end = end(header);
    DdlChange ddl = classify(database, sql);
    if (history != null) {
      history.apply(ddl, end);
    }
    emit(new SourceTransaction(source, List.of(), ddl, end, commitTime(header), gtid));
  }

  /**
   * A CREATE TABLE ... SELECT: its CREATE TABLE (with the columns spelled out) opens the
   * transaction of its rows (MySQL 8.0.21+ appends START TRANSACTION to it; MariaDB logs it
   * inside the transaction). The statement and its rows are handed on as one unit at the
   * commit, the DDL first ({@link SourceTransaction} with both); the schema history takes the
   * new table at the commit's position (its rows before it are decoded with the source's
   * definition of the table, which the history does not know yet).
   */
  private void createTableWithRows(String database, String sql) {
    if (!inTransaction) {
      begin();
    }
    createdWithRows = classify(database, sql);
  }

  /** The statement as a DDL change; the layouts of the tables it names are read again. */
  private DdlChange classify(String database, String sql) {
    DdlChange ddl = DdlReader.classify(database == null || database.isEmpty() ? null : database,
        sql);
    if (ddl.tables().isEmpty()) {
      tracker.invalidateAll();
    } else {
      tracker.invalidate(ddl.tables());
    }
    forgetTables();
    return ddl;
  }

  /** Forgets every table id's layout: the next TABLE_MAP of each resolves it again. */
  private void forgetTables() {
    decodedTables.clear();
    tableMaps.clear();
    undecodable.clear();
  }

  private void tableMap(TableMapEventData data) {
    TableMapEventData known = tableMaps.get(data.getTableId());
    if (known != null && sameColumns(known, data)) {
      return;
    }
    if (tableMaps.size() >= MAX_TABLE_IDS) {
      tableMaps.clear();
      decodedTables.clear();
      undecodable.clear();
    }
    tableMaps.put(data.getTableId(), data);
    decodedTables.remove(data.getTableId());
    undecodable.remove(data.getTableId());
    TableRef table = new TableRef(data.getDatabase(), data.getTable());
    if (wanted.test(table)) {
      try {
        decodedTables.put(data.getTableId(), layouts.resolve(data));
      } catch (LayoutResolver.ColumnsUnmatched e) {
        undecodable.put(data.getTableId(), new Undecodable(table, e));
      }
    }
  }

  private static boolean sameColumns(TableMapEventData a, TableMapEventData b) {
    return a.getDatabase().equals(b.getDatabase()) && a.getTable().equals(b.getTable())
        && Arrays.equals(a.getColumnTypes(), b.getColumnTypes())
        && Arrays.equals(a.getColumnMetadata(), b.getColumnMetadata());
  }

  private void write(WriteRowsEventData data) {
    TableLayout layout = layout(data.getTableId());
    if (layout != null) {
      for (Serializable[] row : data.getRows()) {
        add(new RowChange(layout.schema(), RowOperation.INSERT, null,
            ValueConverter.convert(layout, data.getIncludedColumns(), row)));
      }
    }
  }

  private void update(UpdateRowsEventData data) {
    TableLayout layout = layout(data.getTableId());
    if (layout != null) {
      for (Map.Entry<Serializable[], Serializable[]> row : data.getRows()) {
        add(new RowChange(layout.schema(), RowOperation.UPDATE,
            ValueConverter.convert(layout, data.getIncludedColumnsBeforeUpdate(), row.getKey()),
            ValueConverter.convert(layout, data.getIncludedColumns(), row.getValue())));
      }
    }
  }

  private void delete(DeleteRowsEventData data) {
    TableLayout layout = layout(data.getTableId());
    if (layout != null) {
      for (Serializable[] row : data.getRows()) {
        add(new RowChange(layout.schema(), RowOperation.DELETE,
            ValueConverter.convert(layout, data.getIncludedColumns(), row), null));
      }
    }
  }

  /** The layout rows of {@code tableId} are decoded with; null when they are not decoded. */
  private TableLayout layout(long tableId) {
    Undecodable failed = undecodable.get(tableId);
    if (failed != null) {
      undecoded.putIfAbsent(failed.table(), failed);
    }
    return decodedTables.get(tableId);
  }

  private void commit(EventHeaderV4 header) throws InterruptedException {
    inTransaction = false;
    String gtid = gtids.announced();
    Position end = end(header);
    for (Undecodable failed : undecoded.values()) {
      if (!inCopy.test(failed.table(), end)) {
        clearRows();
        throw failed.failure();
      }
    }
    undecoded.clear();
    DdlChange ddl = createdWithRows;
    createdWithRows = null;
    if (ddl != null && history != null) {
      history.apply(ddl, end);
    }
    if (rows.isEmpty() && spill == null && ddl == null) {
      committedWithoutRows(header);
      return;
    }
    SourceTransaction transaction = spill == null
        ? new SourceTransaction(source, rows, ddl, end, commitTime(header), gtid)
        : new SourceTransaction(source, List.of(), ddl, end, commitTime(header), gtid,
            spill.finish());
    spill = null;
    clearRows();
    emit(transaction);
  }

  private void committedWithoutRows(EventHeaderV4 header) throws InterruptedException {
    SourceTransaction empty =
        new SourceTransaction(source, List.of(), null, end(header), commitTime(header), null);
    skippedSinceEmit++;
    if (!clock.instant().isBefore(lastEmit.plus(SKIPPED_EMIT_INTERVAL))
        || skippedSinceEmit >= SKIPPED_EMIT_COUNT) {
      emit(empty);
    } else {
      pendingSkip = empty;
    }
  }

  /**
   * The header events at the start of a binlog file (and MariaDB's binlog checkpoints, also
   * written later between transactions) end no transaction, yet the source's position after a
   * rollover lies past them: they count as an empty transaction, so a drain to that position
   * ends with no write after the rollover. The artificial description event sent
   * when reading starts inside a file has no position (0) and counts as nothing.
   */
  private void fileHeader(EventHeaderV4 header) throws InterruptedException {
    if (!inTransaction && header.getNextPosition() > 0) {
      committedWithoutRows(header);
    }
  }

  private void heartbeat() throws InterruptedException {
    if (pendingSkip != null) {
      emit(pendingSkip);
    }
  }

  private void emit(SourceTransaction transaction) throws InterruptedException {
    pendingSkip = null;
    skippedSinceEmit = 0;
    lastEmit = clock.instant();
    emitter.emit(transaction);
  }

  /** Where the transaction ending with this event ends; the history has then reached it. */
  private Position end(EventHeaderV4 header) {
    Position end = new Position(file, header.getNextPosition(), gtids.commit());
    if (history != null && history.reached(end)) {
      forgetTables();
    }
    return end;
  }

  private static Instant commitTime(EventHeaderV4 header) {
    return Instant.ofEpochMilli(header.getTimestamp());
  }

  /** Where an event is; MariaDB gives no offsets for events inside transactions. */
  private String here(EventHeaderV4 header) {
    return header.getNextPosition() > 0 ? file + ":" + header.getPosition()
        : file + " (inside a transaction, offset not logged)";
  }

  private FerryException unsupported(EventType type, EventHeaderV4 header) {
    String remedy = switch (type) {
      case TRANSACTION_PAYLOAD -> "set binlog_transaction_compression=OFF on the source";
      case PARTIAL_UPDATE_ROWS_EVENT -> "set binlog_row_value_options='' on the source";
      case INCIDENT -> "the source itself reports that changes may be missing from its binlog;"
          + " start the migration again with a full load";
      case UNKNOWN -> "compressed MariaDB events look like this: set log_bin_compress=OFF on the"
          + " source";
      default -> "set binlog_format=ROW on the source";
    };
    return new FerryException(FailureClass.Fatal, "the source's binlog has a " + type
        + " event at " + here(header) + " that the binlog reader cannot turn into row changes; "
        + remedy + " and restart the migration from a position after the change");
  }

  /** Rows of {@code table} that cannot be decoded, and why. */
  private record Undecodable(TableRef table, FerryException failure) {}
}
