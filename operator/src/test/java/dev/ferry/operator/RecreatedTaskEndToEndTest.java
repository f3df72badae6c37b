package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.CleanupPolicy;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.operator.pod.WorkerPods;
import dev.ferry.operator.reconcile.MigrationTaskReconciler;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.RealDatabases;
import io.fabric8.kubernetes.api.model.Pod;
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
 * finding the first run's ledger on the target, whether that ledger was kept
 * ({@code spec.cleanup: Keep}) or removed by the finalizer's cleanup pod (the default).
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
    task.getSpec().setCleanup(CleanupPolicy.Keep);
    Tasks.createSecrets(cluster.client(), "again", pair.source(), pair.target());
    String firstUid = cluster.client().resource(task).create().getMetadata().getUid();
    awaitPhase("again", Phase.Completed);

    cluster.client().resource(cluster.task("again", "shop")).delete();
    await().atMost(PATIENCE).until(() -> cluster.task("again", "shop") == null);
    cluster.client().pods().inNamespace("again").delete(); // the mock has no garbage collector
    pair.target().execute("DROP DATABASE shop");
    String secondUid = cluster.client().resource(
        Tasks.task("again", "shop", Mode.Full, pair.source(), pair.target())).create()
        .getMetadata().getUid();
    MigrationTaskStatus status = awaitPhase("again", Phase.Completed);

    assertThat(secondUid).isNotEqualTo(firstUid);
    assertThat(status.getFullLoad().getRowsCopied()).isEqualTo(ORDERS);
    assertThat(pair.target().query("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, note)))"
        + " FROM shop.orders")).isEqualTo(pair.source().query(
            "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, note))) FROM shop.orders"));
    assertThat(pair.target().query("SELECT DISTINCT task_id FROM ferry_meta.fullload_chunks"
        + " ORDER BY task_id")).containsExactlyInAnyOrder(List.of("again/shop@" + firstUid),
        List.of("again/shop@" + secondUid));
  }

  @Test
  void theFinalizerRemovesTheDeletedRunsStateBeforeTheTaskIsAppliedAgain() throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, note VARCHAR(100))",
        "INSERT INTO shop.orders SELECT seq, REPEAT('y', seq % 70) FROM shop.seq_1_to_" + ORDERS);
    Tasks.createSecrets(cluster.client(), "cleaned", pair.source(), pair.target());
    MigrationTask first = cluster.client().resource(
        Tasks.task("cleaned", "shop", Mode.Full, pair.source(), pair.target())).create();
    String firstUid = first.getMetadata().getUid();
    awaitPhase("cleaned", Phase.Completed);
    assertThat(cluster.task("cleaned", "shop").getMetadata().getFinalizers())
        .containsExactly(MigrationTaskReconciler.FINALIZER);
    assertThat(stateRows(pair, "cleaned/shop@" + firstUid)).isPositive();

    cluster.client().resource(cluster.task("cleaned", "shop")).delete();
    await().atMost(PATIENCE).until(() -> cluster.task("cleaned", "shop") == null);

    List<Pod> cleanups = cluster.pods("cleaned").stream().filter(WorkerPods::isCleanup)
        .toList();
    assertThat(cleanups).hasSize(1);
    Pod cleanup = cleanups.get(0);
    assertThat(cleanup.getSpec().getContainers().get(0).getArgs()).containsExactly(
        "cleanup-worker", "--namespace", "cleaned", "--task", "shop", "--run", firstUid);
    assertThat(cleanup.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(firstUid));
    assertThat(cleanup.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(stateRows(pair, "cleaned/shop@" + firstUid)).isZero();

    cluster.client().pods().inNamespace("cleaned").delete(); // the mock has no garbage collector
    pair.target().execute("DROP DATABASE shop");
    String secondUid = cluster.client().resource(
        Tasks.task("cleaned", "shop", Mode.Full, pair.source(), pair.target())).create()
        .getMetadata().getUid();
    MigrationTaskStatus status = awaitPhase("cleaned", Phase.Completed);

    assertThat(secondUid).isNotEqualTo(firstUid);
    assertThat(cluster.pods("cleaned")).isNotEmpty().allSatisfy(pod -> assertThat(
        pod.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(secondUid));
    assertThat(status.getFullLoad().getRowsCopied()).isEqualTo(ORDERS);
    assertThat(pair.target().query("SELECT COUNT(*) FROM shop.orders"))
        .containsExactly(List.of((long) ORDERS));
    assertThat(pair.target().query("SELECT DISTINCT task_id FROM ferry_meta.fullload_chunks"
        + " WHERE task_id LIKE 'cleaned/%'")).containsExactly(List.of("cleaned/shop@"
        + secondUid));
  }

  /** Rows of run {@code key} in every ledger of the target's meta schema. */
  private static long stateRows(DatabasePair pair, String key) throws Exception {
    long rows = 0;
    for (List<Object> table : pair.target().query("SELECT TABLE_NAME FROM"
        + " information_schema.COLUMNS WHERE TABLE_SCHEMA = 'ferry_meta'"
        + " AND COLUMN_NAME = 'task_id'")) {
      rows += ((Number) pair.target().query("SELECT COUNT(*) FROM ferry_meta.`" + table.get(0)
          + "` WHERE task_id = '" + key + "'").get(0).get(0)).longValue();
    }
    return rows;
  }

  private static MigrationTaskStatus awaitPhase(String ns, Phase phase) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      MigrationTask current = cluster.task(ns, "shop");
      return current != null && current.getStatus() != null
          && current.getStatus().getPhase() == phase;
    });
    return cluster.task(ns, "shop").getStatus();
  }
}
