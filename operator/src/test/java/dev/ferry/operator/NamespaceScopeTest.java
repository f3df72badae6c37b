package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An operator configured with namespaces reconciles tasks there and nowhere else. */
class NamespaceScopeTest {

  @Test
  void onlyTheConfiguredNamespacesAreWatched() {
    try (MockCluster cluster = new MockCluster()) {
      KubernetesClient client = cluster.newClient();
      try (FerryOperator operator = FerryOperator.create(new OperatorConfig("ferry/worker:t",
          Set.of("watched"), 0, "ferry-worker", false, null), client, new SimpleMeterRegistry(),
          Clock.systemUTC())) {
        operator.start();
        cluster.client().resource(emptyTask("other")).create();
        cluster.client().resource(emptyTask("watched")).create();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
          MigrationTask watched = cluster.task("watched", "t");
          return watched.getStatus() != null
              && watched.getStatus().getObservedGeneration() != null;
        });
        assertThat(Conditions.isTrue(cluster.task("watched", "t").getStatus(),
            ConditionType.Stalled)).isTrue();
        MigrationTaskStatus other = cluster.task("other", "t").getStatus();
        assertThat(other == null ? null : other.getObservedGeneration()).isNull();
        assertThat(operator.isLive()).isTrue();
      } finally {
        client.close();
      }
    }
  }

  private static MigrationTask emptyTask(String ns) {
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("t").build());
    task.setSpec(new MigrationTaskSpec());
    return task;
  }
}
