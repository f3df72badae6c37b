package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.change.RowChange;
import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.cdc.change.SourceColumn;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Specs, contexts, synthetic change streams and target helpers for applier tests. */
final class ApplyFixture {

  static final String SOURCE = "src";
  static final String FILE = "mysql-bin.000007";

  private ApplyFixture() {}

  /** A spec whose target is {@code target}, with the given lanes and batch size. */
  static MigrationTaskSpec spec(DatabaseServer target, int lanes, int batchSize) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.Incremental);
    TargetSpec to = new TargetSpec();
    to.setHost(target.host());
    to.setPort(target.port());
    to.setCredentialsSecret("target-secret");
    to.getTls().setMode(TlsMode.Disabled);
    to.setAllowPublicKeyRetrieval(true);
    spec.setTarget(to);
    spec.getIncremental().setApplyThreads(lanes);
    spec.getIncremental().setBatchSize(batchSize);
    return spec;
  }

  /** A context for task {@code taskId} whose target secret logs in as the admin. */
  static TaskContext context(String taskId, InMemoryStatusSink sink, DatabaseServer target) {
    Map<String, String> secrets = new HashMap<>();
    secrets.put("target-secret/username", target.adminUser());
    secrets.put("target-secret/password", target.adminPassword());
    return new TaskContext(taskId, "run-1", sink, (name, key) -> {
      String value = secrets.get(name + "/" + key);
      if (value == null) {
        throw new MissingSecretException("no secret " + name + "/" + key);
      }
      return value;
    });
  }

  /** A target pool large enough for the spec's lanes. */
  static Database targetPool(TaskContext context) {
    return Database.open(context.target(), context.spec().getIncremental().getApplyThreads() + 2);
  }

  /** Mappings that keep every listed table's name. */
  static Function<TableRef, TableMapping> identity(TableRef... tables) {
    Map<TableRef, TableMapping> mappings = new HashMap<>();
    for (TableRef table : tables) {
      mappings.put(table, TableMapping.of(table, Optional.empty(), NameCase.Keep));
    }
    return mappings::get;
  }

  /** A layout whose columns are all plain, with the key at the given column indexes. */
  static TableSchema schema(TableRef table, List<String> columns, Integer... key) {
    return new TableSchema(table, columns.stream().map(c -> new SourceColumn(c, false)).toList(),
        Arrays.asList(key));
  }

  static RowChange insert(TableSchema schema, Object... after) {
    return new RowChange(schema, RowOperation.INSERT, null, after);
  }

  static RowChange update(TableSchema schema, Object[] before, Object[] after) {
    return new RowChange(schema, RowOperation.UPDATE, before, after);
  }

  static RowChange delete(TableSchema schema, Object... before) {
    return new RowChange(schema, RowOperation.DELETE, before, null);
  }

  static Object[] row(Object... values) {
    return values;
  }

  /** The rows of a query on {@code server}, each as a list, with numbers as longs. */
  static List<List<Object>> rows(DatabaseServer server, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : server.query(sql)) {
      rows.add(row.stream().map(v -> v instanceof Number n && !(v instanceof java.math.BigDecimal)
          ? (Object) n.longValue() : v).toList());
    }
    return rows;
  }

  /** A synthetic binlog: each transaction ends 100 bytes after the previous one. */
  static final class Stream {
    private final boolean gtids;
    private long position = 4;
    private long sequence;

    /** A stream without GTIDs ({@code gtids} false) or with MySQL GTIDs. */
    Stream(boolean gtids) {
      this.gtids = gtids;
    }

    Position position() {
      return coordinates();
    }

    SourceTransaction tx(RowChange... rows) {
      advance();
      return new SourceTransaction(SOURCE, List.of(rows), null, coordinates(), Instant.now(),
          null);
    }

    SourceTransaction tx(List<RowChange> rows) {
      return tx(rows.toArray(new RowChange[0]));
    }

    SourceTransaction ddl(dev.ferry.worker.sql.DdlChange change) {
      advance();
      return new SourceTransaction(SOURCE, List.of(), change, coordinates(), Instant.now(),
          null);
    }

    private void advance() {
      position += 100;
      sequence++;
    }

    private Position coordinates() {
      return Position.of(FILE, position,
          gtids ? "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-" + (sequence + 1) : null);
    }
  }

  /** Integers from..to inclusive as a list of longs. */
  static List<Long> range(long from, long to) {
    return IntStream.rangeClosed((int) from, (int) to).mapToObj(i -> (long) i).toList();
  }
}
