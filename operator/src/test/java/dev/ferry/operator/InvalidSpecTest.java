package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.api.plan.PhaseRecorder;
import dev.ferry.operator.reconcile.EndpointFingerprint;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tasks the operator must refuse: an invalid spec (one case per rule group of the spec
 * validator), a missing Secret or key, colliding Secret env names, a change of databases after
 * data moved. Each: Stalled with the problem, a Warning event, no pod.
 */
class InvalidSpecTest {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static MockCluster cluster;
  private static KubernetesClient operatorClient;
  private static FerryOperator operator;

  @BeforeAll
  static void start() {
    cluster = new MockCluster();
    operatorClient = cluster.newClient();
    operator = FerryOperator.create(new OperatorConfig("ferry/worker:test", Set.of(), 0,
        "ferry-worker", false, null), operatorClient, new SimpleMeterRegistry(),
        Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stop() {
    operator.close();
    operatorClient.close();
    cluster.close();
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        bad("mode missing", s -> s.setMode(null), "spec.mode"),
        bad("no sources", s -> s.getSources().clear(), "spec.sources"),
        bad("target missing", s -> s.setTarget(null), "spec.target"),
        bad("source name not a DNS label", s -> src(s).setName("Aurora_1"),
            "spec.sources[0].name"),
        bad("duplicate source names", s -> s.getSources().add(source("src", "b.example.com")),
            "spec.sources[1].name"),
        bad("host with scheme", s -> src(s).setHost("mysql://db"), "spec.sources[0].host"),
        bad("port too high", s -> s.getTarget().setPort(70000), "spec.target.port"),
        bad("secret name upper case", s -> src(s).setCredentialsSecret("Src_Secret"),
            "spec.sources[0].credentialsSecret"),
        bad("VerifyCA without CA", s -> s.getTarget().getTls().setMode(TlsMode.VerifyCA),
            "spec.target.tls"),
        bad("invalid include regex", s -> s.getObjects().getInclude().add("~shop_(\\d+"),
            "spec.objects.include[0]"),
        bad("where with statement", s -> rule(s).setWhere("id > 1; DROP TABLE t"),
            "spec.objects.rules[0].where"),
        bad("where with subquery", s -> rule(s).setWhere("id IN (SELECT id FROM t)"),
            "spec.objects.rules[0].where"),
        bad("threads zero", s -> s.getFullLoad().setThreads(0), "spec.fullLoad.threads"),
        bad("too many pods", s -> s.getFullLoad().setPods(33), "spec.fullLoad.pods"),
        bad("apply threads", s -> s.getIncremental().setApplyThreads(65),
            "spec.incremental.applyThreads"),
        bad("max lag too long", s -> s.getCutover().setMaxLag("2h"), "spec.cutover.maxLag"),
        bad("cutover requested in mode Full", s -> {
          s.setMode(Mode.Full);
          s.getCutover().setRequested(true);
        }, "spec.cutover.requested"),
        bad("other window not shorter", s -> {
          s.getRetry().setConnectionWindow("20m");
          s.getRetry().setOtherWindow("30m");
        }, "spec.retry.otherWindow"),
        bad("connection window below 10m", s -> s.getRetry().setConnectionWindow("5m"),
            "spec.retry.connectionWindow"),
        bad("pull policy", s -> s.getWorker().setImagePullPolicy("Sometimes"),
            "spec.worker.imagePullPolicy"),
        bad("service account", s -> s.getWorker().setServiceAccountName("Ferry_SA"),
            "spec.worker.serviceAccountName"),
        bad("resource not a quantity", s -> s.getWorker().setResources(
            new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("lots")).build()),
            "spec.worker.resources.requests.memory"),
        bad("memory below what a worker runs in", s -> s.getWorker()
            .setMemory(new Quantity("128Mi")), "spec.worker.memory"));
  }

  @Test
  void memoryInBothPlacesIsRefusedNamingBothFields() {
    String ns = namespace();
    createSecrets(ns);
    MigrationTask task = validTask(ns);
    task.getSpec().getWorker().setMemory(new Quantity("2Gi"));
    task.getSpec().getWorker().setResources(
        new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
            .addToLimits("memory", new Quantity("2Gi")).build());
    cluster.client().resource(task).create();

    Condition stalled = assertRefused(ns, "InvalidSpec", "spec.worker.memory");
    assertThat(stalled.getMessage()).contains("spec.worker.resources", "limits.memory",
        "remove memory from spec.worker.resources");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void anInvalidSpecIsStalledWithAnEventAndNoPod(String name, Consumer<MigrationTaskSpec> breakIt,
      String path) {
    String ns = namespace();
    createSecrets(ns);
    MigrationTask task = validTask(ns);
    breakIt.accept(task.getSpec());
    cluster.client().resource(task).create();

    assertRefused(ns, "InvalidSpec", path);
  }

  @Test
  void everyProblemIsListedAtOnce() {
    String ns = namespace();
    createSecrets(ns);
    MigrationTask task = validTask(ns);
    task.getSpec().getFullLoad().setThreads(0);
    task.getSpec().getTarget().setPort(0);
    cluster.client().resource(task).create();

    Condition stalled = assertRefused(ns, "InvalidSpec", "spec.fullLoad.threads");
    assertThat(stalled.getMessage()).contains("spec.target.port", "Fix:");
  }

  @Test
  void aMissingSecretIsNamed() {
    String ns = namespace();
    secret(ns, "target-credentials", Map.of("username", "u", "password", "p"));
    cluster.client().resource(validTask(ns)).create();

    Condition stalled = assertRefused(ns, "MissingSecret", "Secret source-credentials");
    assertThat(stalled.getMessage()).contains("spec.sources[0].credentialsSecret",
        "does not exist in namespace " + ns);
  }

  @Test
  void aMissingKeyIsNamedAndAddingItStartsTheTask() {
    String ns = namespace();
    secret(ns, "source-credentials", Map.of("username", "u", "password", "p"));
    secret(ns, "target-credentials", Map.of("username", "u"));
    cluster.client().resource(validTask(ns)).create();

    Condition stalled = assertRefused(ns, "MissingSecret", "Secret target-credentials");
    assertThat(stalled.getMessage()).contains("no key password");
    assertThat(stalled.getMessage()).doesNotContain("\"u\"");

    secret(ns, "target-credentials", Map.of("username", "u", "password", "p"));
    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName("task")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false,"
            + "\"fullLoad\":{\"threads\":3}}}");
    await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.pods(ns).isEmpty()
        && cluster.task(ns, "task").getStatus() != null
        && cluster.task(ns, "task").getStatus().getPhase() == Phase.Precheck);
    MigrationTaskStatus status = cluster.task(ns, "task").getStatus();
    assertThat(Conditions.isTrue(status, ConditionType.Stalled)).isFalse();
  }

  @Test
  void secretKeysWhoseEnvNamesCollideAreRefused() {
    String ns = namespace();
    secret(ns, "db-a", Map.of("username", "u", "password", "p"));
    secret(ns, "db.a", Map.of("username", "u", "password", "p"));
    MigrationTask task = validTask(ns);
    src(task.getSpec()).setCredentialsSecret("db-a");
    task.getSpec().getTarget().setCredentialsSecret("db.a");
    cluster.client().resource(task).create();

    Condition stalled = assertRefused(ns, "MissingSecret", "FERRY_SECRET_DB_A__USERNAME");
    assertThat(stalled.getMessage()).contains("db-a", "db.a");
  }

  @Test
  void changingTheDatabasesAfterDataMovedIsRefused() {
    String ns = namespace();
    createSecrets(ns);
    MigrationTask task = validTask(ns);
    task.getMetadata().setAnnotations(Map.of(EndpointFingerprint.ANNOTATION,
        EndpointFingerprint.of(task.getSpec())));
    task.getSpec().setSuspend(true);
    MigrationTask created = cluster.client().resource(task).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      MigrationTaskStatus status = cluster.task(ns, "task").getStatus();
      return status != null && status.getPhase() == Phase.Suspended;
    });
    MigrationTaskStatus moved = new MigrationTaskStatus();
    PhaseRecorder.started(moved, Phase.FullLoad, Instant.now());
    cluster.client().resource(created).subresource("status").patch(
        PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/status/phases\","
            + "\"value\":" + Serialization.asJson(moved.getPhases()) + "}]");

    cluster.client().resources(MigrationTask.class).inNamespace(ns).withName("task")
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"suspend\":false,\"target\":{\"host\":\"other-db.example.com\"}}}");

    Condition stalled = assertRefused(ns, "UnsafeSpecChange", "other-db.example.com");
    assertThat(stalled.getMessage()).contains("revert");
  }

  /** Waits for Stalled=True with {@code reason}; checks the message, the event and no pod. */
  private static Condition assertRefused(String ns, String reason, String mentioned) {
    await().atMost(Duration.ofSeconds(30)).until(() -> stalled(ns) != null
        && reason.equals(stalled(ns).getReason()));
    Condition stalled = stalled(ns);
    assertThat(stalled.getMessage()).contains(mentioned).contains("Fix");
    MigrationTask task = cluster.task(ns, "task");
    assertThat(task.getStatus().getObservedGeneration())
        .isEqualTo(task.getMetadata().getGeneration());
    assertThat(Conditions.isTrue(task.getStatus(), ConditionType.Ready)).isFalse();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(cluster.events(ns)).extracting(Event::getType, Event::getReason)
            .contains(org.assertj.core.groups.Tuple.tuple("Warning", reason)));
    assertThat(cluster.pods(ns).stream().filter(pod -> pod.getMetadata()
        .getDeletionTimestamp() == null && pod.getStatus() == null)).isEmpty();
    return stalled;
  }

  private static Condition stalled(String ns) {
    MigrationTask task = cluster.task(ns, "task");
    return task == null || task.getStatus() == null ? null
        : Conditions.find(task.getStatus(), ConditionType.Stalled)
            .filter(c -> "True".equals(c.getStatus())).orElse(null);
  }

  private static String namespace() {
    return "bad-" + NAMESPACES.incrementAndGet();
  }

  private static Arguments bad(String name, Consumer<MigrationTaskSpec> breakIt, String path) {
    return Arguments.of(name, breakIt, path);
  }

  private static MigrationTask validTask(String ns) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.All);
    spec.getSources().add(source("src", "source-db.example.com"));
    TargetSpec target = new TargetSpec();
    target.setHost("target-db.example.com");
    target.setCredentialsSecret("target-credentials");
    target.getTls().setMode(TlsMode.Disabled);
    spec.setTarget(target);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("task").build());
    task.setSpec(spec);
    return task;
  }

  private static SourceSpec source(String name, String host) {
    SourceSpec source = new SourceSpec();
    source.setName(name);
    source.setHost(host);
    source.setCredentialsSecret("source-credentials");
    source.getTls().setMode(TlsMode.Disabled);
    return source;
  }

  private static SourceSpec src(MigrationTaskSpec spec) {
    return spec.getSources().get(0);
  }

  private static TableRule rule(MigrationTaskSpec spec) {
    if (spec.getObjects().getRules().isEmpty()) {
      TableRule rule = new TableRule();
      rule.setMatch("shop.orders");
      spec.getObjects().getRules().add(rule);
    }
    return spec.getObjects().getRules().get(0);
  }

  private static void createSecrets(String ns) {
    secret(ns, "source-credentials", Map.of("username", "u", "password", "p"));
    secret(ns, "target-credentials", Map.of("username", "u", "password", "p"));
  }

  private static void secret(String ns, String name, Map<String, String> data) {
    cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withStringData(data).build()).createOr(existing -> existing.update());
  }
}
