package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.WorkerPodTemplate;
import dev.ferry.api.v1alpha1.WorkerSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for {@code spec.worker}: image, service account, scheduling and resources. */
final class WorkerRules {

  private static final Pattern IMAGE = Pattern.compile(
      "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*"
          + "(:[\\w][\\w.-]{0,127})?(@[a-z0-9]+:[a-f0-9]{32,})?");
  private static final Pattern LABEL_KEY = Pattern.compile(
      "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
  private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  /** The least memory a worker runs in (JVM, drivers and the smallest queues). */
  private static final Quantity MIN_MEMORY = new Quantity("256Mi");
  private static final String MEMORY = "memory";

  private WorkerRules() {}

  static void check(WorkerSpec worker, Problems problems) {
    if (worker.getImage() != null && !IMAGE.matcher(worker.getImage()).matches()) {
      problems.add("spec.worker.image", worker.getImage(), "is not an image reference",
          "write registry/repository:tag, for example ghcr.io/ferry/ferry-worker:0.1.0");
    }
    if (worker.getImagePullPolicy() != null
        && !PULL_POLICIES.contains(worker.getImagePullPolicy())) {
      problems.add("spec.worker.imagePullPolicy", worker.getImagePullPolicy(),
          "is not a pull policy", "use Always, IfNotPresent or Never");
    }
    if (worker.getServiceAccountName() != null) {
      problems.addIf("spec.worker.serviceAccountName", worker.getServiceAccountName(),
          Names.dnsSubdomainProblem(worker.getServiceAccountName()),
          "use the name of a service account in the task's namespace");
    }
    for (Map.Entry<String, String> entry : worker.getNodeSelector().entrySet()) {
      String path = "spec.worker.nodeSelector." + entry.getKey();
      if (!LABEL_KEY.matcher(entry.getKey()).matches()) {
        problems.add(path, entry.getKey(), "is not a label key",
            "use a key like kubernetes.io/arch or disktype");
      }
      if (entry.getValue() == null || !LABEL_VALUE.matcher(entry.getValue()).matches()) {
        problems.add(path, entry.getValue(), "is not a label value", "use up to 63 letters,"
            + " digits, '-', '_' and '.', starting and ending with a letter or digit");
      }
    }
    checkTolerations(worker.getTolerations(), problems);
    if (worker.getPodTemplate() != null) {
      checkPodTemplate(worker.getPodTemplate(), problems);
    }
    if (worker.getResources() != null) {
      checkResources(worker.getResources(), problems);
    }
    if (worker.getMemory() != null) {
      checkMemory(worker, problems);
    }
  }

  private static void checkMemory(WorkerSpec worker, Problems problems) {
    String path = "spec.worker.memory";
    Quantity memory = worker.getMemory();
    BigDecimal bytes = amount(memory, path, problems);
    if (bytes != null && bytes.signum() >= 0
        && bytes.compareTo(Quantity.getAmountInBytes(MIN_MEMORY)) < 0) {
      problems.add(path, memory, "is below " + MIN_MEMORY + ", the least memory a worker runs"
          + " in", "give the worker " + MIN_MEMORY + " or more (the default is 1Gi)");
    }
    ResourceRequirements resources = worker.getResources();
    if (resources != null && (hasMemory(resources.getRequests())
        || hasMemory(resources.getLimits()))) {
      problems.add(path, memory, "is set together with memory under spec.worker.resources"
          + " (requests.memory or limits.memory), and both would size the worker", "keep"
          + " spec.worker.memory and remove memory from spec.worker.resources");
    }
  }

  private static boolean hasMemory(Map<String, Quantity> amounts) {
    return amounts != null && amounts.containsKey(MEMORY);
  }

  private static void checkPodTemplate(WorkerPodTemplate template, Problems problems) {
    String base = "spec.worker.podTemplate.";
    template.getLabels().forEach((key, value) -> {
      if (!LABEL_KEY.matcher(key).matches()) {
        problems.add(base + "labels." + key, key, "is not a label key",
            "use a key like team or example.com/cost-center");
      }
      if (value == null || !LABEL_VALUE.matcher(value).matches()) {
        problems.add(base + "labels." + key, value, "is not a label value", "use up to 63"
            + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
      }
    });
    template.getAnnotations().keySet().stream().filter(key -> !LABEL_KEY.matcher(key).matches())
        .forEach(key -> problems.add(base + "annotations." + key, key,
            "is not an annotation key", "use a key like sidecar.istio.io/inject"));
    if (template.getPriorityClassName() != null) {
      problems.addIf(base + "priorityClassName", template.getPriorityClassName(),
          Names.dnsSubdomainProblem(template.getPriorityClassName()),
          "use the name of a PriorityClass");
    }
  }

  private static void checkTolerations(List<Toleration> tolerations, Problems problems) {
    for (int i = 0; i < tolerations.size(); i++) {
      Toleration toleration = tolerations.get(i);
      String path = "spec.worker.tolerations[" + i + "]";
      String operator = toleration.getOperator() == null ? "Equal" : toleration.getOperator();
      if (!operator.equals("Equal") && !operator.equals("Exists")) {
        problems.add(path + ".operator", operator, "is not a toleration operator",
            "use Equal or Exists");
      }
      if (operator.equals("Exists") && toleration.getValue() != null
          && !toleration.getValue().isEmpty()) {
        problems.add(path + ".value", toleration.getValue(), "is set with operator Exists",
            "remove the value, or use operator Equal");
      }
      if (toleration.getEffect() != null && !toleration.getEffect().isEmpty()
          && !EFFECTS.contains(toleration.getEffect())) {
        problems.add(path + ".effect", toleration.getEffect(), "is not a taint effect",
            "use NoSchedule, PreferNoSchedule or NoExecute, or leave it empty for all");
      }
    }
  }

  private static void checkResources(ResourceRequirements resources, Problems problems) {
    Map<String, Quantity> requests = resources.getRequests() == null ? Map.of()
        : resources.getRequests();
    Map<String, Quantity> limits = resources.getLimits() == null ? Map.of()
        : resources.getLimits();
    requests.forEach((name, value) ->
        amount(value, "spec.worker.resources.requests." + name, problems));
    limits.forEach((name, value) -> {
      String path = "spec.worker.resources.limits." + name;
      BigDecimal limit = amount(value, path, problems);
      BigDecimal request = requests.containsKey(name) ? amountOrNull(requests.get(name)) : null;
      if (limit != null && request != null && request.compareTo(limit) > 0) {
        problems.add(path, value, "is below the request " + requests.get(name),
            "raise the limit or lower the request of " + name);
      }
    });
  }

  private static BigDecimal amount(Quantity value, String path, Problems problems) {
    BigDecimal amount = amountOrNull(value);
    if (amount == null) {
      problems.add(path, value, "is not a quantity", "write it like 500m or 2 (cpu), 512Mi or"
          + " 2Gi (memory)");
    } else if (amount.signum() < 0) {
      problems.add(path, value, "is negative", "use a positive quantity");
    }
    return amount;
  }

  private static BigDecimal amountOrNull(Quantity value) {
    try {
      return value == null ? null : Quantity.getAmountInBytes(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }
}
