package dev.ferry.api.plan;

import static dev.ferry.api.v1alpha1.Phase.FullLoad;
import static dev.ferry.api.v1alpha1.Phase.Incremental;
import static dev.ferry.api.v1alpha1.Phase.Precheck;
import static dev.ferry.api.v1alpha1.Phase.Reverse;
import static dev.ferry.api.v1alpha1.Phase.Schema;
import static dev.ferry.api.v1alpha1.Phase.Validation;
import static dev.ferry.api.v1alpha1.ValidationStage.AfterFullLoad;
import static dev.ferry.api.v1alpha1.ValidationStage.AtCutover;
import static dev.ferry.api.v1alpha1.ValidationStage.Continuous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.PhaseOutcome;
import dev.ferry.api.v1alpha1.ValidationStage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PhasePlanTest {

  @Test
  void fullRunsPrecheckSchemaFullLoadAndValidation() {
    assertThat(PhasePlan.phasesFor(spec(Mode.Full)))
        .containsExactly(Precheck, Schema, FullLoad, Validation);
  }

  @Test
  void incrementalRunsPrecheckIncrementalAndValidation() {
    assertThat(PhasePlan.phasesFor(spec(Mode.Incremental)))
        .containsExactly(Precheck, Incremental, Validation);
  }

  @Test
  void allRunsEveryPhase() {
    assertThat(PhasePlan.phasesFor(spec(Mode.All)))
        .containsExactly(Precheck, Schema, FullLoad, Incremental, Validation);
  }

  @Test
  void schemaDisabledSkipsSchemaInFullAndAll() {
    MigrationTaskSpec full = spec(Mode.Full);
    full.getSchema().setEnabled(false);
    MigrationTaskSpec all = spec(Mode.All);
    all.getSchema().setEnabled(false);

    assertThat(PhasePlan.phasesFor(full)).containsExactly(Precheck, FullLoad, Validation);
    assertThat(PhasePlan.phasesFor(all))
        .containsExactly(Precheck, FullLoad, Incremental, Validation);
  }

  @Test
  void incrementalNeverRunsSchemaEvenWhenEnabled() {
    MigrationTaskSpec spec = spec(Mode.Incremental);
    spec.getSchema().setEnabled(true);

    assertThat(PhasePlan.phasesFor(spec)).doesNotContain(Schema, FullLoad);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void validationDisabledSkipsValidation(Mode mode) {
    MigrationTaskSpec spec = spec(mode);
    spec.getValidation().setEnabled(false);

    assertThat(PhasePlan.phasesFor(spec)).doesNotContain(Validation);
  }

  static Stream<Arguments> validationStages() {
    return Stream.of(
        arguments(Mode.Full, List.of(AfterFullLoad), true),
        arguments(Mode.Full, List.of(AtCutover), false),
        arguments(Mode.Full, List.of(Continuous), false),
        arguments(Mode.Full, List.of(), false),
        arguments(Mode.Incremental, List.of(AtCutover), true),
        arguments(Mode.Incremental, List.of(AfterFullLoad), false),
        arguments(Mode.Incremental, List.of(Continuous), false),
        arguments(Mode.Incremental, List.of(), false),
        arguments(Mode.All, List.of(AtCutover), true),
        arguments(Mode.All, List.of(AfterFullLoad, Continuous), false),
        arguments(Mode.All, List.of(), false));
  }

  @ParameterizedTest(name = "{0} when={1} validates={2}")
  @MethodSource("validationStages")
  void validationRunsOnlyAtTheStageOfTheMode(Mode mode, List<ValidationStage> when,
      boolean validates) {
    MigrationTaskSpec spec = spec(mode);
    spec.getValidation().setWhen(new ArrayList<>(when));

    assertThat(PhasePlan.phasesFor(spec).contains(Validation)).isEqualTo(validates);
    if (validates) {
      assertThat(PhasePlan.phasesFor(spec)).last().isEqualTo(Validation);
    }
  }

  @Test
  void reverseRunsLastAfterTheCutoverValidation() {
    MigrationTaskSpec all = spec(Mode.All);
    all.getCutover().setReverse(true);
    MigrationTaskSpec incremental = spec(Mode.Incremental);
    incremental.getCutover().setReverse(true);
    incremental.getValidation().setEnabled(false);

    assertThat(PhasePlan.phasesFor(all))
        .containsExactly(Precheck, Schema, FullLoad, Incremental, Validation, Reverse);
    assertThat(PhasePlan.phasesFor(incremental)).containsExactly(Precheck, Incremental, Reverse);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withoutTheReverseFlagThereIsNoReversePhase(Mode mode) {
    assertThat(PhasePlan.phasesFor(spec(mode))).doesNotContain(Reverse);
  }

  @Test
  void fullNeverReverses() {
    MigrationTaskSpec full = spec(Mode.Full);
    full.getCutover().setReverse(true);

    assertThat(PhasePlan.phasesFor(full)).doesNotContain(Reverse);
  }

  @Test
  void aSpecWithoutModeIsRejected() {
    assertThatThrownBy(() -> PhasePlan.phasesFor(new MigrationTaskSpec()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("spec.mode");
  }

  @Test
  void nextPhaseIsTheFirstNotSucceeded() {
    MigrationTask task = Tasks.task(Mode.All);
    Tasks.succeed(task, List.of(Precheck, Schema));
    task.getStatus().getPhases().add(Tasks.record(FullLoad, PhaseOutcome.Failed));

    assertThat(PhasePlan.nextPhase(task.getSpec(), task.getStatus())).contains(FullLoad);
  }

  @Test
  void aRunningPhaseIsNotDone() {
    MigrationTask task = Tasks.task(Mode.Full);
    task.getStatus().getPhases().add(Tasks.record(Precheck, PhaseOutcome.Running));

    assertThat(PhasePlan.isDone(task.getStatus(), Precheck)).isFalse();
    assertThat(PhasePlan.nextPhase(task.getSpec(), task.getStatus())).contains(Precheck);
  }

  @Test
  void withoutStatusNothingIsDone() {
    assertThat(PhasePlan.isDone(null, Precheck)).isFalse();
    assertThat(PhasePlan.nextPhase(spec(Mode.Full), null)).contains(Precheck);
  }

  @Test
  void noNextPhaseOnceEveryPhaseSucceeded() {
    MigrationTask task = Tasks.task(Mode.Incremental);
    Tasks.succeed(task, List.of(Precheck, Incremental, Validation));

    assertThat(PhasePlan.nextPhase(task.getSpec(), task.getStatus())).isEmpty();
  }

  @Test
  void phasesSucceededOutsideThePlanDoNotCount() {
    MigrationTask task = Tasks.task(Mode.Incremental);
    Tasks.succeed(task, List.of(Phase.Schema, Phase.FullLoad));

    assertThat(PhasePlan.nextPhase(task.getSpec(), task.getStatus())).contains(Precheck);
  }

  private static MigrationTaskSpec spec(Mode mode) {
    return Tasks.task(mode).getSpec();
  }
}
