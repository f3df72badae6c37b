package dev.ferry.worker.fullload;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.binlog.DdlFreeSpan;
import dev.ferry.worker.catalog.TableDefinitions;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The definitions and shapes of one source's migrated tables, each read together with a binlog
 * position at which it held: the tables are locked against writes and DDL ({@code LOCK TABLES
 * ... READ}, a batch at a time, for the few milliseconds the reads take) while the position and
 * their {@code SHOW CREATE TABLE} texts are read. A table's copy that begins at that position
 * (its boundary) therefore starts from exactly that definition.
 *
 * <p>The columns of every table are read in bulk (a few information_schema queries per schema,
 * whatever the number of tables), between two reads of the column signatures that enclose the
 * definitions: a table whose signature moved is read again. Without a binary log to follow
 * (mode Full) nothing is locked and there is no position.
 */
final class DefinitionSnapshot {

  /** Tables locked at once: few enough that writers wait milliseconds, not seconds. */
  private static final int BATCH = 100;
  private static final int ATTEMPTS = 10;
  /** Access denied to the schema: LOCK TABLES is not granted (SELECT missing is 1142). */
  private static final Set<Integer> NOT_LOCKABLE = Set.of(1044, 1227);
  private static final int NO_SUCH_TABLE = 1146;

  /**
   * One table as read.
   *
   * @param showCreate its definition, null when it does not exist (any more)
   * @param shape its columns and key, null when it does not exist
   * @param boundary the position the definition held at; null without a binary log
   */
  record Table(TableMapping mapping, String showCreate, TableShape shape, Position boundary) {

    boolean exists() {
      return showCreate != null;
    }

    String fingerprint() {
      return showCreate == null ? null : TableDefinitions.fingerprint(showCreate);
    }
  }

  private final Connection connection;
  private final String source;
  private final boolean locked;

  /**
   * @param connection a source connection of its own (its session settings change)
   * @param locked whether a binlog position must come with each definition (mode All)
   */
  DefinitionSnapshot(Connection connection, String source, boolean locked) {
    this.connection = connection;
    this.source = source;
    this.locked = locked;
  }

  /**
   * Reads {@code present} (the migrated tables listed now) and {@code gone} (tables planned
   * before that are no longer listed); {@code relist} lists the migrated tables again, for when
   * one disappears before it is locked. A table read as missing gets, with a binary log, a
   * boundary at which it was missing for certain ({@link #absentAt}); one that is back by then
   * (renamed away and back) is read like the others.
   */
  List<Table> read(List<TableMapping> present, List<TableMapping> gone,
      Supplier<List<TableMapping>> relist) throws SQLException {
    TableDefinitions.prepareSession(connection);
    ServerInfo server = ServerInfo.detect(connection);
    List<Table> tables = new ArrayList<>();
    List<TableMapping> missing = new ArrayList<>(gone);
    List<TableMapping> left = new ArrayList<>(present);
    for (int attempt = 0; ; attempt++) {
      readPresent(left, missing, tables, server, relist);
      if (missing.isEmpty() || !locked) {
        missing.forEach(table -> tables.add(new Table(table, null, null, null)));
        return tables;
      }
      Position absent = absentAt(missing, left, server);
      if (absent != null) {
        missing.forEach(table -> tables.add(new Table(table, null, null, absent)));
        return tables;
      }
      if (attempt >= ATTEMPTS) {
        throw new FerryException(FailureClass.Other, "source '" + source + "': tables "
            + missing.stream().map(t -> t.source().toString()).toList() + " kept changing"
            + " (DDL in the binary log each time the full load checked that they are gone)");
      }
    }
  }

  /**
   * Reads the tables of {@code left}; the ones gone move to {@code missing}. Their columns are
   * read in bulk (a few queries per schema, not per table), with their column signatures before
   * and after the definitions: a table whose signature moved in between is read again.
   */
  private void readPresent(List<TableMapping> left, List<TableMapping> missing,
      List<Table> tables, ServerInfo server, Supplier<List<TableMapping>> relist)
      throws SQLException {
    for (int attempt = 0; !left.isEmpty(); attempt++) {
      List<TableRef> refs = left.stream().map(TableMapping::source).toList();
      Map<TableRef, String> before = TableDefinitions.columnSignatures(connection, refs);
      Map<TableRef, TableShape> shapes = new HashMap<>();
      TableShape.read(connection, source, left).forEach(s -> shapes.put(s.mapping().source(), s));
      List<Table> read = readDefinitions(left, missing, server, relist, shapes);
      Map<TableRef, String> after = TableDefinitions.columnSignatures(connection, refs);
      List<TableMapping> changed = new ArrayList<>();
      for (Table table : read) {
        TableRef ref = table.mapping().source();
        String now = after.get(ref);
        if (now == null || !now.equals(before.get(ref))
            || !now.equals(table.shape().signature())) {
          changed.add(table.mapping());
        } else {
          tables.add(table);
        }
      }
      left.clear();
      left.addAll(changed);
      if (!left.isEmpty() && attempt >= ATTEMPTS) {
        if (!locked) {
          read.stream().filter(t -> changed.contains(t.mapping())).forEach(tables::add);
          return;
        }
        throw new FerryException(FailureClass.Other, "source '" + source + "': tables "
            + changed.stream().map(t -> t.source().toString()).toList() + " kept changing"
            + " while the full load read their definitions");
      }
    }
  }

  /**
   * The definitions of {@code left}, a batch at a time, with {@code shapes} (read before); the
   * tables gone move to {@code missing}.
   */
  private List<Table> readDefinitions(List<TableMapping> left, List<TableMapping> missing,
      ServerInfo server, Supplier<List<TableMapping>> relist, Map<TableRef, TableShape> shapes)
      throws SQLException {
    List<Table> tables = new ArrayList<>();
    List<TableMapping> unread = new ArrayList<>(left);
    for (int attempt = 0; !unread.isEmpty(); attempt++) {
      List<TableMapping> batch = unread.subList(0, Math.min(BATCH, unread.size()));
      List<Table> read = locked ? readLocked(batch, server, shapes)
          : tablesOf(batch, null, shapes);
      if (read == null) {
        if (attempt >= ATTEMPTS) {
          throw new FerryException(FailureClass.Other, "the migrated tables of source '"
              + source + "' kept disappearing while the full load read their definitions");
        }
        Set<TableRef> listed = relist.get().stream().map(TableMapping::source)
            .collect(Collectors.toSet());
        batch.stream().filter(t -> !listed.contains(t.source())).toList().forEach(t -> {
          unread.remove(t);
          left.remove(t);
          missing.add(t);
        });
        continue;
      }
      tables.addAll(read);
      batch.clear();
    }
    return tables;
  }

  /**
   * A position at which every table of {@code missing} was missing: read before and after
   * checking that they are, with no DDL between the two ({@link DdlFreeSpan}). Null when that
   * could not be shown: then the tables that are back move to {@code left}, to be read.
   */
  private Position absentAt(List<TableMapping> missing, List<TableMapping> left,
      ServerInfo server) throws SQLException {
    Position before = position(server);
    List<TableMapping> back = new ArrayList<>();
    for (TableMapping table : missing) {
      if (TableDefinitions.showCreate(connection, table.source()).isPresent()) {
        back.add(table);
      }
    }
    Position after = position(server);
    if (!back.isEmpty()) {
      missing.removeAll(back);
      left.addAll(back);
      return null;
    }
    return DdlFreeSpan.between(connection, before, after) ? before : null;
  }

  /** One batch under LOCK TABLES; null when one of its tables no longer exists. */
  private List<Table> readLocked(List<TableMapping> batch, ServerInfo server,
      Map<TableRef, TableShape> shapes) throws SQLException {
    try {
      execute("LOCK TABLES " + batch.stream().map(t -> t.source().sql() + " READ")
          .collect(Collectors.joining(", ")));
    } catch (SQLException e) {
      if (e.getErrorCode() == NO_SUCH_TABLE) {
        return null;
      }
      if (NOT_LOCKABLE.contains(e.getErrorCode())) {
        throw new FerryException(FailureClass.Fatal, "source '" + source + "': the full load"
            + " reads each table's definition together with its binlog position under a short"
            + " LOCK TABLES ... READ (milliseconds per batch of tables), so that DDL during the"
            + " load is replayed exactly, and the source user may not lock tables: GRANT LOCK"
            + " TABLES ON each migrated schema (`schema`.*) TO the user (" + e.getMessage()
            + ")");
      }
      throw e;
    }
    try {
      Position boundary = position(server);
      return tablesOf(batch, boundary, shapes);
    } finally {
      execute("UNLOCK TABLES");
    }
  }

  /**
   * The definitions of {@code batch}, each with its shape from {@code shapes}; null when one of
   * them no longer exists.
   */
  private List<Table> tablesOf(List<TableMapping> batch, Position boundary,
      Map<TableRef, TableShape> shapes) throws SQLException {
    List<Table> tables = new ArrayList<>();
    for (TableMapping table : batch) {
      String text = TableDefinitions.showCreate(connection, table.source()).orElse(null);
      TableShape shape = shapes.get(table.source());
      if (text == null || shape == null) {
        return null;
      }
      tables.add(new Table(table, text, shape, boundary));
    }
    return tables;
  }

  private Position position(ServerInfo server) throws SQLException {
    return StatusPositions.of(BinlogPositions.current(connection, server)
        .orElseThrow(() -> new FerryException(FailureClass.Fatal, "source '" + source
            + "' reports no binlog position (SHOW MASTER STATUS is empty): enable the binary"
            + " log and grant REPLICATION CLIENT to the user")));
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
