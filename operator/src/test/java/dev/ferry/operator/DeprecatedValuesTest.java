package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task written with a deprecated value, as kubectl sends it (an unquoted {@code gtid: On}
 * arrives as the boolean true), runs as the current value with a Warning event saying what to
 * write instead.
 */
class DeprecatedValuesTest {

  private static HandOperator running;
  private static MockCluster cluster;
  private static HandPods pods;

  @BeforeAll
  static void start() {
    running = HandOperator.start();
    cluster = running.cluster();
    pods = running.pods();
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  @Test
  void anUnquotedGtidOnRunsAsRequiredWithAWarningEvent() {
    String ns = "deprecated";
    cluster.createNamespace(ns);
    pods.createSecrets(ns);
    GenericKubernetesResource task = new GenericKubernetesResource();
    task.setApiVersion("ferry.dev/v1alpha1");
    task.setKind("MigrationTask");
    task.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(ns)
        .withName(HandPods.TASK).build());
    task.setAdditionalProperty("spec", Map.of("mode", "Incremental",
        "sources", List.of(Map.of("name", "src", "host", "source-db.example.com",
            "credentialsSecret", "source-credentials", "tls", Map.of("mode", "Disabled"),
            "gtid", true)),
        "target", Map.of("host", "target-db.example.com",
            "credentialsSecret", "target-credentials", "tls", Map.of("mode", "Disabled"))));
    cluster.client().genericKubernetesResources("ferry.dev/v1alpha1", "MigrationTask")
        .inNamespace(ns).resource(task).create();

    pods.awaitPod(ns, Phase.Precheck);
    await().atMost(HandPods.PATIENCE).untilAsserted(() -> assertThat(cluster.events(ns))
        .filteredOn(e -> "DeprecatedValue".equals(e.getReason()))
        .singleElement().satisfies(event -> {
          assertThat(event.getType()).isEqualTo("Warning");
          assertThat(event.getMessage()).contains("spec.sources[0].gtid",
              "write gtid: Required");
        }));
    MigrationTask read = pods.task(ns);
    assertThat(read.getSpec().getSources().get(0).getGtid()).isEqualTo(GtidUsage.Required);
    assertThat(cluster.events(ns)).extracting(Event::getReason).doesNotContain("InvalidSpec");
  }
}
