package dev.ferry.operator.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.WorkerPodTemplate;
import dev.ferry.operator.OperatorConfig;
import dev.ferry.operator.WorkerAllowList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Worker pods fit the cluster: the admin's defaults (Helm worker.podDefaults) and the task's
 * spec.worker.podTemplate over them, Ferry's labels kept, and no fixed UID.
 */
class WorkerPodLayoutTest {

  private static final WorkerPodDefaults DEFAULTS = WorkerPodDefaults.parse("""
      {"labels": {"team": "data", "cost-center": "db"},
       "annotations": {"sidecar.istio.io/inject": "false"},
       "priorityClassName": "batch-low",
       "nodeSelector": {"disktype": "ssd"},
       "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "migrations",
                        "effect": "NoSchedule"}],
       "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
         {"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In",
           "values": ["a"]}]}]}}}}
      """);
  private static final OperatorConfig CONFIG = new OperatorConfig("ferry/worker:1.0", Set.of(),
      8080, "ferry-worker", true, null, DEFAULTS, WorkerAllowList.any(), WorkerLogging.DEFAULT);

  @Test
  void theAdminsDefaultsApplyToEveryWorkerPod() {
    Pod pod = new WorkerPodFactory(CONFIG).build(task(null), Phase.FullLoad, 0, 0, 1, "x", "");

    assertThat(pod.getMetadata().getLabels()).containsEntry("team", "data")
        .containsEntry(WorkerPods.PHASE, "FullLoad");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("sidecar.istio.io/inject",
        "false").containsKey(WorkerPods.PROGRESS_AT_START);
    assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("batch-low");
    assertThat(pod.getSpec().getNodeSelector()).containsEntry("disktype", "ssd");
    assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey())
        .containsExactly("dedicated");
    assertThat(pod.getSpec().getAffinity().getNodeAffinity()).isNotNull();
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser())
        .as("no fixed UID: the platform may assign one").isNull();
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  @Test
  void theTasksPodTemplateGoesOverTheDefaultsButNotOverFerrysLabels() {
    WorkerPodTemplate template = new WorkerPodTemplate();
    template.setLabels(Map.of("team", "payments", WorkerPods.PHASE, "Hijacked"));
    template.setAnnotations(Map.of("sidecar.istio.io/inject", "true"));
    template.setPriorityClassName("migration-critical");
    template.setSecurityContext(new PodSecurityContextBuilder().withRunAsUser(1000700000L)
        .withFsGroup(1000700000L).build());
    MigrationTask task = task(template);
    task.getSpec().getWorker().getTolerations().add(new TolerationBuilder().withKey("spot")
        .withOperator("Exists").build());

    Pod pod = new WorkerPodFactory(CONFIG).build(task, Phase.Incremental, 0, 0, 1, "x", "");

    assertThat(pod.getMetadata().getLabels()).containsEntry("team", "payments")
        .containsEntry("cost-center", "db").containsEntry(WorkerPods.PHASE, "Incremental");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("sidecar.istio.io/inject",
        "true");
    assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("migration-critical");
    assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey())
        .containsExactly("dedicated", "spot");
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000700000L);
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
  }

  private static MigrationTask task(WorkerPodTemplate template) {
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
    spec.getWorker().setPodTemplate(template);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("orders")
        .withUid("uid-1").build());
    task.setSpec(spec);
    return task;
  }
}
