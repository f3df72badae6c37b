package dev.ferry.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The operator's registry carries the JVM and process meters the README lists, and the task
 * conditions the alert rules read (Stalled, BinlogAtRisk).
 */
class OperatorRegistryTest {

  @Test
  void registersJvmAndProcessMeters() {
    PrometheusMeterRegistry registry = OperatorRegistry.create();

    assertThat(registry.scrape()).contains("jvm_memory_used_bytes{", "jvm_gc_",
        "jvm_threads_live_threads ", "jvm_classes_loaded_classes ", "process_cpu_usage ",
        "process_uptime_seconds ", "system_cpu_count ");
  }

  @Test
  void exportsEveryConditionOfATask() {
    PrometheusMeterRegistry registry = OperatorRegistry.create();
    TaskMetrics metrics = new TaskMetrics(registry);
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("orders").build());
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPhase(Phase.Failed);
    Conditions.set(status, ConditionType.Stalled, true, "RetryWindowExhausted", "gone", 1L,
        Instant.parse("2026-03-01T10:00:00Z"));

    metrics.observe(task, status);

    assertThat(registry.scrape())
        .contains("ferry_task_condition{condition=\"Stalled\",namespace=\"shop\","
            + "task=\"orders\"} 1.0")
        .contains("ferry_task_condition{condition=\"BinlogAtRisk\",namespace=\"shop\","
            + "task=\"orders\"} 0.0");
    Conditions.set(status, ConditionType.Stalled, false, "Recovered", "ok", 1L,
        Instant.parse("2026-03-01T10:05:00Z"));
    metrics.observe(task, status);
    assertThat(registry.scrape()).contains("ferry_task_condition{condition=\"Stalled\","
        + "namespace=\"shop\",task=\"orders\"} 0.0");
    metrics.forget(task);
    assertThat(registry.scrape()).doesNotContain("ferry_task_condition{");
  }
}
