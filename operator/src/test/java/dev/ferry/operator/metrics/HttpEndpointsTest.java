package dev.ferry.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.ReplicationStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTaskMetricsAndProbes() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TaskMetrics metrics = new TaskMetrics(registry);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("orders").build());
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPhase(Phase.Incremental);
    status.setReplication(new ReplicationStatus());
    status.getReplication().setLagSeconds(7L);
    metrics.observe(task, status);
    metrics.retried(task, Phase.Incremental, FailureClass.Connection);
    AtomicBoolean ready = new AtomicBoolean(false);

    try (HttpEndpoints endpoints = HttpEndpoints.start(0, registry, () -> true, ready::get)) {
      String scrape = get(endpoints, "/metrics").body();
      assertThat(scrape)
          .contains("ferry_task_phase{namespace=\"shop\",phase=\"Incremental\","
              + "task=\"orders\"} 1.0")
          .contains("ferry_task_phase{namespace=\"shop\",phase=\"FullLoad\",task=\"orders\"} 0.0")
          .contains("ferry_task_lag_seconds{namespace=\"shop\",task=\"orders\"} 7.0")
          .contains("ferry_task_retries_total{class=\"Connection\",namespace=\"shop\","
              + "phase=\"Incremental\",task=\"orders\"} 1.0")
          .as("a retry counter starts at 0 in a phase that runs workers")
          .contains("ferry_task_retries_total{class=\"Other\",namespace=\"shop\","
              + "phase=\"Incremental\",task=\"orders\"} 0.0")
          .doesNotContainPattern("ferry_task_retries_total\\{[^}]*phase=\"FullLoad\"")
          .doesNotContain("class=\"Fatal\"");
      assertThat(get(endpoints, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(endpoints, "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(endpoints, "/readyz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void servesTheConflictsThatAPolicyResolved() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TaskMetrics metrics = new TaskMetrics(registry);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("orders").build());
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPhase(Phase.Incremental);
    status.setReplication(new ReplicationStatus());
    status.getReplication().setConflictsOverwritten(3L);
    status.getReplication().setConflictsSkipped(2L);
    metrics.observe(task, status);

    try (HttpEndpoints endpoints = HttpEndpoints.start(0, registry, () -> true, () -> true)) {
      assertThat(get(endpoints, "/metrics").body())
          .contains("ferry_task_conflicts{namespace=\"shop\",resolution=\"Overwrite\","
              + "task=\"orders\"} 3.0")
          .contains("ferry_task_conflicts{namespace=\"shop\",resolution=\"Skip\","
              + "task=\"orders\"} 2.0");
    }
  }

  private HttpResponse<String> get(HttpEndpoints endpoints, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + endpoints.port()
        + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
