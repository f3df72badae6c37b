package dev.ferry.operator;

import dev.ferry.logging.FerryLogging;
import dev.ferry.logging.LogFormat;
import dev.ferry.operator.metrics.HttpEndpoints;
import dev.ferry.operator.metrics.OperatorRegistry;
import dev.ferry.operator.metrics.TaskMetrics;
import dev.ferry.operator.pod.WorkerPodFactory;
import dev.ferry.operator.reconcile.MigrationTaskReconciler;
import dev.ferry.operator.reconcile.SpecCheck;
import dev.ferry.operator.reconcile.WorkerLauncher;
import dev.ferry.operator.status.StatusRecorder;
import dev.ferry.operator.status.TaskEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The Ferry operator: a JOSDK operator with the MigrationTask reconciler, leader election for
 * several replicas, JOSDK and per-task metrics. {@link #main} is the {@code ferry-operator}
 * entrypoint; tests {@link #create} it against their own API server.
 */
public final class FerryOperator implements AutoCloseable {

  private final Operator operator;

  private FerryOperator(Operator operator) {
    this.operator = operator;
  }

  /** Starts the operator with settings from {@code args} and the environment. */
  public static void main(String[] args) throws IOException {
    OperatorConfig config;
    try {
      FerryLogging.configure(System.getenv(), LogFormat.TEXT);
      config = OperatorConfig.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("ferry-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusMeterRegistry registry = OperatorRegistry.create();
    KubernetesClient client = new KubernetesClientBuilder().build();
    FerryOperator ferry = create(config, client, registry, Clock.systemUTC());
    HttpEndpoints.start(config.metricsPort(), registry, ferry::isLive, ferry::isReady);
    ferry.operator.installShutdownHook(Duration.ofSeconds(10));
    ferry.start();
  }

  /** An operator (not yet started) of {@code config} on {@code client}. */
  public static FerryOperator create(OperatorConfig config, KubernetesClient client,
      MeterRegistry registry, Clock clock) {
    Operator operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry)
              .build());
      if (config.leaderElection()) {
        overrider.withLeaderElectionConfiguration(config.leaseNamespace() == null
            ? new LeaderElectionConfiguration(OperatorConfig.LEASE_NAME)
            : new LeaderElectionConfiguration(OperatorConfig.LEASE_NAME,
                config.leaseNamespace()));
      }
    });
    MigrationTaskReconciler reconciler = new MigrationTaskReconciler(
        new SpecCheck(client, config),
        new WorkerLauncher(client, new WorkerPodFactory(config)),
        new StatusRecorder(client),
        new TaskEvents(client, clock),
        new TaskMetrics(registry),
        clock);
    operator.register(reconciler, controller -> {
      controller.withFinalizer(MigrationTaskReconciler.FINALIZER);
      if (config.watchesAllNamespaces()) {
        controller.watchingAllNamespaces();
      } else {
        controller.settingNamespaces(config.namespaces());
      }
    });
    return new FerryOperator(operator);
  }

  /** Starts reconciling (after winning the leader election, when enabled). */
  public void start() {
    operator.start();
  }

  /** Whether the operator runs (liveness). */
  public boolean isLive() {
    return operator.getRuntimeInfo().isStarted();
  }

  /** Whether every informer is healthy (readiness). */
  public boolean isReady() {
    return operator.getRuntimeInfo().isStarted()
        && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
