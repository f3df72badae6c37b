package dev.ferry.worker.validation;

import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Specs, contexts and data helpers for validation tests against real servers. */
final class ValidationFixture {

  /** Creates {@code schema.digits} (0..9) so that cross joins generate rows on any flavour. */
  static final String NUMBERS_SELECT = "SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 1 AS n"
      + " FROM %1$s.digits a, %1$s.digits b, %1$s.digits c, %1$s.digits e";

  private ValidationFixture() {}

  /** Statements creating {@code schema} with its digits table. */
  static String[] schemaWithDigits(String schema) {
    return new String[] {"CREATE DATABASE " + schema,
        "CREATE TABLE " + schema + ".digits (d INT PRIMARY KEY)",
        "INSERT INTO " + schema + ".digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)"};
  }

  /** A SELECT of the numbers 1..10000 (column {@code n}) from {@code schema}'s digits. */
  static String numbers(String schema) {
    return String.format(NUMBERS_SELECT, schema);
  }

  /** A spec validating {@code include} from {@code source} to {@code target}, 1000-row chunks. */
  static MigrationTaskSpec spec(DatabaseServer source, DatabaseServer target, String... include) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.Full);
    SourceSpec from = new SourceSpec();
    from.setName("src");
    endpoint(from, source, "source-secret");
    spec.getSources().add(from);
    TargetSpec to = new TargetSpec();
    endpoint(to, target, "target-secret");
    spec.setTarget(to);
    spec.getObjects().setInclude(new ArrayList<>(List.of(include)));
    spec.getValidation().setChunkRows(1000);
    return spec;
  }

  /** Adds another source server to {@code spec}, with the same secret as the first. */
  static void addSource(MigrationTaskSpec spec, String name, DatabaseServer server) {
    SourceSpec from = new SourceSpec();
    from.setName(name);
    endpoint(from, server, "source-secret");
    spec.getSources().add(from);
  }

  /** A rule mapping {@code match} to another schema/table, with a filter and a column rename. */
  static TableRule rule(String match, String schema, String table, String where, String from,
      String to) {
    TableRule rule = new TableRule();
    rule.setMatch(match);
    rule.setTargetSchema(schema);
    rule.setTargetTable(table);
    rule.setWhere(where);
    if (from != null) {
      ColumnRename rename = new ColumnRename();
      rename.setFrom(from);
      rename.setTo(to);
      rule.setColumns(new ArrayList<>(List.of(rename)));
    }
    return rule;
  }

  private static void endpoint(EndpointSpec spec, DatabaseServer server, String secret) {
    spec.setHost(server.host());
    spec.setPort(server.port());
    spec.setCredentialsSecret(secret);
    spec.getTls().setMode(TlsMode.Disabled);
    spec.setAllowPublicKeyRetrieval(true);
  }

  /** A context for task {@code taskId} whose secrets log in as the servers' admin. */
  static TaskContext context(String taskId, InMemoryStatusSink sink, DatabaseServer source,
      DatabaseServer target) {
    Map<String, String> secrets = new HashMap<>();
    secrets.put("source-secret/username", source.adminUser());
    secrets.put("source-secret/password", source.adminPassword());
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

  /** Runs statements on both servers, the same on each. */
  static void onBoth(DatabaseServer source, DatabaseServer target, String... statements)
      throws Exception {
    source.execute(statements);
    target.execute(statements);
  }
}
