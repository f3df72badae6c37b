package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.PhaseOutcome;
import dev.ferry.api.v1alpha1.PhaseRecord;
import dev.ferry.api.v1alpha1.ReverseState;
import dev.ferry.operator.pod.WorkerPods;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.RealDatabases;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path on the CRUD mock API server: MigrationTask → operator → worker pods → test
 * kubelet running the real worker → real MariaDB source and target → status.
 */
class OperatorEndToEndTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  private static final int ORDERS = 12_000;
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static MockCluster cluster;
  private static OffsetClock clock;
  private static TestKubelet kubelet;
  private static PrometheusMeterRegistry registry;
  private static KubernetesClient operatorClient;
  private static FerryOperator operator;

  private DatabasePair pair;

  @BeforeAll
  static void startCluster() {
    cluster = new MockCluster();
    clock = new OffsetClock();
    kubelet = new TestKubelet(cluster.newClient(), clock);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    startOperator();
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    stopOperator();
    kubelet.close();
    cluster.close();
  }

  @BeforeEach
  void createSourceData() throws SQLException {
    pair = dbs.pair();
    pair.reset();
    createShop(pair.source());
  }

  /** Schema {@code shop} with 300 customers and {@link #ORDERS} orders. */
  private static void createShop(DatabaseServer server) throws SQLException {
    server.execute(
        "CREATE DATABASE shop",
        "CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL,"
            + " balance DECIMAL(12,2))",
        "INSERT INTO shop.customers SELECT seq, CONCAT('customer ', seq), seq * 1.25"
            + " FROM shop.seq_1_to_300",
        "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL,"
            + " note VARCHAR(100), created DATETIME(6))",
        "INSERT INTO shop.orders SELECT seq, seq % 300 + 1, REPEAT('x', seq % 90),"
            + " '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM shop.seq_1_to_" + ORDERS);
  }

  @AfterEach
  void forgetFaults() {
    kubelet.reset();
  }

  @Test
  void fullModeRunsEveryPhaseInPodsToCompleted() throws Exception {
    MigrationTask task = Tasks.task("full", "shop", Mode.Full, pair.source(), pair.target());
    task.getSpec().getFullLoad().setPods(2);
    create(task);

    MigrationTaskStatus status = awaitPhase("full", "shop", Phase.Completed);

    assertThat(status.getPhases()).extracting(PhaseRecord::getPhase)
        .containsExactly(Phase.Precheck, Phase.Schema, Phase.FullLoad, Phase.Validation);
    assertThat(status.getPhases()).extracting(PhaseRecord::getOutcome)
        .containsOnly(PhaseOutcome.Succeeded);
    for (ConditionType type : List.of(ConditionType.Ready, ConditionType.PrecheckPassed,
        ConditionType.SchemaMigrated, ConditionType.FullLoadComplete, ConditionType.Validated)) {
      assertThat(Conditions.isTrue(status, type)).as(type.name()).isTrue();
    }
    assertThat(Conditions.isTrue(status, ConditionType.Reconciling)).isFalse();
    assertThat(status.getObservedGeneration())
        .isEqualTo(cluster.task("full", "shop").getMetadata().getGeneration());
    assertThat(status.getFullLoad().getRowsCopied()).as("every shard's rows")
        .isEqualTo(300 + ORDERS);
    assertThat(status.getFullLoad().getChunksDone()).isEqualTo(
        status.getFullLoad().getChunksTotal()).isGreaterThan(2);
    assertThat(status.getFullLoad().getTablesDone()).isEqualTo(2);
    assertSameData();

    List<Pod> pods = cluster.pods("full");
    assertThat(pods).filteredOn(pod -> "FullLoad".equals(label(pod, WorkerPods.PHASE)))
        .extracting(pod -> label(pod, WorkerPods.SHARD)).containsExactlyInAnyOrder("0", "1");
    assertThat(pods).hasSize(5);
    String everyPod = Serialization.asJson(pods);
    assertThat(everyPod).doesNotContain(pair.source().adminPassword(),
        pair.target().adminPassword());
    assertThat(eventReasons("full")).contains("PhaseStarted", "PhaseSucceeded", "Completed")
        .as("no cutover in mode Full").doesNotContain("RevokeTargetWrites");
    assertThat(registry.scrape()).contains("ferry_task_phase{namespace=\"full\","
        + "phase=\"Completed\",task=\"shop\"} 1.0")
        .contains("operator_sdk_reconciliations")
        .contains("ferry_task_rows_copied{namespace=\"full\",task=\"shop\"} "
            + status.getFullLoad().getRowsCopied() + ".0");
  }

  @Test
  void connectionFailuresAreRetriedAndResumeFromTheCheckpoint() throws Exception {
    kubelet.inject(Phase.FullLoad, 2, Faults.connectionLostAfterChunks(3));
    MigrationTask task = Tasks.task("retry", "shop", Mode.Full, pair.source(), pair.target());
    task.getSpec().getFullLoad().getThrottle().setRowsPerSecond(6000L);
    create(task);

    MigrationTaskStatus status = awaitPhase("retry", "shop", Phase.Completed);

    assertThat(podsOf("retry", Phase.FullLoad)).hasSize(3);
    assertThat(events("retry", "PhaseRetry")).hasSize(2)
        .allSatisfy(event -> assertThat(event.getMessage()).contains("Connection",
            "lost connection to the source"));
    assertThat(status.getRetry()).as("cleared once the phase succeeded").isNull();
    assertThat(registry.scrape()).contains("ferry_task_retries_total{class=\"Connection\","
        + "namespace=\"retry\",phase=\"FullLoad\",task=\"shop\"} 2.0");
    assertSameData();
  }

  @Test
  void otherFailuresPastTheirWindowFailTheTaskUntilTheSpecIsEdited() throws Exception {
    kubelet.inject(Phase.Schema, 2, Faults.fail(FailureClass.Other, "DDL failed: boom"));
    create(Tasks.task("window", "shop", Mode.Full, pair.source(), pair.target()));

    await().atMost(PATIENCE).until(() -> status("window", "shop").getRetry() != null);
    clock.advance(Duration.ofMinutes(11));
    MigrationTaskStatus status = awaitPhase("window", "shop", Phase.Failed);

    assertThat(status.getRetry().getLastError()).contains("DDL failed: boom");
    assertThat(status.getRetry().getAttempt()).isEqualTo(2);
    assertThat(Conditions.find(status, ConditionType.Stalled)).get().satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("RetryWindowExhausted");
    });
    assertThat(eventReasons("window")).contains("PhaseRetry", "TaskFailed");
    assertThat(podsOf("window", Phase.Schema)).hasSize(2);

    editSpec("window", "{\"fullLoad\":{\"threads\":3}}");
    MigrationTaskStatus resumed = awaitPhase("window", "shop", Phase.Completed);

    assertThat(eventReasons("window")).contains("Resumed");
    assertThat(Conditions.isTrue(resumed, ConditionType.Stalled)).isFalse();
    assertThat(resumed.getRetry()).isNull();
    assertSameData();
  }

  @Test
  void aFailedPrecheckFailsTheTaskAtOnce() {
    kubelet.inject(Phase.Precheck, 1, Faults.fail(FailureClass.Fatal,
        "precheck failed: 1 item failed (binlog_format is STATEMENT)"));
    create(Tasks.task("precheck", "shop", Mode.Full, pair.source(), pair.target()));

    MigrationTaskStatus status = awaitPhase("precheck", "shop", Phase.Failed);

    assertThat(Conditions.find(status, ConditionType.Stalled)).get().satisfies(c -> {
      assertThat(c.getReason()).isEqualTo("PrecheckFailed");
      assertThat(c.getMessage()).contains("binlog_format is STATEMENT");
    });
    assertThat(podsOf("precheck", Phase.Precheck)).hasSize(1);
    assertThat(eventReasons("precheck")).contains("TaskFailed").doesNotContain("PhaseRetry");
  }

  @Test
  void aDeletedWorkerPodIsAConnectionFailureAndTheTaskCarriesOn() throws Exception {
    Faults.Gate gate = new Faults.Gate();
    kubelet.inject(Phase.FullLoad, 1, gate);
    create(Tasks.task("deleted", "shop", Mode.Full, pair.source(), pair.target()));
    gate.awaitReached();

    Pod pod = podsOf("deleted", Phase.FullLoad).get(0);
    cluster.client().pods().inNamespace("deleted").withName(pod.getMetadata().getName()).delete();
    awaitPhase("deleted", "shop", Phase.Completed);

    assertThat(events("deleted", "PhaseRetry")).singleElement()
        .satisfies(event -> assertThat(event.getMessage()).contains("Connection",
            pod.getMetadata().getName()));
    assertSameData();
  }

  @Test
  void suspendStopsTheWorkerAndUnsuspendResumes() throws Exception {
    Faults.Gate gate = new Faults.Gate();
    kubelet.inject(Phase.FullLoad, 1, gate);
    create(Tasks.task("suspend", "shop", Mode.Full, pair.source(), pair.target()));
    gate.awaitReached();

    editSpec("suspend", "{\"suspend\":true}");
    awaitPhase("suspend", "shop", Phase.Suspended);
    assertThat(podsOf("suspend", Phase.FullLoad)).isEmpty();
    assertThat(status("suspend", "shop").getWorker()).isNull();

    editSpec("suspend", "{\"suspend\":false}");
    awaitPhase("suspend", "shop", Phase.Completed);

    assertThat(eventReasons("suspend")).contains("Suspended", "Resumed")
        .doesNotContain("PhaseRetry");
    assertSameData();
  }

  @Test
  void safeEditsReachTheRunningWorkerWithoutANewPod() throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch edited = new CountDownLatch(1);
    AtomicReference<MigrationTaskSpec> seen = new AtomicReference<>();
    kubelet.inject(Phase.FullLoad, 1, (engine, phase, context) -> {
      reached.countDown();
      edited.await();
      await().atMost(Duration.ofSeconds(10)).until(() -> context.spec().getFullLoad()
          .getThreads() == 3);
      seen.set(context.spec());
      engine.run(phase, context);
    });
    create(Tasks.task("safe", "shop", Mode.Full, pair.source(), pair.target()));
    assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();

    editSpec("safe", "{\"fullLoad\":{\"threads\":3,\"throttle\":{\"rowsPerSecond\":500000}}}");
    edited.countDown();
    awaitPhase("safe", "shop", Phase.Completed);

    assertThat(seen.get().getFullLoad().getThrottle().getRowsPerSecond()).isEqualTo(500_000L);
    assertThat(podsOf("safe", Phase.FullLoad)).hasSize(1);
    assertThat(eventReasons("safe")).doesNotContain("PhaseRetry", "InvalidSpec");
    assertSameData();
  }

  @Test
  void aRestartedOperatorCarriesOnFromTheStatus() throws Exception {
    Faults.Gate gate = new Faults.Gate();
    kubelet.inject(Phase.FullLoad, 1, gate);
    create(Tasks.task("restart", "shop", Mode.Full, pair.source(), pair.target()));
    gate.awaitReached();

    stopOperator();
    gate.open();
    await().atMost(PATIENCE).until(() -> podsOf("restart", Phase.FullLoad).stream()
        .anyMatch(pod -> "Succeeded".equals(pod.getStatus().getPhase())));
    startOperator();
    awaitPhase("restart", "shop", Phase.Completed);

    assertThat(podsOf("restart", Phase.FullLoad)).hasSize(1);
    assertSameData();
  }

  @Test
  void incrementalModeReplicatesWritesMadeAfterItStartedThroughTheCutover() throws Exception {
    createShop(pair.target());
    create(Tasks.task("incremental", "shop", Mode.Incremental, pair.source(), pair.target()));
    awaitPhase("incremental", "shop", Phase.Incremental);
    await().atMost(PATIENCE).until(() -> !status("incremental", "shop").getCheckpoints()
        .isEmpty());

    try (SourceWriter writer = new SourceWriter(pair.source(), ORDERS + 1)) {
      await().atMost(PATIENCE).until(() -> writer.statements() > 400);
    }
    editSpec("incremental", "{\"cutover\":{\"requested\":true}}");
    MigrationTaskStatus status = awaitPhase("incremental", "shop", Phase.Completed);

    assertThat(status.getPhases()).extracting(PhaseRecord::getPhase)
        .containsExactly(Phase.Precheck, Phase.Incremental, Phase.Validation);
    assertThat(status.getCutover().getDrainedAt()).isNotNull();
    assertThat(status.getReplication().getEventsApplied()).isPositive();
    assertThat(Conditions.isTrue(status, ConditionType.CaughtUp)).isTrue();
    assertThat(Conditions.isTrue(status, ConditionType.Validated)).isTrue();
    assertThat(podsOf("incremental", Phase.Incremental)).hasSize(1);
    assertThat(eventReasons("incremental")).contains("CutoverRequested", "Completed",
        "RevokeTargetWrites");
    assertSameData();
  }

  @Test
  void allModeCopiesWhileTheSourceIsWrittenThenReplicatesAndCutsOver() throws Exception {
    MigrationTask task = Tasks.task("all", "shop", Mode.All, pair.source(), pair.target());
    task.getSpec().getFullLoad().getThrottle().setRowsPerSecond(5000L);
    long duringLoad;
    try (SourceWriter writer = new SourceWriter(pair.source(), ORDERS + 1)) {
      create(task);
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
          .until(() -> status("all", "shop").getPhase() == Phase.FullLoad);
      long atLoadStart = writer.statements();
      awaitPhase("all", "shop", Phase.Incremental);
      duringLoad = writer.statements() - atLoadStart;
      long atIncremental = writer.statements();
      await().atMost(PATIENCE).until(() -> writer.statements() > atIncremental + 300);
    }
    editSpec("all", "{\"cutover\":{\"requested\":true}}");
    MigrationTaskStatus status = awaitPhase("all", "shop", Phase.Completed);

    assertThat(duringLoad).as("source writes while the full load ran").isGreaterThan(100);
    assertThat(status.getPhases()).extracting(PhaseRecord::getPhase).containsExactly(
        Phase.Precheck, Phase.Schema, Phase.FullLoad, Phase.Incremental, Phase.Validation);
    assertThat(status.getCutover().getDrainedAt()).isNotNull();
    assertThat(Conditions.isTrue(status, ConditionType.CaughtUp)).isTrue();
    assertThat(Conditions.isTrue(status, ConditionType.Validated)).isTrue();
    assertThat(eventReasons("all")).contains("CutoverRequested", "Completed");
    assertSameData();
  }

  @Test
  void workerPodsServeMetricsThatMoveWithTheFullLoadAndTheReplication() throws Exception {
    int port = freePort();
    kubelet.serveMetricsOn(port);
    MigrationTask task = Tasks.task("metrics", "shop", Mode.All, pair.source(), pair.target());
    task.getSpec().getFullLoad().getThrottle().setRowsPerSecond(3000L);
    create(task);

    await("the full-load pod's metrics").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions().until(() -> {
          String scrape = scrape(port);
          return sum(scrape, "ferry_fullload_copied_rows_total", "schema=\"shop\"") > 0
              && sum(scrape, "ferry_fullload_chunks_planned", "task=\"shop\"") > 0
              && sum(scrape, "jvm_memory_used_bytes", "area=\"heap\"") > 0;
        });
    awaitPhase("metrics", "shop", Phase.Incremental);
    pair.source().execute("INSERT INTO shop.customers VALUES (1001, 'new', 1), (1002, 'new', 2)",
        "UPDATE shop.customers SET balance = 0 WHERE id = 7");
    await("the incremental pod's metrics").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions().until(() -> {
          String scrape = scrape(port);
          return sum(scrape, "ferry_cdc_events_applied_total", "operation=\"insert\"") >= 2
              && sum(scrape, "ferry_cdc_events_applied_total", "operation=\"update\"") >= 1;
        });
    String replicating = scrape(port);
    assertThat(sum(replicating, "ferry_cdc_events_read_total", "operation=\"insert\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(replicating).contains("ferry_cdc_lag_seconds{", "ferry_cdc_checkpoint_age_seconds{",
        "ferry_cdc_apply_batch_seconds_count{", "namespace=\"metrics\"");

    editSpec("metrics", "{\"cutover\":{\"requested\":true}}");
    awaitPhase("metrics", "shop", Phase.Completed);
    assertSameData();
  }

  /** The worker's {@code /metrics} on {@code port} of this machine. */
  private static String scrape(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The sum of {@code name}'s samples that have {@code label} in {@code scrape}. */
  private static double sum(String scrape, String name, String label) {
    return scrape.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void reverseStreamRunsAfterTheCutoverUntilTurnedOff() throws Exception {
    createShop(pair.target());
    MigrationTask task = Tasks.task("reverse", "shop", Mode.Incremental, pair.source(),
        pair.target());
    task.getSpec().getCutover().setReverse(true);
    task.getSpec().getValidation().setEnabled(false);
    create(task);
    awaitPhase("reverse", "shop", Phase.Incremental);
    await().atMost(PATIENCE).until(() -> !status("reverse", "shop").getCheckpoints().isEmpty());
    pair.source().execute("UPDATE shop.customers SET name = 'before cutover' WHERE id = 1");
    editSpec("reverse", "{\"cutover\":{\"requested\":true}}");
    MigrationTaskStatus reversing = awaitPhase("reverse", "shop", Phase.Reverse);

    assertThat(reversing.getCutover().getTargetPosition()).isNotNull();
    assertThat(Conditions.find(reversing, ConditionType.Ready)).hasValueSatisfying(ready -> {
      assertThat(ready.getStatus()).isEqualTo("True");
      assertThat(ready.getReason()).isEqualTo("CutoverComplete");
    });
    pair.target().execute("UPDATE shop.customers SET name = 'written on the new target'"
        + " WHERE id = 2");
    await().atMost(PATIENCE).until(() -> pair.source().query(
        "SELECT name FROM shop.customers WHERE id = 2")
        .equals(List.of(List.of("written on the new target"))));
    await().atMost(PATIENCE).until(() -> status("reverse", "shop").getReverse() != null
        && status("reverse", "shop").getReverse().getCheckpoint() != null);
    editSpec("reverse", "{\"cutover\":{\"reverse\":false}}");
    MigrationTaskStatus done = awaitPhase("reverse", "shop", Phase.Completed);

    assertThat(done.getPhases()).extracting(PhaseRecord::getPhase)
        .containsExactly(Phase.Precheck, Phase.Incremental, Phase.Reverse);
    assertThat(done.getReverse().getState()).isEqualTo(ReverseState.Stopped);
    assertThat(podsOf("reverse", Phase.Reverse)).hasSize(1);
    assertSameData();
  }

  private static void startOperator() {
    operatorClient = cluster.newClient();
    OperatorConfig config = new OperatorConfig("ferry/worker:test", Set.of(), 0,
        "ferry-worker", false, null);
    operator = FerryOperator.create(config, operatorClient, registry, clock);
    operator.start();
  }

  private static void stopOperator() {
    operator.close();
    operatorClient.close();
  }

  private void create(MigrationTask task) {
    String ns = task.getMetadata().getNamespace();
    Tasks.createSecrets(cluster.client(), ns, pair.source(), pair.target());
    cluster.client().resource(task).create();
  }

  /** A user's edit of the spec: a merge patch of {@code specJson}, no resourceVersion. */
  private static void editSpec(String ns, String specJson) {
    long generation = cluster.task(ns, "shop").getMetadata().getGeneration();
    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName("shop")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}");
    assertThat(cluster.task(ns, "shop").getMetadata().getGeneration()).isGreaterThan(generation);
  }

  private static MigrationTaskStatus awaitPhase(String ns, String name, Phase phase) {
    Predicate<MigrationTaskStatus> reached = status -> status.getPhase() == phase;
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> reached.test(status(ns, name)));
    return status(ns, name);
  }

  private static MigrationTaskStatus status(String ns, String name) {
    MigrationTask task = cluster.task(ns, name);
    return task == null || task.getStatus() == null ? new MigrationTaskStatus()
        : task.getStatus();
  }

  private static List<Pod> podsOf(String ns, Phase phase) {
    return cluster.pods(ns).stream()
        .filter(pod -> phase.name().equals(label(pod, WorkerPods.PHASE)))
        .toList();
  }

  private static String label(Pod pod, String key) {
    return WorkerPods.label(pod, key).orElse(null);
  }

  private static List<String> eventReasons(String ns) {
    return cluster.events(ns).stream().map(Event::getReason).toList();
  }

  private static List<Event> events(String ns, String reason) {
    return cluster.events(ns).stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  private void assertSameData() throws SQLException {
    for (String table : List.of("customers", "orders")) {
      assertThat(fingerprint(pair.target(), table)).as(table)
          .isEqualTo(fingerprint(pair.source(), table));
    }
  }

  private static List<List<Object>> fingerprint(DatabaseServer server, String table)
      throws SQLException {
    return server.query("SELECT COUNT(*), COUNT(DISTINCT id), SUM(CRC32(CONCAT_WS('|', "
        + (table.equals("orders") ? "id, customer_id, note, created" : "id, name, balance")
        + "))) FROM shop." + table);
  }
}
