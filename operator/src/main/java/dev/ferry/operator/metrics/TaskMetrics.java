package dev.ferry.operator.metrics;

import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-task metrics: {@code ferry_task_phase} (1 for the current phase, 0 for the others),
 * {@code ferry_task_condition} (1 when a condition such as Stalled or BinlogAtRisk is True, per
 * condition type), {@code ferry_task_lag_seconds}, {@code ferry_task_rows_copied},
 * {@code ferry_task_conflicts} (row conflicts resolved by a conflict policy, by
 * {@code resolution}) and the counter
 * {@code ferry_task_retries_total}, tagged with namespace and task, removed when the task is
 * deleted. The retry counters of a phase that runs workers start at 0 once the task is seen in
 * it, so that an alert on their increase sees the first retry too (a counter first exported at
 * 1 shows no increase).
 */
public final class TaskMetrics {

  /** Name prefix of every per-task meter. */
  private static final String PREFIX = "ferry.task.";
  /** Phases that are states, not work a worker pod does (and retries). */
  private static final Set<Phase> STATES = EnumSet.of(Phase.Pending, Phase.Completed,
      Phase.Failed, Phase.Suspended);
  /** The failure classes that are retried (a Fatal failure fails the task at once). */
  private static final List<FailureClass> RETRIED = List.of(FailureClass.Connection,
      FailureClass.Other);

  private final MeterRegistry registry;
  private final Map<String, Values> tasks = new ConcurrentHashMap<>();

  public TaskMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Updates the gauges of {@code task} from {@code status}. */
  public void observe(MigrationTask task, MigrationTaskStatus status) {
    Values values = tasks.computeIfAbsent(key(task), key -> register(tags(task)));
    values.phase = status.getPhase();
    if (values.phase != null && !STATES.contains(values.phase)
        && values.retriesStarted.add(values.phase)) {
      RETRIED.forEach(failureClass -> retries(task, values.phase, failureClass));
    }
    for (ConditionType type : ConditionType.values()) {
      values.conditions.put(type, Conditions.isTrue(status, type));
    }
    values.lagSeconds = status.getReplication() == null
        || status.getReplication().getLagSeconds() == null ? Double.NaN
        : status.getReplication().getLagSeconds();
    values.overwritten = count(status.getReplication() == null ? null
        : status.getReplication().getConflictsOverwritten());
    values.skipped = count(status.getReplication() == null ? null
        : status.getReplication().getConflictsSkipped());
    values.rowsCopied = status.getFullLoad() == null
        || status.getFullLoad().getRowsCopied() == null ? 0
        : status.getFullLoad().getRowsCopied();
  }

  private static double count(Long value) {
    return value == null ? 0 : value;
  }

  /** Counts a retry of {@code phase} after a failure of {@code failureClass}. */
  public void retried(MigrationTask task, Phase phase, FailureClass failureClass) {
    retries(task, phase, failureClass).increment();
  }

  private Counter retries(MigrationTask task, Phase phase, FailureClass failureClass) {
    return Counter.builder("ferry.task.retries")
        .description("Failed phase attempts that were retried")
        .tags(tags(task).and("phase", phase.name(), "class", failureClass.name()))
        .register(registry);
  }

  /** Removes every meter of {@code task} (it was deleted). */
  public void forget(MigrationTask task) {
    tasks.remove(key(task));
    Tags tags = tags(task);
    registry.getMeters().stream()
        .filter(meter -> meter.getId().getName().startsWith(PREFIX))
        .filter(meter -> tags.stream().allMatch(tag -> tag.getValue().equals(
            meter.getId().getTag(tag.getKey()))))
        .forEach(registry::remove);
  }

  private Values register(Tags tags) {
    Values values = new Values();
    for (Phase phase : Phase.values()) {
      Gauge.builder("ferry.task.phase", values, v -> v.phase == phase ? 1 : 0)
          .description("1 for the task's current phase")
          .tags(tags.and("phase", phase.name()))
          .register(registry);
    }
    for (ConditionType type : ConditionType.values()) {
      Gauge.builder("ferry.task.condition", values,
              v -> v.conditions.getOrDefault(type, false) ? 1 : 0)
          .description("1 while the task's condition is True")
          .tags(tags.and("condition", type.name()))
          .register(registry);
    }
    Gauge.builder("ferry.task.lag.seconds", values, v -> v.lagSeconds)
        .description("Replication lag of the task").tags(tags).register(registry);
    Gauge.builder("ferry.task.rows.copied", values, v -> v.rowsCopied)
        .description("Rows copied by the task's full load").tags(tags).register(registry);
    Gauge.builder("ferry.task.conflicts", values, v -> v.overwritten)
        .description("Row conflicts on the target resolved by a conflict policy since the"
            + " incremental phase started").tags(tags.and("resolution", "Overwrite"))
        .register(registry);
    Gauge.builder("ferry.task.conflicts", values, v -> v.skipped)
        .description("Row conflicts on the target resolved by a conflict policy since the"
            + " incremental phase started").tags(tags.and("resolution", "Skip"))
        .register(registry);
    return values;
  }

  private static Tags tags(MigrationTask task) {
    return Tags.of("namespace", task.getMetadata().getNamespace(),
        "task", task.getMetadata().getName());
  }

  private static String key(MigrationTask task) {
    return task.getMetadata().getNamespace() + "/" + task.getMetadata().getName();
  }

  /** The latest values of one task; read by the gauges. */
  private static final class Values {
    volatile Phase phase;
    volatile double lagSeconds = Double.NaN;
    volatile double rowsCopied;
    volatile double overwritten;
    volatile double skipped;
    final Map<ConditionType, Boolean> conditions = new ConcurrentHashMap<>();
    /** The phases whose retry counters are registered. */
    final Set<Phase> retriesStarted = ConcurrentHashMap.newKeySet();
  }
}
