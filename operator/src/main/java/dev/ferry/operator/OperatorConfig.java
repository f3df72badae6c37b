package dev.ferry.operator;

import dev.ferry.operator.pod.WorkerLogging;
import dev.ferry.operator.pod.WorkerPodDefaults;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the operator, from flags ({@code --worker-image=IMAGE}) or, when a flag is absent,
 * environment variables ({@code FERRY_WORKER_IMAGE}).
 *
 * @param workerImage image of the worker pods unless a task sets spec.worker.image
 *     ({@code --worker-image}, {@code FERRY_WORKER_IMAGE}; required)
 * @param namespaces namespaces to watch; empty = all ({@code --namespaces}, comma separated)
 * @param metricsPort port of /metrics, /healthz and /readyz ({@code --metrics-port}, 8080)
 * @param workerServiceAccount service account of worker pods unless a task sets one
 *     ({@code --worker-service-account}, {@code ferry-worker})
 * @param leaderElection whether replicas elect a leader ({@code --leader-election}, true)
 * @param leaseNamespace namespace of the leader lease ({@code --lease-namespace}; default: the
 *     operator's own namespace)
 * @param workerPodDefaults defaults of every worker pod ({@code --worker-pod-defaults}, JSON;
 *     none)
 * @param allowList images and service accounts a task may choose for its workers
 *     ({@code --allowed-worker-images}, {@code --allowed-worker-service-accounts}; any)
 * @param workerLogging level and format of the worker pods' logs ({@code --worker-log-level},
 *     info; {@code --worker-log-format}, json)
 */
public record OperatorConfig(String workerImage, Set<String> namespaces, int metricsPort,
    String workerServiceAccount, boolean leaderElection, String leaseNamespace,
    WorkerPodDefaults workerPodDefaults, WorkerAllowList allowList,
    WorkerLogging workerLogging) {

  /** Settings without worker pod defaults and without an allow-list; workers log JSON at info. */
  public OperatorConfig(String workerImage, Set<String> namespaces, int metricsPort,
      String workerServiceAccount, boolean leaderElection, String leaseNamespace) {
    this(workerImage, namespaces, metricsPort, workerServiceAccount, leaderElection,
        leaseNamespace, WorkerPodDefaults.none(), WorkerAllowList.any(), WorkerLogging.DEFAULT);
  }

  /** Name of the leader election lease. */
  public static final String LEASE_NAME = "ferry-operator-leader";

  /** The settings from {@code args} and {@code environment}. */
  public static OperatorConfig from(String[] args, Map<String, String> environment) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("unknown argument " + arg
            + "; use --name=value (--worker-image, --namespaces, --metrics-port,"
            + " --worker-service-account, --leader-election, --lease-namespace,"
            + " --worker-pod-defaults, --allowed-worker-images,"
            + " --allowed-worker-service-accounts, --worker-log-level, --worker-log-format)");
      }
      flags.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Settings settings = new Settings(flags, environment);
    String image = settings.get("worker-image", null);
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("the worker image is not set; pass --worker-image=IMAGE"
          + " or set FERRY_WORKER_IMAGE");
    }
    String namespaces = settings.get("namespaces", "");
    return new OperatorConfig(image,
        Arrays.stream(namespaces.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        port(settings.get("metrics-port", "8080")),
        settings.get("worker-service-account", "ferry-worker"),
        Boolean.parseBoolean(settings.get("leader-election", "true")),
        settings.get("lease-namespace", null),
        WorkerPodDefaults.parse(settings.get("worker-pod-defaults", "{}")),
        WorkerAllowList.of(settings.get("allowed-worker-images", ""),
            settings.get("allowed-worker-service-accounts", "")),
        WorkerLogging.of(settings.get("worker-log-level", WorkerLogging.DEFAULT.level()),
            settings.get("worker-log-format", WorkerLogging.DEFAULT.format().name())));
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException("the metrics port " + value + " is not a TCP port; pass"
        + " --metrics-port=8080 or set FERRY_METRICS_PORT to a number from 0 to 65535");
  }

  /** Whether the operator watches every namespace. */
  public boolean watchesAllNamespaces() {
    return namespaces.isEmpty();
  }

  private record Settings(Map<String, String> flags, Map<String, String> environment) {
    String get(String flag, String fallback) {
      String value = flags.get(flag);
      if (value == null) {
        value = environment.get("FERRY_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'));
      }
      return value == null ? fallback : value;
    }
  }
}
