package dev.ferry.worker.fullload;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.ChunkPlanner;
import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.meta.CopyBoundaries;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the chunk plan and the target tables in line with the source tables as they are now,
 * under the plan lock, before each round of copying. Each migrated table is read with its
 * binlog position ({@link DefinitionSnapshot}), then:
 * <ul>
 *   <li>copied completely: left alone (the CDC replays its later changes);</li>
 *   <li>planned, with chunks left, and its definition still that of its target table: its
 *   chunks go on from the boundary recorded when it was planned;</li>
 *   <li>planned, with chunks left, and changed or gone (a DDL while the load ran or while the
 *   worker was down): its plan is dropped, its target table made again from the definition just
 *   read (or dropped), and it gets that read's position as its new boundary and a new plan;</li>
 *   <li>not planned yet: its target table is made again when the definition differs from the one
 *   the schema phase made it from (or it is new), and it gets its boundary and plan.</li>
 * </ul>
 * The CDC then skips each table's changes up to its boundary ({@link CopyBoundaries}), which the
 * copy holds, so every row and DDL is applied exactly once whatever changed when.
 */
final class TableSync {

  private static final Logger LOG = LoggerFactory.getLogger(TableSync.class);
  /** Tables whose records are committed together. */
  static final int BATCH = 200;

  private final MigrationTaskSpec spec;
  private final ChunkLedger ledger;
  private final IndexDeferral indexes;
  private final CopyBoundaries boundaries;
  private final TableRebuilder rebuilder;
  private final boolean positioned;
  /** Target tables with indexes recorded by {@link IndexDeferral}, read once per sync. */
  private Set<TableRef> deferred;
  /** The target's tables, read at most once per sync, and those it made since. */
  private Set<TableRef> targetTables;
  /** The target tables of every migrated table listed now. */
  private Set<TableRef> migratedTargets;
  /** Source tables of the source being synced that fit in one chunk ({@link SingleChunkProbe}). */
  private Set<TableRef> fitting = Set.of();
  private int deferredTables;
  private int deferredIndexes;

  /**
   * @param positioned whether each table needs a copy boundary (a CDC follows the load), which
   *     the definitions are then read with under a lock
   */
  TableSync(MigrationTaskSpec spec, ChunkLedger ledger, IndexDeferral indexes,
      CopyBoundaries boundaries, TableRebuilder rebuilder, boolean positioned) {
    this.spec = spec;
    this.ledger = ledger;
    this.indexes = indexes;
    this.boundaries = boundaries;
    this.rebuilder = rebuilder;
    this.positioned = positioned;
  }

  /**
   * Syncs every source's tables; returns the shapes of the migrated tables that exist, keyed as
   * {@link Chunk#tableKey}. Call it holding the plan lock.
   *
   * @param defer whether to defer the plain secondary indexes of a newly planned table
   */
  Map<String, TableShape> sync(Connection target, Map<String, Database> sources, int chunkRows,
      boolean defer) throws SQLException, InterruptedException {
    boolean autoCommit = target.getAutoCommit();
    target.setAutoCommit(false);
    try {
      Map<String, TableShape> shapes = syncAll(target, sources, chunkRows, defer);
      target.commit();
      return shapes;
    } catch (SQLException | InterruptedException | RuntimeException e) {
      target.rollback();
      throw e;
    } finally {
      target.setAutoCommit(autoCommit);
    }
  }

  /**
   * The sync, in the caller's transaction on {@code target}: the records of {@link #BATCH}
   * tables (boundaries, plans, deferred indexes) are committed together, not one commit each.
   */
  private Map<String, TableShape> syncAll(Connection target, Map<String, Database> sources,
      int chunkRows, boolean defer) throws SQLException, InterruptedException {
    deferred = new HashSet<>(indexes.pending(target).keySet());
    targetTables = null;
    List<Chunk> existing = ledger.chunks(target);
    Map<String, List<Chunk>> planned = existing.stream()
        .collect(Collectors.groupingBy(Chunk::tableKey, LinkedHashMap::new, Collectors.toList()));
    long[] next = {existing.stream().mapToLong(Chunk::ordinal).max().orElse(-1) + 1};
    Map<String, List<TableMapping>> listed = new LinkedHashMap<>();
    Map<TableRef, Integer> targetUses = new HashMap<>();
    for (Map.Entry<String, Database> source : sources.entrySet()) {
      try (Connection connection = source.getValue().connection()) {
        List<TableMapping> present = SourceCatalog.tables(connection, spec);
        listed.put(source.getKey(), present);
        present.forEach(t -> targetUses.merge(t.target(), 1, Integer::sum));
      }
    }
    migratedTargets = targetUses.keySet();
    Map<String, TableShape> shapes = new LinkedHashMap<>();
    for (Map.Entry<String, Database> source : sources.entrySet()) {
      String name = source.getKey();
      List<TableMapping> present = listed.get(name);
      Set<TableRef> names = present.stream().map(TableMapping::source)
          .collect(Collectors.toSet());
      List<TableMapping> gone = planned.values().stream().map(chunks -> chunks.get(0))
          .filter(c -> c.source().equals(name) && !names.contains(c.table()))
          .filter(c -> planned.get(c.tableKey()).stream().anyMatch(x -> !x.done()))
          .map(c -> SourceCatalog.mapping(spec, c.table())).toList();
      List<DefinitionSnapshot.Table> tables;
      try (Connection connection = source.getValue().connection()) {
        tables = new DefinitionSnapshot(connection, name, positioned).read(present, gone,
            () -> relist(source.getValue()));
        fitting = SingleChunkProbe.fitting(connection, tables.stream()
            .filter(t -> t.exists() && !planned.containsKey(name + "/" + t.mapping().source()))
            .map(DefinitionSnapshot.Table::shape).toList(), chunkRows - 1);
      }
      Map<TableRef, CopyBoundaries.Entry> recorded = boundaries.read(target, name);
      int inBatch = 0;
      for (DefinitionSnapshot.Table table : tables) {
        if (++inBatch % BATCH == 0) {
          target.commit();
        }
        String key = name + "/" + table.mapping().source();
        List<Chunk> chunks = planned.getOrDefault(key, List.of());
        CopyBoundaries.Entry entry = recorded.get(table.mapping().source());
        Sync sync = new Sync(target, name, source.getValue(), present, table,
            targetUses);
        if (!chunks.isEmpty() && chunks.stream().allMatch(Chunk::done)) {
          keep(shapes, key, table);
        } else if (!chunks.isEmpty()) {
          if (!table.exists() || changed(entry, table)) {
            LOG.info("source '{}': table {} {} since its copy began: it is copied again from"
                + " its current definition", name, table.mapping().source(),
                table.exists() ? "changed" : "is gone");
            ledger.forget(target, name, table.mapping().source());
            indexes.forget(target, table.mapping().target());
            deferred.remove(table.mapping().target());
            sync.remake();
            next[0] = sync.plan(chunkRows, defer, next[0]);
          }
          keep(shapes, key, table);
        } else if (table.exists()) {
          if (entry != null && entry.definition() != null ? changed(entry, table)
              : !exists(target, table.mapping().target())) {
            sync.remake();
          } else if (!recorded(entry, table)) {
            sync.record();
          }
          next[0] = sync.plan(chunkRows, defer, next[0]);
          keep(shapes, key, table);
        }
      }
    }
    if (deferredTables > 0) {
      LOG.info("{} indexes of {} tables are built after the load", deferredIndexes,
          deferredTables);
    }
    return shapes;
  }

  private static void keep(Map<String, TableShape> shapes, String key,
      DefinitionSnapshot.Table table) {
    if (table.exists()) {
      shapes.put(key, table.shape());
    }
  }

  /**
   * Whether the table's definition differs from the one its target table was made from; a
   * table whose definition is not recorded (made by an earlier version, or kept from before the
   * task) counts as unchanged, as it did.
   */
  private static boolean changed(CopyBoundaries.Entry entry, DefinitionSnapshot.Table table) {
    return entry != null && entry.definition() != null
        && !entry.definition().equals(table.fingerprint());
  }

  /**
   * Whether the table's record holds what {@link Sync#record} would write (the definition the
   * schema phase recorded, and no boundary: mode Full), so writing it again can be skipped.
   */
  private static boolean recorded(CopyBoundaries.Entry entry, DefinitionSnapshot.Table table) {
    return entry != null && entry.boundary() == null && table.boundary() == null
        && table.fingerprint().equals(entry.definition());
  }

  private List<TableMapping> relist(Database source) {
    try (Connection connection = source.connection()) {
      return SourceCatalog.tables(connection, spec);
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other, "could not list the source's tables again: "
          + e.getMessage());
    }
  }

  /** Whether {@code table} exists on the target: the target's tables are read once. */
  private boolean exists(Connection target, TableRef table) throws SQLException {
    if (targetTables == null) {
      targetTables = new HashSet<>(CatalogReader.tables(target,
          Scope.schemasOf(migratedTargets)).keySet());
    }
    return targetTables.contains(table);
  }

  /** What is done for one table of one source. */
  private final class Sync {

    private final Connection target;
    private final String source;
    private final Database sourceDb;
    private final List<TableMapping> present;
    private final DefinitionSnapshot.Table table;
    private final Map<TableRef, Integer> targetUses;

    Sync(Connection target, String source, Database sourceDb, List<TableMapping> present,
        DefinitionSnapshot.Table table, Map<TableRef, Integer> targetUses) {
      this.target = target;
      this.source = source;
      this.sourceDb = sourceDb;
      this.present = present;
      this.table = table;
      this.targetUses = targetUses;
    }

    /** Makes the target table again from the definition read (drops it when gone). */
    void remake() throws SQLException {
      // the rebuild runs on a connection of its own: nothing held here may make it wait
      target.commit();
      TableRef targetTable = table.mapping().target();
      if (targetUses.getOrDefault(targetTable, 0) > 1) {
        throw new FerryException(FailureClass.Fatal, "source '" + source + "': table "
            + table.mapping().source() + " changed after the schema phase, and its target"
            + " table " + targetTable + " also receives the rows of other source tables"
            + " (merged), so it cannot be made again alone: restart the task from the schema"
            + " phase once the change is done on every merged source");
      }
      rebuilder.rebuild(present, table.mapping(), table.showCreate());
      if (table.exists() && targetTables != null) {
        targetTables.add(targetTable);
      }
      record();
      // the table made again is on the target now, whatever fails next: its record must be
      // there too, or a table gone by the next round is never dropped there
      target.commit();
    }

    /** Records the table's boundary (or, without one, the definition of its target table). */
    void record() throws SQLException {
      TableRef sourceTable = table.mapping().source();
      if (table.boundary() != null) {
        boundaries.recordBoundary(target, source, sourceTable, table.boundary(),
            table.fingerprint());
      } else if (table.exists()) {
        boundaries.recordDefinition(target, source, sourceTable, table.fingerprint());
      } else {
        boundaries.forget(target, source, sourceTable);
      }
    }

    /**
     * Plans the table's chunks (when it exists) from ordinal {@code next}; returns the next free
     * ordinal.
     */
    long plan(int chunkRows, boolean defer, long next)
        throws SQLException, InterruptedException {
      if (!table.exists()) {
        return next;
      }
      List<KeyRange> ranges = fitting.contains(table.mapping().source())
          ? List.of(KeyRange.ALL) : planned(table.shape(), chunkRows);
      ledger.storePlan(target, source, table.mapping().source(), ranges, next);
      // a table of one chunk keeps its indexes: dropping and adding them back costs two ALTER
      // TABLEs, more than the index inserts of so few rows
      if (defer && ranges.size() > 1) {
        List<String> dropped = indexes.defer(target, table.mapping().target(), deferred);
        if (!dropped.isEmpty()) {
          deferred.add(table.mapping().target());
          deferredTables++;
          deferredIndexes += dropped.size();
          LOG.debug("indexes {} of {} are built after the load", dropped,
              table.mapping().target());
        }
      }
      return next + ranges.size();
    }

    /** The table's ranges, as the planner splits it now. */
    private List<KeyRange> planned(TableShape shape, int chunkRows)
        throws SQLException, InterruptedException {
      try (Connection connection = sourceDb.connection()) {
        SessionSettings.applyToSource(connection);
        // the first chunk one row short: the boundaries of loads planned before (see
        // LegacyChunkBounds), each the last key of a chunk of chunkRows rows; the probe of
        // single-chunk tables asks the same
        return ChunkPlanner.plan(connection, shape.chunking(), chunkRows - 1, chunkRows);
      } catch (SQLException e) {
        if (TableChangedException.causedBy(e)) {
          throw new TableChangedException(table.mapping().source(), "changed while its chunks"
              + " were planned (" + e.getMessage() + ")", e);
        }
        throw e;
      }
    }
  }
}
