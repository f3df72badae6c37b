package dev.ferry.worker.cdc.read;

import dev.ferry.api.objects.ObjectFilter;
import dev.ferry.api.position.Order;
import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.binlog.BinlogStart;
import dev.ferry.worker.binlog.DdlFreeSpan;
import dev.ferry.worker.catalog.Catalog;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.CatalogTable;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.catalog.TableInfo;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.Sql;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The definitions of a source's tables at the binlog position being read, so that the CDC decodes
 * a row with the columns its table had when the row was written, never with the columns it has
 * now (the binlog does not name them with {@code binlog_row_metadata=MINIMAL}, and MySQL 5.7
 * never does).
 *
 * <p><b>How it is built.</b> Where the stream starts (the full load's start checkpoint in mode
 * All, the start of mode Incremental), the definitions (SHOW CREATE TABLE) of every table in the
 * source schemas that hold an included table are captured after reading the source's position:
 * version 0, in force from that position, which becomes the stream's start. The capture is
 * exact: the binary log holds no DDL between that position and one read after the last
 * definition, or the capture is taken again ({@link #captureStart}). Each DDL of the stream
 * after it is replayed on empty copies of those tables on the target server ({@link
 * ScratchSchema}) and the definitions of the tables it names are read back from there (columns
 * in order, names,
 * signedness, charsets, generated flags, key). The server interprets the statement, as TiDB DM's
 * schema tracker does with an embedded TiDB: a DDL parser of our own would have to know every
 * clause of every flavour (ALGORITHM, FIRST/AFTER, CHANGE vs RENAME COLUMN, CONVERT TO CHARACTER
 * SET, implicit primary keys, ...) and be wrong silently where it is incomplete, while the server
 * is right or refuses. A statement the target server refuses (a flavour difference) makes the
 * definitions of its tables unknown: they are then read from the source as they are now, as
 * without the history, and a warning says so.
 *
 * <p><b>How it is stored.</b> Every version is stored with the position of its DDL in
 * {@code ferry_meta.schema_history} on the target, beside the CDC checkpoints ({@link
 * HistoryStore}). A resume at a position loads, per table, the last version in force there,
 * rebuilds the copies from those, and deletes both the versions they supersede (no checkpoint
 * can go back before the resume position) and the versions after it (the stream reads their DDL
 * again and stores them again). While the stream runs, the versions superseded at the lowest
 * lane checkpoint are deleted ({@link #prune}). The store thus holds one version per table plus
 * one per table a DDL changed that not every lane has passed yet.
 *
 * <p><b>Its limits.</b> Rows before the captured position (a stream that starts at the spec's
 * {@code startPosition}, or whose start was recorded by a version without the history) are
 * decoded with the source's definitions at the capture, as without the history, and a capture
 * that never found a DDL-free span may show a later definition. DDL of schemas without an
 * included table at the capture, and database DDL, do not change the history; tables there are
 * read from the source as they are now.
 */
public final class SchemaHistory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaHistory.class);
  private static final int NO_SUCH_TABLE = 1146;
  private static final int CAPTURE_ATTEMPTS = 5;
  /**
   * Binlog events read at most to prove a capture free of DDL: a busy source writes this many
   * in the seconds that thousands of SHOW CREATE TABLE take.
   */
  private static final int CAPTURE_SPAN_EVENTS = 200_000;
  /**
   * Table exists, duplicate column, duplicate key, can't drop (missing), unknown table, unknown
   * column, multiple primary keys: the errors of a DDL whose effect is there already.
   */
  private static final Set<Integer> ALREADY_DONE =
      Set.of(1050, 1060, 1061, 1091, 1051, 1146, 1054, 1068);

  private final ScratchSchema scratch;
  private final HistoryStore store;
  private final Set<String> schemas;
  private final Map<TableRef, HistoryStore.Version> inForce;
  private final Map<TableRef, SchemaTracker.TrackedTable> definitions = new HashMap<>();
  /** The source schemas that have a scratch database now. */
  private final Set<String> copied = new TreeSet<>();
  /** Where version 0 was captured: earlier DDL is in it already; null once it is pruned. */
  private final Position captured;
  /**
   * Whether the stream is still before the capture, where the definitions are those of a later
   * moment: the history then knows no table, and rows are decoded as without it.
   */
  private boolean beforeCapture;
  /** Whether version 0 was captured by this run and no DDL has been replayed since. */
  private boolean freshCapture;
  private long nextSeq;
  /** The versions in the store, oldest first: those no resume can need are pruned. */
  private final List<HistoryStore.Version> kept = new ArrayList<>();

  private SchemaHistory(ScratchSchema scratch, HistoryStore store, Set<String> schemas,
      Map<TableRef, HistoryStore.Version> inForce, Position captured, Position start,
      long nextSeq) {
    this.scratch = scratch;
    this.store = store;
    this.schemas = schemas;
    this.inForce = inForce;
    this.captured = captured;
    this.beforeCapture = captured != null && start.relativeTo(captured) == Order.BEFORE;
    this.nextSeq = nextSeq;
  }

  /**
   * The history of one source's stream as it stands at {@code start}: loaded from the target,
   * or captured from the source when the task run has none yet.
   *
   * @param owner the task run ({@code namespace/name@runId})
   * @param included whether a source table is migrated
   */
  public static SchemaHistory open(Database source, Database target, String owner,
      String sourceName, Position start, Predicate<TableRef> included) {
    try {
      HistoryStore store = HistoryStore.open(target, owner, sourceName);
      List<HistoryStore.Version> stored = store.load();
      boolean fresh = stored.isEmpty();
      if (fresh) {
        try (Connection connection = source.connection()) {
          stored = capture(connection, included).versions();
        }
        store.save(stored);
      }
      Map<TableRef, HistoryStore.Version> inForce = new LinkedHashMap<>();
      List<HistoryStore.Version> obsolete = new ArrayList<>();
      Position captured = null;
      long lastSeq = 0;
      for (HistoryStore.Version version : stored) {
        if (version.seq() == 0) {
          captured = version.at();
        }
        if (version.seq() > 0 && !inForceAt(version, start, sourceName)) {
          obsolete.add(version);
          continue;
        }
        HistoryStore.Version superseded = inForce.put(version.table(), version);
        if (superseded != null) {
          obsolete.add(superseded);
        }
        lastSeq = Math.max(lastSeq, version.seq());
      }
      store.delete(obsolete);
      Set<String> schemas = new TreeSet<>();
      inForce.keySet().forEach(table -> schemas.add(table.schema()));
      ScratchSchema scratch = new ScratchSchema(target, owner + "/" + sourceName);
      SchemaHistory history = new SchemaHistory(scratch, store, schemas, inForce, captured,
          start, lastSeq + 1);
      history.freshCapture = fresh;
      history.kept.addAll(inForce.values());
      history.rebuild();
      LOG.info("source {}: schema history of {} tables in {} loaded at {} (captured at {})",
          sourceName, inForce.size(), schemas, start, captured);
      return history;
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other, "cannot load the schema history of source "
          + sourceName + " (ferry_meta.schema_history and its scratch databases ferry_h_* on "
          + "the target): " + e.getMessage(), e);
    }
  }

  /**
   * Captures version 0 of the history of a stream that has no start yet, and returns its
   * position: the stream must start there (the full load's start checkpoint in mode All, the
   * start of mode Incremental), so that no row of the stream is decoded before the capture.
   * A capture stored by an earlier attempt that recorded no start (a worker gone in between) is
   * kept, and its position returned: an earlier start only replays more.
   *
   * @param source a connection to the source
   * @param owner the task run ({@code namespace/name@runId})
   * @param included whether a source table is migrated
   */
  public static Position captureStart(Connection source, Database target, String owner,
      String sourceName, Predicate<TableRef> included) {
    try {
      HistoryStore store = HistoryStore.open(target, owner, sourceName);
      for (HistoryStore.Version stored : store.load()) {
        if (stored.seq() == 0) {
          LOG.info("source {}: the schema history captured at {} by an earlier attempt is"
              + " kept", sourceName, stored.at());
          return stored.at();
        }
      }
      Capture capture = capture(source, included);
      store.save(capture.versions());
      LOG.info("source {}: schema history of {} tables captured at {}", sourceName,
          capture.versions().size(), capture.at());
      return capture.at();
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other, "cannot capture the schema history of source "
          + sourceName + " (ferry_meta.schema_history on the target): " + e.getMessage(), e);
    }
  }

  /**
   * Drops the scratch databases that the streams of run {@code runKey} may have left on the
   * target (a worker killed before its stream stopped leaves them until that run starts again):
   * those of every source and schema its stored history names. Call it before the run's rows
   * in the meta schema are removed.
   */
  public static void dropLeftovers(Connection target, String runKey) throws SQLException {
    for (Map.Entry<String, Set<String>> source
        : HistoryStore.schemasBySource(target, runKey).entrySet()) {
      ScratchSchema.drop(target, runKey + "/" + source.getKey(), source.getValue());
    }
  }

  /**
   * The table's definition at the position being read, or null when the history does not know
   * it (a schema without included tables, or a DDL the target server refused on the copy).
   */
  SchemaTracker.TrackedTable table(TableRef table) {
    return beforeCapture ? null : definitions.get(table);
  }

  /**
   * The stream has read up to {@code end}, the end of a transaction.
   *
   * @return true when the stream passed the capture just now: layouts resolved before it must
   *     be resolved again
   */
  boolean reached(Position end) {
    if (beforeCapture && end.relativeTo(captured) != Order.BEFORE) {
      beforeCapture = false;
      return true;
    }
    return false;
  }

  /** Evolves the definitions by a DDL of the stream, which ends at {@code end}. */
  synchronized void apply(DdlChange ddl, Position end) {
    if (captured != null && end.relativeTo(captured) != Order.AFTER
        && end.relativeTo(captured) != Order.INCOMPARABLE) {
      return;
    }
    List<TableRef> tracked = ddl.tables().stream()
        .filter(table -> schemas.contains(table.schema())).distinct().toList();
    if (tracked.isEmpty() || !changesDefinitions(ddl.kind())) {
      return;
    }
    List<HistoryStore.Version> versions = new ArrayList<>();
    long seq = nextSeq++;
    try {
      List<String> named = new ArrayList<>();
      ddl.tables().forEach(table -> named.add(table.schema()));
      if (ddl.defaultSchema() != null) {
        named.add(ddl.defaultSchema());
      }
      scratch.ensureDatabases(named);
      copied.addAll(named);
      replay(ddl);
      for (TableRef table : tracked) {
        versions.add(scratch.read(table).map(copy -> new HistoryStore.Version(seq, table, end,
            HistoryStore.State.PRESENT, copy.createTable())).orElse(new HistoryStore.Version(
            seq, table, end, HistoryStore.State.ABSENT, null)));
      }
    } catch (SQLException e) {
      LOG.warn("the target server refused to replay the DDL at {} on its schema-history copy"
          + " ({}); rows of {} are decoded with the source's definitions as they are now from"
          + " here on: {}", end, e.getMessage(), tracked, ddl.sql());
      versions.clear();
      tracked.forEach(table -> versions.add(new HistoryStore.Version(seq, table, end,
          HistoryStore.State.UNKNOWN, null)));
    }
    try {
      store.save(versions);
      kept.addAll(versions);
      for (HistoryStore.Version version : versions) {
        inForce.put(version.table(), version);
        define(version);
      }
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other, "cannot store the schema history after the"
          + " DDL at " + end + " in ferry_meta.schema_history on the target: " + e.getMessage(),
          e);
    }
  }

  /**
   * Deletes the stored versions no resume can need: a resume starts at the lowest lane
   * checkpoint or later and loads, per table, the last version in force there, so every version
   * older than a table's last one in force at {@code applied} (that checkpoint) goes. The store
   * thus holds one version per table plus those of the DDL not yet applied by every lane, however
   * long the stream runs.
   */
  public synchronized void prune(Position applied) {
    Map<TableRef, HistoryStore.Version> inForceThere = new HashMap<>();
    for (HistoryStore.Version version : kept) {
      Order order = version.at().relativeTo(applied);
      if (order == Order.BEFORE || order == Order.SAME) {
        inForceThere.merge(version.table(), version,
            (one, other) -> one.seq() >= other.seq() ? one : other);
      }
    }
    List<HistoryStore.Version> obsolete = kept.stream()
        .filter(version -> inForceThere.containsKey(version.table())
            && version.seq() < inForceThere.get(version.table()).seq())
        .toList();
    if (obsolete.isEmpty()) {
      return;
    }
    try {
      store.delete(obsolete);
      kept.removeAll(obsolete);
    } catch (SQLException e) {
      LOG.warn("cannot delete {} superseded versions from ferry_meta.schema_history on the"
          + " target ({}); trying again later", obsolete.size(), e.getMessage());
    }
  }

  /**
   * Drops the copies (the stored versions stay): the next start rebuilds them from the store,
   * so the target keeps no scratch database while no stream runs.
   */
  @Override
  public void close() {
    try {
      scratch.drop(copied);
    } catch (SQLException e) {
      LOG.warn("cannot drop the schema-history scratch databases of {} on the target ({});"
          + " drop the databases ferry_h_* that no task runs on", copied, e.getMessage());
    }
  }

  /**
   * Replays {@code ddl} on the copies. A DROP TABLE that succeeded on the source removed every
   * table it names that existed, so each copy is dropped if it exists. Right after a capture
   * (no DDL replayed since), an error meaning "already done" is the DDL having run between the
   * capture's position and its SHOW CREATE TABLE: the copies show its effect already.
   */
  private void replay(DdlChange ddl) throws SQLException {
    if (ddl.kind() == DdlChange.Kind.DROP_TABLE) {
      scratch.dropTables(ddl.tables());
      return;
    }
    try {
      scratch.replay(ddl);
    } catch (SQLException e) {
      if (!freshCapture || !ALREADY_DONE.contains(e.getErrorCode())) {
        throw e;
      }
      LOG.info("the schema history's capture holds the DDL already ({}): {}", e.getMessage(),
          ddl.sql());
    }
    freshCapture = false;
  }

  private static boolean changesDefinitions(DdlChange.Kind kind) {
    return switch (kind) {
      case CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE -> true;
      default -> false;
    };
  }

  /**
   * Recreates the copies of the versions in force through one session and reads their
   * definitions back (one catalog query per kind for all of them). A copy the target server
   * refuses (a source of another flavour: a MySQL functional index on MariaDB) leaves its table
   * out of the history, with a warning: its rows are decoded with the source's definitions as
   * they are now, as for a DDL the target refuses to replay.
   */
  private void rebuild() throws SQLException {
    scratch.reset(schemas);
    copied.addAll(schemas);
    Map<TableRef, String> present = new LinkedHashMap<>();
    for (HistoryStore.Version version : inForce.values()) {
      if (version.state() == HistoryStore.State.PRESENT) {
        present.put(version.table(), version.createTable());
      }
    }
    Set<TableRef> refused = new HashSet<>();
    scratch.createAll(present, (table, e) -> {
      if (FailureClassifier.classify(e) == FailureClass.Connection) {
        throw e;
      }
      LOG.warn("the target server refused the schema-history copy of {} ({}); its rows are"
          + " decoded with the source's definitions as they are now", table, e.getMessage());
      refused.add(table);
    });
    Catalog copies = scratch.catalogOf(schemas);
    for (HistoryStore.Version version : inForce.values()) {
      if (refused.contains(version.table())
          || version.state() != HistoryStore.State.PRESENT) {
        definitions.remove(version.table());
        continue;
      }
      CatalogTable copy = copies.table(scratch.copyOf(version.table())).orElseThrow(() ->
          new SQLException("the schema-history copy of " + version.table() + " is missing"));
      definitions.put(version.table(), SchemaTracker.tracked(copy));
    }
  }

  private void define(HistoryStore.Version version) throws SQLException {
    if (version.state() != HistoryStore.State.PRESENT) {
      definitions.remove(version.table());
      return;
    }
    ScratchSchema.Copy copy = scratch.read(version.table()).orElseThrow(() -> new SQLException(
        "the schema-history copy of " + version.table() + " is missing"));
    definitions.put(version.table(), SchemaTracker.tracked(copy.catalog()));
  }

  /**
   * Whether a version made by a DDL is in force at {@code start}: its DDL ends there or before.
   */
  private static boolean inForceAt(HistoryStore.Version version, Position start,
      String sourceName) {
    return switch (version.at().relativeTo(start)) {
      case BEFORE, SAME -> true;
      case AFTER -> false;
      case INCOMPARABLE -> throw new FerryException(FailureClass.Fatal, "the schema history of"
          + " source " + sourceName + " has a version of " + version.table() + " at "
          + version.at() + ", which cannot be ordered against the resume position " + start
          + " (another binlog base name or GTID history: was the source server replaced?);"
          + " restart the migration with a full load");
    };
  }

  /**
   * Version 0: the definitions of every base table in the source schemas holding an included
   * table, as they were at the source's position read before them. It is exact when the binary
   * log holds no DDL between that position and one read after the last definition (a table
   * changed in between would otherwise show a later definition): a capture that is not is tried
   * again, and the last try is taken as it is, with a warning (a DDL in between is then replayed
   * on definitions that may have it already: see {@link #replay}).
   */
  private static Capture capture(Connection source, Predicate<TableRef> included)
      throws SQLException {
    for (int attempt = 1; ; attempt++) {
      Capture capture;
      try {
        capture = captureOnce(source, included);
      } catch (SQLException e) {
        if (e.getErrorCode() != NO_SUCH_TABLE || attempt == CAPTURE_ATTEMPTS) {
          throw e;
        }
        LOG.info("a table went away while the schema history was captured ({}); capturing"
            + " again", e.getMessage());
        continue;
      }
      if (DdlFreeSpan.between(source, capture.at(), BinlogStart.current(source),
          CAPTURE_SPAN_EVENTS)) {
        return capture;
      }
      if (attempt == CAPTURE_ATTEMPTS) {
        LOG.warn("the source ran DDL during each of {} captures of the schema history; the last"
            + " one is kept as of {}, and rows of a table changed meanwhile may be decoded with"
            + " its later definition until the stream passes that DDL", attempt, capture.at());
        return capture;
      }
      LOG.info("the source ran DDL while the schema history was captured at {}; capturing"
          + " again", capture.at());
    }
  }

  /** One capture; fails when a listed table is gone before its SHOW CREATE TABLE. */
  private static Capture captureOnce(Connection connection, Predicate<TableRef> included)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      Position at = BinlogStart.current(connection);
      List<String> userSchemas = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery(
          "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
        while (rs.next()) {
          String schema = rs.getString(1);
          if (!ObjectFilter.SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))
              && !ObjectFilter.META_SCHEMA.equals(schema)) {
            userSchemas.add(schema);
          }
        }
      }
      List<TableRef> baseTables = new ArrayList<>();
      for (TableInfo table : CatalogReader.tables(connection, Scope.schemas(userSchemas))
          .values()) {
        if ("BASE TABLE".equals(table.type())) {
          baseTables.add(table.ref());
        }
      }
      Set<String> tracked = new TreeSet<>();
      baseTables.stream().filter(included).forEach(table -> tracked.add(table.schema()));
      List<HistoryStore.Version> versions = new ArrayList<>();
      for (TableRef table : baseTables) {
        if (tracked.contains(table.schema())) {
          try (ResultSet rs = statement.executeQuery("SHOW CREATE TABLE "
              + Sql.qualified(table.schema(), table.table()))) {
            rs.next();
            versions.add(new HistoryStore.Version(0, table, at, HistoryStore.State.PRESENT,
                rs.getString(2)));
          }
        }
      }
      return new Capture(at, versions);
    }
  }

  /** The definitions captured ({@code versions}, numbered 0) and the position they hold at. */
  private record Capture(Position at, List<HistoryStore.Version> versions) {}
}
