package dev.ferry.api.plan;

import static dev.ferry.api.plan.Tasks.NOW;
import static dev.ferry.api.v1alpha1.Phase.FullLoad;
import static dev.ferry.api.v1alpha1.Phase.Incremental;
import static dev.ferry.api.v1alpha1.Phase.Precheck;
import static dev.ferry.api.v1alpha1.Phase.Reverse;
import static dev.ferry.api.v1alpha1.Phase.Schema;
import static dev.ferry.api.v1alpha1.Phase.Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ferry.api.plan.PlanDecision.Complete;
import dev.ferry.api.plan.PlanDecision.Fail;
import dev.ferry.api.plan.PlanDecision.Resume;
import dev.ferry.api.plan.PlanDecision.RunPhase;
import dev.ferry.api.plan.PlanDecision.Suspend;
import dev.ferry.api.plan.PlanDecision.WaitForRetry;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.PhaseOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PhasePlannerTest {

  private static final String ERROR = "Duplicate entry '7' for key 'PRIMARY'";

  /** Every mode with every schema/validation switch, and the phases it must run in order. */
  static Stream<Arguments> sequences() {
    return Stream.of(
        arguments(Mode.Full, true, true, List.of(Precheck, Schema, FullLoad, Validation)),
        arguments(Mode.Full, false, true, List.of(Precheck, FullLoad, Validation)),
        arguments(Mode.Full, true, false, List.of(Precheck, Schema, FullLoad)),
        arguments(Mode.Full, false, false, List.of(Precheck, FullLoad)),
        arguments(Mode.Incremental, true, true, List.of(Precheck, Incremental, Validation)),
        arguments(Mode.Incremental, false, true, List.of(Precheck, Incremental, Validation)),
        arguments(Mode.Incremental, true, false, List.of(Precheck, Incremental)),
        arguments(Mode.Incremental, false, false, List.of(Precheck, Incremental)),
        arguments(Mode.All, true, true,
            List.of(Precheck, Schema, FullLoad, Incremental, Validation)),
        arguments(Mode.All, false, true, List.of(Precheck, FullLoad, Incremental, Validation)),
        arguments(Mode.All, true, false, List.of(Precheck, Schema, FullLoad, Incremental)),
        arguments(Mode.All, false, false, List.of(Precheck, FullLoad, Incremental)));
  }

  /** Every phase of every default sequence, with the phases before it. */
  static Stream<Arguments> everyPhaseOfEveryMode() {
    return sequences()
        .filter(sequence -> (boolean) sequence.get()[1] && (boolean) sequence.get()[2])
        .flatMap(sequence -> {
          Mode mode = (Mode) sequence.get()[0];
          @SuppressWarnings("unchecked")
          List<Phase> phases = (List<Phase>) sequence.get()[3];
          return IntStream.range(0, phases.size())
              .mapToObj(i -> arguments(mode, phases.get(i), phases.subList(0, i)));
        });
  }

  @ParameterizedTest(name = "{0} schema={1} validation={2}: {3}")
  @MethodSource("sequences")
  void walksTheSequencePhaseByPhase(Mode mode, boolean schema, boolean validation,
      List<Phase> expected) {
    MigrationTask task = Tasks.task(mode);
    task.getSpec().getSchema().setEnabled(schema);
    task.getSpec().getValidation().setEnabled(validation);

    for (Phase phase : expected) {
      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(phase, 0));
      PhaseRecorder.started(task.getStatus(), phase, NOW);
      assertThat(PhasePlanner.decide(task, NOW))
          .as("a running phase is decided again, so the caller finds its worker")
          .isEqualTo(new RunPhase(phase, 0));
      PhaseRecorder.succeeded(task.getStatus(), phase, NOW);
    }

    assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Complete());
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"Incremental", "All"})
  void reverseRunsAfterTheCutoverUntilItsFlagIsCleared(Mode mode) {
    MigrationTask task = Tasks.task(mode);
    task.getSpec().getCutover().setReverse(true);
    Tasks.succeed(task, PhasePlan.phasesFor(task.getSpec()).stream()
        .filter(phase -> phase != Reverse).toList());

    assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(Reverse, 0));
    PhaseRecorder.started(task.getStatus(), Reverse, NOW);
    assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(Reverse, 0));

    task.getSpec().getCutover().setReverse(false);
    assertThat(PhasePlanner.decide(task, NOW))
        .as("once the flag is cleared the reverse phase is no longer planned")
        .isEqualTo(new Complete());
  }

  @Test
  void aSucceededReversePhaseCompletesTheTask() {
    MigrationTask task = Tasks.task(Mode.All);
    task.getSpec().getCutover().setReverse(true);
    Tasks.succeed(task, PhasePlan.phasesFor(task.getSpec()));

    assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Complete());
  }

  @Test
  void aTaskWithoutStatusStartsWithPrecheck() {
    MigrationTask task = Tasks.task(Mode.All);
    task.setStatus(null);

    assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(Precheck, 0));
  }

  @Nested
  class Completed {

    @Test
    void staysCompletedWhateverTheRestSays() {
      MigrationTask task = Tasks.task(Mode.All);
      task.getStatus().setPhase(Phase.Completed);
      task.getSpec().setSuspend(true);
      task.getMetadata().setGeneration(5L);
      task.getStatus().setRetry(Tasks.retry(Precheck, 2, NOW.plusSeconds(60), ERROR));

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Complete());
    }
  }

  @Nested
  class Failed {

    @ParameterizedTest(name = "{0}: failed in {1}")
    @MethodSource("dev.ferry.api.plan.PhasePlannerTest#everyPhaseOfEveryMode")
    void staysFailedWithTheLastErrorWhileTheSpecIsUnchanged(Mode mode, Phase failed,
        List<Phase> before) {
      MigrationTask task = failedIn(mode, failed, before);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Fail(ERROR));
    }

    @ParameterizedTest(name = "{0}: failed in {1}")
    @MethodSource("dev.ferry.api.plan.PhasePlannerTest#everyPhaseOfEveryMode")
    void resumesTheFailedPhaseAfterASpecEdit(Mode mode, Phase failed, List<Phase> before) {
      MigrationTask task = failedIn(mode, failed, before);
      task.getMetadata().setGeneration(2L);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Resume(failed));
    }

    @Test
    void failsWithAGenericReasonWhenNoErrorWasRecorded() {
      MigrationTask task = Tasks.task(Mode.Full);
      task.getStatus().setPhase(Phase.Failed);

      assertThat(PhasePlanner.decide(task, NOW))
          .isEqualTo(new Fail(PhasePlanner.UNKNOWN_FAILURE));
    }

    @Test
    void staysFailedWhenTheGenerationIsUnknown() {
      MigrationTask task = failedIn(Mode.Full, FullLoad, List.of(Precheck, Schema));
      task.getMetadata().setGeneration(null);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Fail(ERROR));
    }

    @Test
    void staysFailedWhenNoGenerationWasObserved() {
      MigrationTask task = failedIn(Mode.Full, FullLoad, List.of(Precheck, Schema));
      task.getMetadata().setGeneration(3L);
      task.getStatus().setObservedGeneration(null);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Fail(ERROR));
    }

    @Test
    void staysFailedWhenSuspendedWithoutAnEdit() {
      MigrationTask task = failedIn(Mode.All, Incremental, List.of(Precheck, Schema, FullLoad));
      task.getSpec().setSuspend(true);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Fail(ERROR));
    }

    @Test
    void aSpecEditThatSuspendsSuspends() {
      MigrationTask task = failedIn(Mode.All, Incremental, List.of(Precheck, Schema, FullLoad));
      task.getMetadata().setGeneration(2L);
      task.getSpec().setSuspend(true);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Suspend());
    }

    @Test
    void afterSuspendingAFailedTaskUnsuspendingRunsTheFailedPhaseAfresh() {
      MigrationTask task = failedIn(Mode.All, Incremental, List.of(Precheck, Schema, FullLoad));
      task.getStatus().setPhase(Phase.Suspended);
      task.getStatus().setObservedGeneration(2L);
      task.getMetadata().setGeneration(3L);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(Incremental, 0));
    }

    @Test
    void completesWhenTheEditRemovedTheFailedPhase() {
      MigrationTask task = failedIn(Mode.Full, Validation, List.of(Precheck, Schema, FullLoad));
      task.getSpec().getValidation().setEnabled(false);
      task.getMetadata().setGeneration(2L);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Complete());
    }

    /** A task whose retries for {@code failed} ran out (no next attempt), spec unchanged. */
    private MigrationTask failedIn(Mode mode, Phase failed, List<Phase> before) {
      MigrationTask task = Tasks.task(mode);
      Tasks.succeed(task, before);
      task.getStatus().getPhases().add(Tasks.record(failed, PhaseOutcome.Failed));
      task.getStatus().setPhase(Phase.Failed);
      task.getStatus().setRetry(Tasks.retry(failed, 9, null, ERROR));
      return task;
    }
  }

  @Nested
  class Suspended {

    @ParameterizedTest(name = "{0}: suspended in {1}")
    @MethodSource("dev.ferry.api.plan.PhasePlannerTest#everyPhaseOfEveryMode")
    void suspendsInEveryPhase(Mode mode, Phase current, List<Phase> before) {
      MigrationTask task = Tasks.task(mode);
      Tasks.succeed(task, before);
      PhaseRecorder.started(task.getStatus(), current, NOW);
      task.getSpec().setSuspend(true);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Suspend());
    }

    @ParameterizedTest(name = "{0}: retry of {1} pending")
    @MethodSource("dev.ferry.api.plan.PhasePlannerTest#everyPhaseOfEveryMode")
    void suspendsWhileARetryIsPending(Mode mode, Phase current, List<Phase> before) {
      MigrationTask task = Tasks.task(mode);
      Tasks.succeed(task, before);
      task.getStatus().setRetry(Tasks.retry(current, 1, NOW.plusSeconds(5), ERROR));
      task.getSpec().setSuspend(true);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Suspend());
    }

    @Test
    void suspendsBeforeAnythingRan() {
      MigrationTask task = Tasks.task(Mode.Full);
      task.getSpec().setSuspend(true);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new Suspend());
    }

    @Test
    void continuesWithTheUnfinishedPhaseWhenUnsuspended() {
      MigrationTask task = Tasks.task(Mode.All);
      Tasks.succeed(task, List.of(Precheck, Schema));
      PhaseRecorder.started(task.getStatus(), FullLoad, NOW);
      task.getStatus().setPhase(Phase.Suspended);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(FullLoad, 0));
    }
  }

  @Nested
  class Retry {

    @Test
    void waitsUntilTheNextAttempt() {
      MigrationTask task = retrying(NOW.plusSeconds(20));

      assertThat(PhasePlanner.decide(task, NOW))
          .isEqualTo(new WaitForRetry(FullLoad, NOW.plusSeconds(20)));
    }

    @Test
    void runsTheRetryWhenItIsDueExactlyNow() {
      MigrationTask task = retrying(NOW);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(FullLoad, 3));
    }

    @Test
    void runsTheRetryWhenItIsOverdue() {
      MigrationTask task = retrying(NOW.minus(Duration.ofMinutes(3)));

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(FullLoad, 3));
    }

    @Test
    void ignoresARetryOfAnotherPhase() {
      MigrationTask task = retrying(NOW.plusSeconds(20));
      task.getStatus().getRetry().setPhase(Schema);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(FullLoad, 0));
    }

    @Test
    void ignoresARetryWithoutNextAttempt() {
      MigrationTask task = retrying(null);

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(FullLoad, 0));
    }

    @Test
    void ignoresANextAttemptThatIsNotATimestamp() {
      MigrationTask task = retrying(null);
      task.getStatus().getRetry().setNextAttemptAt("soon");

      assertThat(PhasePlanner.decide(task, NOW)).isEqualTo(new RunPhase(FullLoad, 0));
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"Precheck", "Schema", "FullLoad", "Incremental"})
    void keepsWaitingInAnyNonTerminalStatusPhase(Phase statusPhase) {
      MigrationTask task = retrying(NOW.plusSeconds(20));
      task.getStatus().setPhase(statusPhase);

      assertThat(PhasePlanner.decide(task, NOW)).isInstanceOf(WaitForRetry.class);
    }

    private MigrationTask retrying(Instant next) {
      MigrationTask task = Tasks.task(Mode.All);
      Tasks.succeed(task, List.of(Precheck, Schema));
      task.getStatus().getPhases().add(Tasks.record(FullLoad, PhaseOutcome.Failed));
      task.getStatus().setPhase(FullLoad);
      task.getStatus().setRetry(Tasks.retry(FullLoad, 3, next, ERROR));
      return task;
    }
  }
}
