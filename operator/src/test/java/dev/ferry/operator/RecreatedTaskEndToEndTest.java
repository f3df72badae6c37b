package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.RealDatabases;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A MigrationTask deleted and applied again under the same name (a GitOps re-sync) after its
 * target database was dropped is a new run (a new uid): it copies everything again instead of
 * finding the first run's ledger on the target.
 */
class RecreatedTaskEndToEndTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  private static final int ORDERS = 4_000;
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static MockCluster cluster;
  private static TestKubelet kubelet;
  private static KubernetesClient operatorClient;
  private static FerryOperator operator;

  @BeforeAll
  static void startCluster() {
    cluster = new MockCluster();
    OffsetClock clock = new OffsetClock();
    kubelet = new TestKubelet(cluster.newClient(), clock);
    operatorClient = cluster.newClient();
    operator = FerryOperator.create(new OperatorConfig("ferry/worker:test", Set.of(), 0,
        "ferry-worker", false, null), operatorClient,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock);
    operator.start();
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    operator.close();
    operatorClient.close();
    kubelet.close();
    cluster.close();
  }

  @Test
  void aTaskDeletedAndAppliedAgainCopiesEverythingAgain() throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, note VARCHAR(100))",
        "INSERT INTO shop.orders SELECT seq, REPEAT('x', seq % 90) FROM shop.seq_1_to_" + ORDERS);
    MigrationTask task = Tasks.task("again", "shop", Mode.Full, pair.source(), pair.target());
    Tasks.createSecrets(cluster.client(), "again", pair.source(), pair.target());
    String firstUid = cluster.client().resource(task).create().getMetadata().getUid();
    awaitPhase(Phase.Completed);

    cluster.client().resource(cluster.task("again", "shop")).delete();
    await().atMost(PATIENCE).until(() -> cluster.task("again", "shop") == null);
    cluster.client().pods().inNamespace("again").delete(); // the mock has no garbage collector
    pair.target().execute("DROP DATABASE shop");
    String secondUid = cluster.client().resource(
        Tasks.task("again", "shop", Mode.Full, pair.source(), pair.target())).create()
        .getMetadata().getUid();
    MigrationTaskStatus status = awaitPhase(Phase.Completed);

    assertThat(secondUid).isNotEqualTo(firstUid);
    assertThat(status.getFullLoad().getRowsCopied()).isEqualTo(ORDERS);
    assertThat(pair.target().query("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, note)))"
        + " FROM shop.orders")).isEqualTo(pair.source().query(
            "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, note))) FROM shop.orders"));
    assertThat(pair.target().query("SELECT DISTINCT task_id FROM ferry_meta.fullload_chunks"
        + " ORDER BY task_id")).containsExactlyInAnyOrder(List.of("again/shop@" + firstUid),
        List.of("again/shop@" + secondUid));
  }

  private static MigrationTaskStatus awaitPhase(Phase phase) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      MigrationTask current = cluster.task("again", "shop");
      return current != null && current.getStatus() != null
          && current.getStatus().getPhase() == phase;
    });
    return cluster.task("again", "shop").getStatus();
  }
}
