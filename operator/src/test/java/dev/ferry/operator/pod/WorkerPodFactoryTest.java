package dev.ferry.operator.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.secrets.SecretEnvNames;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SecretKeyRef;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorkerPodFactoryTest {

  private static final OperatorConfig CONFIG = new OperatorConfig("ferry/worker:1.0",
      Set.of(), 8080, "ferry-worker", true, null);

  private final WorkerPodFactory factory = new WorkerPodFactory(CONFIG);

  @Test
  void aWorkerPodExposesTheMetricsPortItsWorkerServes() {
    Pod pod = factory.build(task(), Phase.Incremental, 0, 0, 1, "x7k2p", "m");

    assertThat(pod.getSpec().getContainers().get(0).getPorts()).singleElement()
        .satisfies(port -> {
          assertThat(port.getName()).isEqualTo("metrics");
          assertThat(port.getContainerPort()).isEqualTo(9400);
          assertThat(port.getProtocol()).isEqualTo("TCP");
        });
  }

  @Test
  void aWorkerPodIsLockedDownOwnedAndRunsOnePhase() {
    MigrationTask task = task();

    Pod pod = factory.build(task, Phase.FullLoad, 2, 1, 3, "x7k2p", "chunks=0;");

    assertThat(pod.getMetadata().getName()).isEqualTo("orders-fullload-a2-s1-x7k2p");
    assertThat(pod.getMetadata().getLabels()).containsEntry(WorkerPods.TASK, "orders")
        .containsEntry(WorkerPods.PHASE, "FullLoad").containsEntry(WorkerPods.ATTEMPT, "2")
        .containsEntry(WorkerPods.SHARD, "1")
        .containsEntry(WorkerPods.MANAGED_BY, "ferry-operator");
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getKind()).isEqualTo("MigrationTask");
      assertThat(owner.getUid()).isEqualTo("uid-1");
      assertThat(owner.getController()).isTrue();
    });
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("ferry-worker");
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("ferry/worker:1.0");
    assertThat(container.getArgs()).containsExactly("worker", "--namespace", "shop",
        "--task", "orders", "--phase", "FullLoad", "--shard", "1", "--shards", "3");
    assertThat(container.getSecurityContext()).satisfies(security -> {
      assertThat(security.getRunAsNonRoot()).isTrue();
      assertThat(security.getReadOnlyRootFilesystem()).isTrue();
      assertThat(security.getAllowPrivilegeEscalation()).isFalse();
      assertThat(security.getPrivileged()).isFalse();
      assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
      assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    });
    assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath())
        .containsExactly("/tmp");
    assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"))
        .containsEntry("memory", new Quantity("1Gi"));
    assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
  }

  @Test
  void specWorkerMemoryIsTheContainersMemoryRequestAndLimitBesideItsCpu() {
    MigrationTask task = task();
    task.getSpec().getWorker().setMemory(new Quantity("3Gi"));
    task.getSpec().getWorker().setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("2")).addToLimits("cpu", new Quantity("4")).build());

    Container container = factory.build(task, Phase.FullLoad, 0, 0, 1, "abcde", "m")
        .getSpec().getContainers().get(0);

    assertThat(container.getResources().getRequests())
        .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("2"),
            "memory", new Quantity("3Gi")));
    assertThat(container.getResources().getLimits())
        .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("4"),
            "memory", new Quantity("3Gi")));
    assertThat(container.getEnv()).as("nothing overrides the image's heap sizing")
        .extracting(EnvVar::getName).doesNotContain("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
            "FERRY_OPTS", "_JAVA_OPTIONS");
  }

  @Test
  void specWorkerMemoryAloneKeepsTheDefaultCpuRequest() {
    MigrationTask task = task();
    task.getSpec().getWorker().setMemory(new Quantity("512Mi"));

    Container container = factory.build(task, Phase.Incremental, 0, 0, 1, "abcde", "m")
        .getSpec().getContainers().get(0);

    assertThat(container.getResources().getRequests())
        .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("500m"),
            "memory", new Quantity("512Mi")));
    assertThat(container.getResources().getLimits())
        .containsExactlyInAnyOrderEntriesOf(Map.of("memory", new Quantity("512Mi")));
  }

  @Test
  void memorySetUnderResourcesAloneIsUsedAsWritten() {
    MigrationTask task = task();
    task.getSpec().getWorker().setResources(new ResourceRequirementsBuilder()
        .addToRequests("memory", new Quantity("2Gi")).addToLimits("memory", new Quantity("4Gi"))
        .build());

    Container container = factory.build(task, Phase.Incremental, 0, 0, 1, "abcde", "m")
        .getSpec().getContainers().get(0);

    assertThat(container.getResources().getRequests())
        .containsExactlyInAnyOrderEntriesOf(Map.of("memory", new Quantity("2Gi")));
    assertThat(container.getResources().getLimits())
        .containsExactlyInAnyOrderEntriesOf(Map.of("memory", new Quantity("4Gi")));
  }

  @Test
  void aMemoryQuantityReadFromTheManifestReachesThePod() {
    MigrationTask task = task();
    task.getSpec().setWorker(Serialization.unmarshal("{\"memory\": \"1.5Gi\"}",
        dev.ferry.api.v1alpha1.WorkerSpec.class));

    Container container = factory.build(task, Phase.Incremental, 0, 0, 1, "abcde", "m")
        .getSpec().getContainers().get(0);

    assertThat(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")))
        .isEqualByComparingTo("1610612736");
    assertThat(container.getResources().getRequests().get("memory"))
        .isEqualTo(container.getResources().getLimits().get("memory"));

    task.getSpec().setWorker(Serialization.unmarshal("{\"memory\": 2147483648}",
        dev.ferry.api.v1alpha1.WorkerSpec.class));
    Container inBytes = factory.build(task, Phase.Incremental, 0, 0, 1, "abcde", "m")
        .getSpec().getContainers().get(0);
    assertThat(Quantity.getAmountInBytes(inBytes.getResources().getLimits().get("memory")))
        .as("a plain number is bytes").isEqualByComparingTo("2147483648");
  }

  @Test
  void credentialsAreOnlySecretKeyRefs() {
    MigrationTask task = task();
    SecretKeyRef ca = new SecretKeyRef();
    ca.setName("target-ca");
    task.getSpec().getTarget().getTls().setMode(TlsMode.VerifyCA);
    task.getSpec().getTarget().getTls().setCaSecret(ca);

    Pod pod = factory.build(task, Phase.Precheck, 0, 0, 1, "abcde", "m");

    List<EnvVar> env = secretEnv(pod.getSpec().getContainers().get(0));
    assertThat(env).allSatisfy(variable -> {
      assertThat(variable.getValue()).isNull();
      assertThat(variable.getValueFrom().getSecretKeyRef()).isNotNull();
      assertThat(variable.getName()).isEqualTo(SecretEnvNames.variable(
          variable.getValueFrom().getSecretKeyRef().getName(),
          variable.getValueFrom().getSecretKeyRef().getKey()));
    });
    assertThat(env).extracting(EnvVar::getName).containsExactly(
        "FERRY_SECRET_AURORA_CREDENTIALS__USERNAME", "FERRY_SECRET_AURORA_CREDENTIALS__PASSWORD",
        "FERRY_SECRET_POLARDB_CREDENTIALS__USERNAME", "FERRY_SECRET_POLARDB_CREDENTIALS__PASSWORD",
        "FERRY_SECRET_TARGET_CA__CA_CRT");
    assertThat(Serialization.asJson(pod.getSpec().getContainers().get(0).getArgs()))
        .doesNotContain("credentials");
  }

  @Test
  void workerPodsLogJsonAtInfoUnlessTheOperatorIsToldOtherwise() {
    assertThat(literalEnv(factory.build(task(), Phase.FullLoad, 0, 0, 1, "abcde", "m")
        .getSpec().getContainers().get(0)))
        .isEqualTo(Map.of("FERRY_LOG_LEVEL", "info", "FERRY_LOG_FORMAT", "json"));

    OperatorConfig debugText = OperatorConfig.from(new String[] {"--worker-image=ferry/worker:1",
        "--worker-log-level=DEBUG"}, Map.of("FERRY_WORKER_LOG_FORMAT", "text"));
    WorkerPodFactory factory = new WorkerPodFactory(debugText);

    assertThat(literalEnv(factory.build(task(), Phase.Incremental, 0, 0, 1, "abcde", "m")
        .getSpec().getContainers().get(0)))
        .isEqualTo(Map.of("FERRY_LOG_LEVEL", "debug", "FERRY_LOG_FORMAT", "text"));
    assertThat(literalEnv(factory.buildCleanup(task(), 0, "abcde").getSpec().getContainers()
        .get(0))).isEqualTo(Map.of("FERRY_LOG_LEVEL", "debug", "FERRY_LOG_FORMAT", "text"));
  }

  @Test
  void workerSettingsOfTheSpecWin() {
    MigrationTask task = task();
    task.getSpec().getWorker().setImage("registry.example.com/ferry:2");
    task.getSpec().getWorker().setImagePullPolicy("Always");
    task.getSpec().getWorker().setServiceAccountName("migrations");
    task.getSpec().getWorker().getNodeSelector().put("pool", "db");
    task.getSpec().getWorker().getTolerations().add(new TolerationBuilder().withKey("db")
        .withOperator("Exists").withEffect("NoSchedule").build());
    task.getSpec().getWorker().setResources(new io.fabric8.kubernetes.api.model
        .ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("2")).build());

    Pod pod = factory.build(task, Phase.Schema, 0, 0, 1, "abcde", "m");

    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example.com/ferry:2");
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(container.getResources().getRequests()).containsOnlyKeys("cpu", "memory")
        .containsEntry("cpu", new Quantity("2"));
    assertThat(container.getResources().getLimits()).as("the heap needs a memory limit")
        .containsEntry("memory", new Quantity("1Gi"));
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("migrations");
    assertThat(pod.getSpec().getNodeSelector()).isEqualTo(Map.of("pool", "db"));
    assertThat(pod.getSpec().getTolerations()).hasSize(1);
  }

  @Test
  void longTaskNamesAreCutToALabel() {
    MigrationTask task = task();
    task.getMetadata().setName("a".repeat(60));

    String name = factory.build(task, Phase.Validation, 11, 0, 1, "abcde", "m")
        .getMetadata().getName();

    assertThat(name).hasSizeLessThanOrEqualTo(63).endsWith("-validation-a11-s0-abcde");
  }

  @Test
  void theProgressMarkChangesWithProgress() {
    MigrationTaskStatus status = new MigrationTaskStatus();
    String before = ProgressMark.of(status);
    status.setFullLoad(new dev.ferry.api.v1alpha1.FullLoadStatus());
    status.getFullLoad().setChunksDone(3L);

    assertThat(ProgressMark.of(status)).isNotEqualTo(before).isEqualTo(ProgressMark.of(status));
  }

  @Test
  void aCleanupPodRemovesOneRunWithTheTargetsSecretOnlySmallAndWithADeadline() {
    MigrationTask task = task();
    task.getSpec().getWorker().setServiceAccountName("migrations");

    Pod pod = factory.buildCleanup(task, 1, "q4z9m");

    assertThat(pod.getMetadata().getName()).isEqualTo("orders-cleanup-a1-q4z9m");
    assertThat(pod.getMetadata().getLabels()).containsEntry(WorkerPods.TASK, "orders")
        .containsEntry(WorkerPods.CLEANUP_RUN, "uid-1").containsEntry(WorkerPods.ATTEMPT, "1")
        .containsEntry(WorkerPods.MANAGED_BY, "ferry-operator")
        .doesNotContainKey(WorkerPods.PHASE);
    assertThat(WorkerPods.isCleanup(pod)).isTrue();
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo("uid-1"));
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("migrations");
    assertThat(pod.getSpec().getActiveDeadlineSeconds())
        .isEqualTo(WorkerPodFactory.CLEANUP_DEADLINE_SECONDS);
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("ferry/worker:1.0");
    assertThat(container.getArgs()).containsExactly("cleanup-worker", "--namespace", "shop",
        "--task", "orders", "--run", "uid-1");
    assertThat(secretEnv(container)).extracting(EnvVar::getName).containsExactly(
        SecretEnvNames.variable("polardb-credentials", "username"),
        SecretEnvNames.variable("polardb-credentials", "password"));
    assertThat(secretEnv(container)).allSatisfy(env -> assertThat(env.getValueFrom()
        .getSecretKeyRef().getName()).isEqualTo("polardb-credentials"));
    assertThat(literalEnv(container)).containsOnlyKeys("FERRY_LOG_LEVEL", "FERRY_LOG_FORMAT");
    assertThat(container.getResources().getLimits()).containsEntry("memory",
        new Quantity("256Mi"));
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  /** The container's variables that come from Secrets. */
  private static List<EnvVar> secretEnv(Container container) {
    return container.getEnv().stream().filter(variable -> variable.getValueFrom() != null)
        .toList();
  }

  /** The container's variables with a value in the pod spec, by name. */
  private static Map<String, String> literalEnv(Container container) {
    return container.getEnv().stream().filter(variable -> variable.getValueFrom() == null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static MigrationTask task() {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.Full);
    SourceSpec source = new SourceSpec();
    source.setName("aurora");
    source.setHost("aurora.example.com");
    source.setCredentialsSecret("aurora-credentials");
    spec.getSources().add(source);
    TargetSpec target = new TargetSpec();
    target.setHost("polardb.example.com");
    target.setCredentialsSecret("polardb-credentials");
    spec.setTarget(target);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("orders")
        .withUid("uid-1").build());
    task.setSpec(spec);
    return task;
  }
}
