package dev.ferry.worker.cdc.route;

import dev.ferry.api.objects.ObjectFilter;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.sql.TableRef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides where each change of the stream goes, from {@code spec.objects} and the online-DDL
 * policy: which tables are migrated and how they are mapped, and which rows pass the tables'
 * row filters. Ferry's own schemas (meta, heartbeat) never pass.
 */
public final class TableRouter {

  private final ObjectFilter filter;
  private final MigrationTaskSpec spec;
  private final OnlineDdl onlineDdl;
  private final String heartbeatSchema;
  private final Map<TableRef, Optional<TableMapping>> mappings = new ConcurrentHashMap<>();

  public TableRouter(MigrationTaskSpec spec, OnlineDdl onlineDdl) {
    this.spec = spec;
    this.filter = ObjectFilter.of(spec);
    this.onlineDdl = onlineDdl;
    this.heartbeatSchema = spec.getIncremental().getHeartbeat().getSchema();
  }

  /** The mapping of a migrated table, empty when the table is not migrated. */
  public Optional<TableMapping> mapping(TableRef table) {
    return mappings.computeIfAbsent(table, t -> {
      if (t.schema() == null || t.schema().equals(heartbeatSchema)
          || !filter.includes(t.schema(), t.table())) {
        return Optional.empty();
      }
      return Optional.of(TableMapping.of(t, filter.ruleFor(t.schema(), t.table()),
          spec.getSchema().getNameCase()));
    });
  }

  /** Whether row changes of {@code table} are read and replicated at all. */
  public boolean replicatesRows(TableRef table) {
    return mapping(table).isPresent() && onlineDdl.replicatesRows(table);
  }

  /**
   * The transaction with only the rows that reach the target (row filters applied; an UPDATE
   * crossing a filter becomes an INSERT or DELETE), keeping its end position and commit time.
   * Rows are regrouped by table, each table's in their order: the transaction is applied
   * atomically, so only the order within a table matters. The rows of a spilled transaction are
   * routed so, chunk by chunk, as they are read back.
   */
  public SourceTransaction route(SourceTransaction transaction, RowFilter rowFilter)
      throws SQLException {
    if (transaction.isSpilled()) {
      return new SourceTransaction(transaction.source(), List.of(), transaction.ddl(),
          transaction.end(), transaction.commitTime(), transaction.gtid(),
          transaction.spilled().filtered(chunk -> route(chunk, rowFilter)));
    }
    if (transaction.rows().isEmpty()) {
      return transaction;
    }
    return new SourceTransaction(transaction.source(), route(transaction.rows(), rowFilter),
        transaction.ddl(), transaction.end(), transaction.commitTime(), transaction.gtid());
  }

  private List<RowChange> route(List<RowChange> rows, RowFilter rowFilter) throws SQLException {
    Map<TableRef, List<RowChange>> byTable = new LinkedHashMap<>();
    for (RowChange change : rows) {
      TableRef table = change.schema().table();
      if (replicatesRows(table)) {
        byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(change);
      }
    }
    List<RowChange> kept = new ArrayList<>();
    for (Map.Entry<TableRef, List<RowChange>> table : byTable.entrySet()) {
      kept.addAll(rowFilter.filter(mapping(table.getKey()).orElseThrow(), table.getValue()));
    }
    return kept;
  }
}
