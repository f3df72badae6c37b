package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds tasks against a server pair and runs the precheck, keeping what it reported. */
final class PrecheckFixture {

  private final Map<String, String> secrets = new HashMap<>();
  private final MigrationTaskSpec spec = new MigrationTaskSpec();
  private InMemoryStatusSink sink;

  /** A task of {@code mode} that migrates schema {@code shop}, as the admin users. */
  PrecheckFixture(DatabasePair pair, Mode mode) {
    spec.setMode(mode);
    SourceSpec source = new SourceSpec();
    source.setName("main");
    connectTo(source, pair.source(), "source-login");
    spec.setSources(new ArrayList<>(List.of(source)));
    TargetSpec target = new TargetSpec();
    connectTo(target, pair.target(), "target-login");
    spec.setTarget(target);
    spec.getObjects().setInclude(List.of("shop"));
    login("source-login", pair.source().adminUser(), pair.source().adminPassword());
    login("target-login", pair.target().adminUser(), pair.target().adminPassword());
  }

  MigrationTaskSpec spec() {
    return spec;
  }

  /** Sets the username and password of a credentials Secret. */
  PrecheckFixture login(String secret, String user, String password) {
    secrets.put(secret + "/username", user);
    secrets.put(secret + "/password", password);
    return this;
  }

  /** Runs the precheck; the phase's exception, if any, propagates. */
  void run() {
    sink = new InMemoryStatusSink(spec, null);
    TaskContext context = new TaskContext("test/precheck", "run-1", sink, (secret, key) -> {
      String value = secrets.get(secret + "/" + key);
      if (value == null) {
        throw new MissingSecretException("Secret " + secret + " has no key " + key);
      }
      return value;
    });
    new PrecheckPhase(context, Clock.systemUTC()).run();
  }

  /** The reported items. */
  List<PrecheckItem> items() {
    return sink.status().getPrecheck().getItems();
  }

  /** The one reported item of that name. */
  PrecheckItem item(String name) {
    List<PrecheckItem> matching = items().stream().filter(i -> i.getName().equals(name)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one item " + name + " in " + describe());
    }
    return matching.get(0);
  }

  /** Every item on one line each, for assertion messages. */
  String describe() {
    StringBuilder out = new StringBuilder();
    for (PrecheckItem item : items()) {
      out.append('\n').append(item.getName()).append(' ').append(item.getResult()).append(": ")
          .append(item.getMessage());
    }
    return out.toString();
  }

  InMemoryStatusSink sink() {
    return sink;
  }

  private static void connectTo(EndpointSpec endpoint,
      DatabaseServer server, String secret) {
    endpoint.setHost(server.host());
    endpoint.setPort(server.port());
    endpoint.setCredentialsSecret(secret);
    endpoint.getTls().setMode(TlsMode.Disabled);
    endpoint.setAllowPublicKeyRetrieval(true);
  }
}
