package dev.ferry.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.PhaseOutcome;
import dev.ferry.api.v1alpha1.PhaseRecord;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.worker.metrics.WorkerMetrics;
import dev.ferry.worker.precheck.PrecheckFailedException;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<Phase> ran = new ArrayList<>();
  private final List<String> progressAtStart = new ArrayList<>();

  @Test
  void fullModeRunsEveryPhaseInOrderAndCompletes() {
    InMemoryStatusSink sink = sink(Mode.Full);

    TaskRunner.Outcome outcome = runner(sink, Map.of()).run();

    assertThat(outcome).isEqualTo(TaskRunner.Outcome.COMPLETED);
    assertThat(ran).containsExactly(Phase.Precheck, Phase.Schema, Phase.FullLoad,
        Phase.Validation);
    assertThat(progressAtStart).as("no phase starts with the last one's progress")
        .containsExactly("starting phase Precheck", "starting phase Schema",
            "starting phase FullLoad", "starting phase Validation");
    MigrationTaskStatus status = sink.status();
    assertThat(status.getPhase()).isEqualTo(Phase.Completed);
    assertThat(status.getPhases()).extracting(PhaseRecord::getOutcome)
        .containsOnly(PhaseOutcome.Succeeded);
    assertThat(Conditions.isTrue(status, ConditionType.Ready)).isTrue();
    assertThat(Conditions.isTrue(status, ConditionType.Reconciling)).isFalse();
    assertThat(Conditions.isTrue(status, ConditionType.FullLoadComplete)).isTrue();
    assertThat(Conditions.isTrue(status, ConditionType.Validated)).isTrue();
  }

  @Test
  void connectionFailuresAreRetriedWithBackoffAndCounted() {
    InMemoryStatusSink sink = sink(Mode.Full);
    Map<Phase, Deque<Exception>> failures = Map.of(Phase.FullLoad, new ArrayDeque<>(List.of(
        new FerryException(FailureClass.Connection, "lost connection"),
        new RuntimeException("wrapped", new ConnectException("refused")))));

    TaskRunner.Outcome outcome = runner(sink, failures).run();

    assertThat(outcome).isEqualTo(TaskRunner.Outcome.COMPLETED);
    assertThat(ran).containsExactly(Phase.Precheck, Phase.Schema, Phase.FullLoad,
        Phase.FullLoad, Phase.FullLoad, Phase.Validation);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(sink.history()).anySatisfy(s -> {
      assertThat(s.getRetry()).isNotNull();
      assertThat(s.getRetry().getAttempt()).isEqualTo(2);
      assertThat(s.getRetry().getFailureClass()).isEqualTo(FailureClass.Connection);
    });
    assertThat(sink.status().getRetry()).as("cleared on success").isNull();
  }

  @Test
  void retriesAreCountedByFailureClassInTheMetrics() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Map<Phase, Deque<Exception>> failures = Map.of(Phase.FullLoad, new ArrayDeque<>(List.of(
        new FerryException(FailureClass.Connection, "lost connection"),
        new FerryException(FailureClass.Connection, "lost again"),
        new FerryException(FailureClass.Other, "deadlock"))));

    TaskRunner.Outcome outcome = runner(sink(Mode.Full), failures,
        new WorkerMetrics(registry, "default/t")).run();

    assertThat(outcome).isEqualTo(TaskRunner.Outcome.COMPLETED);
    assertThat(registry.get("ferry.worker.retries").tags("namespace", "default", "task", "t",
        "class", "Connection").counter().count()).isEqualTo(2);
    assertThat(registry.get("ferry.worker.retries").tags("class", "Other").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("ferry.worker.retries").tags("class", "Fatal").counter().count())
        .isZero();
  }

  @Test
  void otherFailuresStopWhenTheirWindowRunsOut() {
    InMemoryStatusSink sink = sink(Mode.Full);
    sink.spec().getRetry().setOtherWindow("1m");
    Deque<Exception> endless = new ArrayDeque<>();
    for (int i = 0; i < 50; i++) {
      endless.add(new IllegalStateException("DDL failed #" + i));
    }

    TaskRunner.Outcome outcome = runner(sink, Map.of(Phase.Schema, endless)).run();

    assertThat(outcome).isEqualTo(TaskRunner.Outcome.FAILED);
    MigrationTaskStatus status = sink.status();
    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    assertThat(status.getRetry().getLastError()).startsWith("DDL failed #");
    assertThat(Conditions.find(status, ConditionType.Stalled)).get()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("RetryWindowExhausted"));
    assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus))
        .isLessThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void fatalFailuresFailAtOnceAndARerunResumesTheFailedPhase() {
    InMemoryStatusSink sink = sink(Mode.Full);
    Map<Phase, Deque<Exception>> failures = Map.of(Phase.FullLoad, new ArrayDeque<>(List.of(
        new FerryException(FailureClass.Fatal, "binlog purged"))));

    assertThat(runner(sink, failures).run()).isEqualTo(TaskRunner.Outcome.FAILED);
    assertThat(sleeps).isEmpty();
    assertThat(Conditions.find(sink.status(), ConditionType.Stalled)).get()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("FatalError"));

    ran.clear();
    assertThat(runner(sink, Map.of()).run()).isEqualTo(TaskRunner.Outcome.COMPLETED);
    assertThat(ran).containsExactly(Phase.FullLoad, Phase.Validation);
  }

  @Test
  void aFailedPrecheckStopsWithoutRetry() {
    InMemoryStatusSink sink = sink(Mode.All);
    Map<Phase, Deque<Exception>> failures = Map.of(Phase.Precheck, new ArrayDeque<>(List.of(
        new PrecheckFailedException("2 items failed"))));

    assertThat(runner(sink, failures).run()).isEqualTo(TaskRunner.Outcome.PRECHECK_FAILED);
    assertThat(ran).containsExactly(Phase.Precheck);
    assertThat(sink.status().getPhase()).isEqualTo(Phase.Failed);
  }

  @Test
  void suspendedTasksDoNotRun() {
    InMemoryStatusSink sink = sink(Mode.Full);
    sink.spec().setSuspend(true);

    assertThat(runner(sink, Map.of()).run()).isEqualTo(TaskRunner.Outcome.SUSPENDED);
    assertThat(ran).isEmpty();
    assertThat(sink.status().getPhase()).isEqualTo(Phase.Suspended);
  }

  @Test
  void anInterruptStopsTheRun() {
    InMemoryStatusSink sink = sink(Mode.Full);
    PhaseExecutor interrupted = (phase, context) -> {
      ran.add(phase);
      Thread.currentThread().interrupt();
      throw new InterruptedException();
    };
    TaskContext context = new TaskContext("default/t", "run-1", sink, (s, k) -> "x");

    TaskRunner.Outcome outcome = new TaskRunner(task(), context, interrupted, clock,
        this::sleep).run();

    assertThat(Thread.interrupted()).isTrue();
    assertThat(outcome).isEqualTo(TaskRunner.Outcome.INTERRUPTED);
    assertThat(ran).containsExactly(Phase.Precheck);
  }

  private TaskRunner runner(InMemoryStatusSink sink, Map<Phase, Deque<Exception>> failures) {
    return runner(sink, failures, WorkerMetrics.disabled());
  }

  private TaskRunner runner(InMemoryStatusSink sink, Map<Phase, Deque<Exception>> failures,
      WorkerMetrics metrics) {
    PhaseExecutor executor = (phase, context) -> {
      ran.add(phase);
      progressAtStart.add(context.sink().status().getProgress());
      context.sink().update(status -> status.setProgress(phase + " is half done"));
      clock.advance(Duration.ofSeconds(1));
      Deque<Exception> queue = failures.get(phase);
      if (queue != null && !queue.isEmpty()) {
        throw queue.poll();
      }
    };
    return new TaskRunner(task(),
        new TaskContext("default/t", "run-1", sink, (s, k) -> "x", metrics), executor, clock,
        this::sleep);
  }

  private void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  private static MigrationTask task() {
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withName("t").withNamespace("default").build());
    return task;
  }

  private static InMemoryStatusSink sink(Mode mode) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(mode);
    SourceSpec source = new SourceSpec();
    source.setName("src");
    spec.getSources().add(source);
    spec.setTarget(new TargetSpec());
    return new InMemoryStatusSink(spec, null);
  }

  /** A clock tests move by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
