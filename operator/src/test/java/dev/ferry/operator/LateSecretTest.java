package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets delivered after their task (External Secrets, Sealed Secrets, Vault): the refused task
 * runs as soon as the Secret, or its missing key, arrives, without an edit of the task.
 */
class LateSecretTest {

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
  void aTaskRefusedForAMissingSecretRunsWhenTheSecretArrives() {
    String ns = namespace();
    pods.createSecret(ns, "source-credentials");
    pods.createTask(ns, Mode.Full, spec -> { });

    assertThat(pods.awaitCondition(ns, ConditionType.Stalled, "True").getReason())
        .isEqualTo("MissingSecret");
    assertThat(cluster.pods(ns)).isEmpty();
    long generation = pods.task(ns).getMetadata().getGeneration();

    pods.createSecret(ns, "target-credentials");

    pods.awaitPod(ns, Phase.Precheck);
    assertThat(pods.awaitCondition(ns, ConditionType.Stalled, "False").getReason())
        .isEqualTo("SpecAccepted");
    assertThat(pods.task(ns).getMetadata().getGeneration()).as("no edit of the task")
        .isEqualTo(generation);
  }

  @Test
  void aTaskRefusedForAMissingKeyRunsWhenTheSecretGetsIt() {
    String ns = namespace();
    pods.createSecret(ns, "source-credentials");
    cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withNamespace(ns).withName("target-credentials").endMetadata()
        .withStringData(Map.of("username", "u")).build()).create();
    pods.createTask(ns, Mode.Full, spec -> { });
    assertThat(pods.awaitCondition(ns, ConditionType.Stalled, "True").getMessage())
        .contains("has no key password");

    cluster.client().secrets().inNamespace(ns).withName("target-credentials")
        .edit(secret -> {
          secret.getData().put("password", "cA==");
          return secret;
        });

    pods.awaitPod(ns, Phase.Precheck);
  }

  private static String namespace() {
    return running.namespace("late");
  }
}
