package dev.ferry.operator.pod;

import dev.ferry.api.v1alpha1.WorkerPodTemplate;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod-level settings of one worker pod: the operator's defaults, then the task's
 * spec.worker settings over them. Labels, annotations and node selectors merge key by key (the
 * task wins, Ferry's own labels win over both); tolerations add up; affinity, priority class
 * and security context of the task replace the defaults.
 */
final class WorkerPodLayout {

  private final WorkerPodDefaults defaults;
  private final WorkerPodTemplate task;

  WorkerPodLayout(WorkerPodDefaults defaults, WorkerPodTemplate task) {
    this.defaults = defaults;
    this.task = task == null ? new WorkerPodTemplate() : task;
  }

  Map<String, String> labels(Map<String, String> ferrys) {
    Map<String, String> labels = merge(defaults.getLabels(), task.getLabels());
    labels.putAll(ferrys);
    return labels;
  }

  Map<String, String> annotations() {
    return merge(defaults.getAnnotations(), task.getAnnotations());
  }

  Map<String, String> nodeSelector(Map<String, String> tasks) {
    return merge(defaults.getNodeSelector(), tasks);
  }

  List<Toleration> tolerations(List<Toleration> tasks) {
    List<Toleration> all = new ArrayList<>(defaults.getTolerations());
    tasks.stream().filter(t -> !all.contains(t)).forEach(all::add);
    return all;
  }

  Affinity affinity() {
    return task.getAffinity() != null ? task.getAffinity() : defaults.getAffinity();
  }

  String priorityClassName() {
    return task.getPriorityClassName() != null ? task.getPriorityClassName()
        : defaults.getPriorityClassName();
  }

  /**
   * The given security context (task, else defaults, else none), with runAsNonRoot and the
   * RuntimeDefault seccomp profile unless it sets them. No runAsUser of Ferry's own: a platform
   * that assigns one (OpenShift's restricted SCC) can.
   */
  PodSecurityContext securityContext() {
    PodSecurityContext given = task.getSecurityContext() != null ? task.getSecurityContext()
        : defaults.getSecurityContext();
    PodSecurityContext context = given == null ? new PodSecurityContext()
        : Serialization.clone(given);
    PodSecurityContextBuilder builder = new PodSecurityContextBuilder(context);
    if (context.getRunAsNonRoot() == null) {
      builder.withRunAsNonRoot(true);
    }
    if (context.getSeccompProfile() == null) {
      builder.withSeccompProfile(new SeccompProfile(null, "RuntimeDefault"));
    }
    return builder.build();
  }

  private static Map<String, String> merge(Map<String, String> base, Map<String, String> over) {
    Map<String, String> merged = new LinkedHashMap<>(base);
    merged.putAll(over);
    return merged;
  }
}
