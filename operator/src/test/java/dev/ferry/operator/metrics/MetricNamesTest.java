package dev.ferry.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.worker.metrics.Operation;
import dev.ferry.worker.metrics.SourceMetrics;
import dev.ferry.worker.metrics.WorkerMetrics;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ferry_*} metric the chart's Grafana dashboard and alert rules query is one that
 * Ferry registers: the names are read from the dashboard's PromQL expressions and the rules'
 * {@code expr} lines, and compared with a scrape of a registry fed by the operator's
 * {@link TaskMetrics} and the worker's metrics facade, every method called once.
 */
class MetricNamesTest {

  private static final Path CHART = Path.of("..", "helm", "ferry-operator");
  private static final Pattern NAME = Pattern.compile("\\bferry_[a-z0-9_]+");
  private static final Pattern SAMPLE = Pattern.compile("^(ferry_[a-z0-9_]+)[{ ]");

  private static Set<String> registered;

  @BeforeAll
  static void registerEveryMetric() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("orders").build());
    TaskMetrics operator = new TaskMetrics(registry);
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPhase(Phase.Incremental);
    operator.observe(task, status);
    operator.retried(task, Phase.FullLoad, FailureClass.Connection);
    WorkerMetrics worker = new WorkerMetrics(registry, "shop/orders");
    worker.copied("app", 10, 100);
    worker.fullLoadProgress(1, 2, 10, 20);
    worker.retried(FailureClass.Other);
    worker.validated(true);
    SourceMetrics source = worker.source("aurora");
    source.transactionRead(3);
    source.read(Operation.INSERT, 3);
    source.applied(Operation.INSERT, 3);
    source.batchCommitted(Duration.ofMillis(12));
    source.ddlApplied();
    source.lag(4);
    source.checkpoint(Instant.now());
    source.laneQueue(0, () -> 1);
    registered = new TreeSet<>();
    for (String line : registry.scrape().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.find()) {
        registered.add(sample.group(1));
      }
    }
  }

  @Test
  void theDashboardQueriesOnlyRegisteredMetrics() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(
        CHART.resolve("files/dashboards/ferry-migrations.json")));
    Set<String> used = new TreeSet<>();
    for (JsonNode expr : dashboard.findValues("expr")) {
      used.addAll(names(expr.asText()));
    }

    assertThat(used).as("the dashboard's queries were read")
        .contains("ferry_task_phase", "ferry_fullload_copied_rows_total", "ferry_cdc_lag_seconds");
    assertThat(registered).containsAll(used);
  }

  @Test
  void theAlertRulesQueryOnlyRegisteredMetrics() throws IOException {
    Set<String> used = new TreeSet<>();
    for (String line : Files.readAllLines(CHART.resolve("templates/prometheusrule.yaml"))) {
      if (line.trim().startsWith("expr:")) {
        used.addAll(names(line));
      }
    }

    assertThat(used).as("the rules' expressions were read").contains("ferry_task_phase",
        "ferry_task_condition", "ferry_cdc_lag_seconds", "ferry_task_retries_total",
        "ferry_validation_chunks_differing_total");
    assertThat(registered).containsAll(used);
  }

  @Test
  void aMisspelledNameIsCaught() {
    Set<String> used = names("sum(rate(ferry_cdc_events_aplied_total[5m])) by (source)"
        + " / ferry_cdc_lag_seconds");

    assertThat(used).containsExactly("ferry_cdc_events_aplied_total", "ferry_cdc_lag_seconds");
    assertThat(used).filteredOn(name -> !registered.contains(name))
        .containsExactly("ferry_cdc_events_aplied_total");
  }

  private static Set<String> names(String promql) {
    Set<String> names = new TreeSet<>();
    Matcher name = NAME.matcher(promql);
    while (name.find()) {
      names.add(name.group());
    }
    return names;
  }
}
