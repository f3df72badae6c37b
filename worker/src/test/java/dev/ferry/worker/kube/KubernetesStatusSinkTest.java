package dev.ferry.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class KubernetesStatusSinkTest {

  private static final String NS = "ns";
  private static final MockApiServer API = new MockApiServer();

  @AfterAll
  static void stop() {
    API.close();
  }

  @Test
  void writesOnlyTheWorkerFieldsAndFlushesTheLastUpdateOnClose() {
    API.createTask(NS, "fields");
    operatorWrites("fields", Phase.FullLoad, 7L);

    try (KubernetesStatusSink sink = KubernetesStatusSink.open(API.client(), NS, "fields",
        Clock.systemUTC(), Duration.ofHours(1))) {
      sink.update(status -> {
        status.setProgress("10%");
        status.setPhase(Phase.Failed);
      });
      sink.update(status -> status.setProgress("20%"));
      assertThat(read("fields").getStatus().getProgress()).as("rate limited").isEqualTo("10%");
      assertThat(sink.status().getProgress()).isEqualTo("20%");
    }

    MigrationTaskStatus stored = read("fields").getStatus();
    assertThat(stored.getProgress()).isEqualTo("20%");
    assertThat(stored.getPhase()).as("operator field untouched").isEqualTo(Phase.FullLoad);
    assertThat(stored.getObservedGeneration()).isEqualTo(7L);
  }

  @Test
  void concurrentOperatorUpdatesNeitherLoseNorRewindCheckpoints() throws Exception {
    API.createTask(NS, "race");
    AtomicBoolean running = new AtomicBoolean(true);
    List<Throwable> errors = new ArrayList<>();
    KubernetesClient operatorClient = API.newClient();
    Thread operator = new Thread(() -> {
      long generation = 1;
      while (running.get()) {
        try {
          operatorWrites(operatorClient, "race", Phase.FullLoad, generation++);
          Thread.sleep(4);
        } catch (RuntimeException e) {
          errors.add(e);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    operator.start();
    List<Long> seen = new ArrayList<>();
    try (KubernetesStatusSink sink = KubernetesStatusSink.open(API.client(), NS, "race",
        Clock.systemUTC(), Duration.ofMillis(5))) {
      for (long position = 1; position <= 60; position++) {
        long at = position;
        sink.update(status -> {
          status.setCheckpoints(new ArrayList<>(List.of(checkpoint(at))));
          status.setFullLoad(new FullLoadStatus());
          status.getFullLoad().setChunksDone(at);
        });
        if (position == 30) {
          sink.update(status -> status.setCheckpoints(new ArrayList<>(List.of(checkpoint(3)))));
        }
        seen.add(read("race").getStatus().getCheckpoints().stream().findFirst()
            .map(SourceCheckpoint::getPosition).orElse(0L));
        Thread.sleep(3);
      }
    } finally {
      running.set(false);
      operator.join();
      operatorClient.close();
    }

    assertThat(errors).isEmpty();
    assertThat(seen).isSorted();
    MigrationTaskStatus stored = read("race").getStatus();
    assertThat(stored.getCheckpoints()).singleElement()
        .satisfies(c -> assertThat(c.getPosition()).isEqualTo(60L));
    assertThat(stored.getFullLoad().getChunksDone()).isEqualTo(60L);
    assertThat(stored.getPhase()).isEqualTo(Phase.FullLoad);
    assertThat(Conditions.isTrue(stored, ConditionType.Reconciling)).isTrue();
  }

  @Test
  void aStaleResourceVersionIsAConflict() {
    MigrationTask created = API.createTask(NS, "stale");
    operatorWrites("stale", Phase.Precheck, 2L);
    String patch = StatusFieldsPatch.between(created.getStatus(), progress("5%"),
        created.getMetadata().getResourceVersion(), true);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> API.client()
            .resources(MigrationTask.class).inNamespace(NS).withName("stale")
            .subresource("status").patch(PatchContext.of(PatchType.JSON), patch))
        .hasMessageContaining("409");
  }

  private static MigrationTaskStatus progress(String progress) {
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setProgress(progress);
    return status;
  }

  private static SourceCheckpoint checkpoint(long position) {
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setSource("src");
    checkpoint.setFile("mysql-bin.000001");
    checkpoint.setPosition(position);
    return checkpoint;
  }

  private static void operatorWrites(String name, Phase phase, long generation) {
    operatorWrites(API.client(), name, phase, generation);
  }

  /** What the operator does: a JSON patch of its own fields, no resourceVersion. */
  private static void operatorWrites(KubernetesClient client, String name, Phase phase,
      long generation) {
    MigrationTaskStatus status = new MigrationTaskStatus();
    Conditions.set(status, ConditionType.Reconciling, true, "Running", "phase " + phase,
        generation, Instant.now());
    String json = "[{\"op\":\"add\",\"path\":\"/status/phase\",\"value\":\"" + phase
        + "\"},{\"op\":\"add\",\"path\":\"/status/observedGeneration\",\"value\":"
        + generation + "},{\"op\":\"add\",\"path\":\"/status/conditions\",\"value\":"
        + Serialization.asJson(status.getConditions()) + "}]";
    client.resources(MigrationTask.class).inNamespace(NS).withName(name).subresource("status")
        .patch(PatchContext.of(PatchType.JSON), json);
  }

  private static MigrationTask read(String name) {
    return API.client().resources(MigrationTask.class).inNamespace(NS).withName(name).get();
  }
}
