package dev.ferry.worker.schema;

import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A mode Full task from one test source to its target, as the admin users, for schema tests. */
final class SchemaTask {

  private final Map<String, String> secrets = new HashMap<>();
  private final MigrationTaskSpec spec = new MigrationTaskSpec();
  private final InMemoryStatusSink sink;
  private final TaskContext context;

  SchemaTask(DatabasePair pair, String taskId) {
    spec.setMode(Mode.Full);
    SourceSpec source = new SourceSpec();
    source.setName("main");
    connect(source, pair.source(), "source-login");
    spec.setSources(new ArrayList<>(List.of(source)));
    TargetSpec target = new TargetSpec();
    connect(target, pair.target(), "target-login");
    spec.setTarget(target);
    sink = new InMemoryStatusSink(spec, null);
    context = new TaskContext(taskId, "run-1", sink, (secret, key) -> {
      String value = secrets.get(secret + "/" + key);
      if (value == null) {
        throw new MissingSecretException("Secret " + secret + " has no key " + key);
      }
      return value;
    });
  }

  MigrationTaskSpec spec() {
    return spec;
  }

  TaskContext context() {
    return context;
  }

  InMemoryStatusSink sink() {
    return sink;
  }

  /** Adds a rule: tables matching {@code match} go to {@code targetSchema}.{@code targetTable}. */
  SchemaTask rule(String match, String targetSchema, String targetTable, String... renames) {
    TableRule rule = new TableRule();
    rule.setMatch(match);
    rule.setTargetSchema(targetSchema);
    rule.setTargetTable(targetTable);
    for (int i = 0; i < renames.length; i += 2) {
      ColumnRename rename = new ColumnRename();
      rename.setFrom(renames[i]);
      rename.setTo(renames[i + 1]);
      rule.getColumns().add(rename);
    }
    spec.getObjects().getRules().add(rule);
    return this;
  }

  SchemaSummary migrate() throws Exception {
    return SchemaMigrator.migrate(context);
  }

  SchemaSummary createTriggers() throws Exception {
    return SchemaMigrator.createTriggers(context);
  }

  private void connect(EndpointSpec endpoint, DatabaseServer server, String secret) {
    endpoint.setHost(server.host());
    endpoint.setPort(server.port());
    endpoint.setCredentialsSecret(secret);
    endpoint.getTls().setMode(TlsMode.Disabled);
    endpoint.setAllowPublicKeyRetrieval(true);
    secrets.put(secret + "/username", server.adminUser());
    secrets.put(secret + "/password", server.adminPassword());
  }
}
