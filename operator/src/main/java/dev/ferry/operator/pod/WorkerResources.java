package dev.ferry.operator.pod;

import dev.ferry.api.v1alpha1.WorkerSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resources of a worker container. Its memory request and limit are one value, so that the
 * JVM heap, which the worker image sizes at 75% of the container's memory limit, follows it:
 * {@code spec.worker.memory}, else the memory the user set under {@code spec.worker.resources}
 * (as written), else {@value #DEFAULT_MEMORY}. CPU and any other resource come from
 * {@code spec.worker.resources}, else a request of {@value #DEFAULT_CPU} CPU.
 */
final class WorkerResources {

  /** Memory of a worker when the spec sets none. */
  static final String DEFAULT_MEMORY = "1Gi";
  /** CPU request of a worker when the spec sets no resources. */
  static final String DEFAULT_CPU = "500m";
  private static final String MEMORY = "memory";

  private WorkerResources() {}

  /** The container resources {@code worker} asks for. */
  static ResourceRequirements of(WorkerSpec worker) {
    ResourceRequirements given = worker.getResources();
    Map<String, Quantity> requests = given == null
        ? new LinkedHashMap<>(Map.of("cpu", new Quantity(DEFAULT_CPU)))
        : copy(given.getRequests());
    Map<String, Quantity> limits = given == null ? new LinkedHashMap<>()
        : copy(given.getLimits());
    boolean memoryUnderResources = requests.containsKey(MEMORY) || limits.containsKey(MEMORY);
    if (worker.getMemory() != null || !memoryUnderResources) {
      Quantity memory = worker.getMemory() != null ? worker.getMemory()
          : new Quantity(DEFAULT_MEMORY);
      requests.put(MEMORY, memory);
      limits.put(MEMORY, memory);
    }
    ResourceRequirements resources = new ResourceRequirements();
    resources.setRequests(requests);
    resources.setLimits(limits);
    if (given != null) {
      resources.setClaims(given.getClaims());
    }
    return resources;
  }

  private static Map<String, Quantity> copy(Map<String, Quantity> amounts) {
    return amounts == null ? new LinkedHashMap<>() : new LinkedHashMap<>(amounts);
  }
}
