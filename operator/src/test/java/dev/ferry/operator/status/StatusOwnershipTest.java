package dev.ferry.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.worker.kube.KubernetesStatusSink;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's status recorder and a worker's status sink write one task at the same time:
 * each keeps its own fields, and the checkpoint only moves forward, even though the operator
 * works from a stale copy of the task.
 */
class StatusOwnershipTest {

  private static KubernetesMockServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    try (InputStream yaml = MigrationTask.class.getResourceAsStream(
        "/META-INF/fabric8/migrationtasks.ferry.dev-v1.yml")) {
      client.apiextensions().v1().customResourceDefinitions().resource(client
          .getKubernetesSerialization().unmarshal(yaml,
              io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class))
          .create();
    }
  }

  @AfterAll
  static void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void operatorAndWorkerWritersNeverRewindTheCheckpoint() throws Exception {
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("race").build());
    task.setSpec(new MigrationTaskSpec());
    MigrationTask stale = client.resource(task).create();
    StatusRecorder recorder = new StatusRecorder(client);
    MigrationTaskStatus first = new MigrationTaskStatus();
    first.setPhase(Phase.Incremental);
    first.setObservedGeneration(1L);
    stale = recorder.record(stale, first, null);
    MigrationTask operatorView = stale;

    AtomicBoolean running = new AtomicBoolean(true);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    Thread operator = new Thread(() -> {
      long round = 0;
      while (running.get()) {
        try {
          MigrationTaskStatus next = Serialization.clone(operatorView.getStatus());
          next.setObservedGeneration(++round);
          Conditions.set(next, ConditionType.Reconciling, round % 2 == 0, "Round" + round, "",
              round, Instant.now());
          recorder.record(operatorView, next, null);
          Thread.sleep(3);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          errors.add(e);
        }
      }
    });
    operator.start();
    List<Long> seen = new ArrayList<>();
    try (KubernetesStatusSink sink = KubernetesStatusSink.open(client, "ns", "race",
        Clock.systemUTC(), Duration.ofMillis(5))) {
      for (long position = 1; position <= 40; position++) {
        long at = position;
        sink.update(status -> status.setCheckpoints(new ArrayList<>(List.of(checkpoint(at)))));
        seen.add(position(read()));
        Thread.sleep(4);
      }
    } finally {
      running.set(false);
      operator.join();
    }

    assertThat(errors).isEmpty();
    assertThat(seen).isSorted();
    MigrationTaskStatus stored = read().getStatus();
    assertThat(position(read())).isEqualTo(40L);
    assertThat(stored.getPhase()).isEqualTo(Phase.Incremental);
    assertThat(stored.getObservedGeneration()).isGreaterThan(1L);
  }

  @Test
  void aRecordWithoutChangesSendsNothing() {
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("noop").build());
    task.setSpec(new MigrationTaskSpec());
    MigrationTask created = client.resource(task).create();
    StatusRecorder recorder = new StatusRecorder(client);
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPhase(Phase.Pending);
    status.setObservedGeneration(1L);
    MigrationTask written = recorder.record(created, status, null);

    MigrationTask again = recorder.record(written, Serialization.clone(status), null);

    assertThat(again).isSameAs(written);
    assertThat(client.resources(MigrationTask.class).inNamespace("ns").withName("noop").get()
        .getMetadata().getResourceVersion()).isEqualTo(written.getMetadata()
        .getResourceVersion());
  }

  private static MigrationTask read() {
    return client.resources(MigrationTask.class).inNamespace("ns").withName("race").get();
  }

  private static long position(MigrationTask task) {
    return task.getStatus().getCheckpoints().stream().findFirst()
        .map(SourceCheckpoint::getPosition).orElse(0L);
  }

  private static SourceCheckpoint checkpoint(long position) {
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setSource("src");
    checkpoint.setFile("mysql-bin.000001");
    checkpoint.setPosition(position);
    return checkpoint;
  }
}
