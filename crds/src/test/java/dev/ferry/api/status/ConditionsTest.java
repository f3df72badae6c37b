package dev.ferry.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-01T00:05:00Z");

  @Test
  void transitionTimeChangesOnlyWhenTheStatusFlips() {
    MigrationTaskStatus status = new MigrationTaskStatus();
    Conditions.set(status, ConditionType.Reconciling, true, "FullLoad", "copying", 1L, T1);
    Conditions.set(status, ConditionType.Reconciling, true, "FullLoad", "42%", 2L, T2);

    Condition reconciling = Conditions.find(status, ConditionType.Reconciling).orElseThrow();
    assertThat(reconciling.getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(reconciling.getMessage()).isEqualTo("42%");
    assertThat(reconciling.getObservedGeneration()).isEqualTo(2L);

    Conditions.set(status, ConditionType.Reconciling, false, "Completed", "done", 2L, T2);
    assertThat(Conditions.find(status, ConditionType.Reconciling).orElseThrow()
        .getLastTransitionTime()).isEqualTo(T2.toString());
    assertThat(status.getConditions()).hasSize(1);
  }

  @Test
  void isTrueOnlyForPresentTrueConditions() {
    MigrationTaskStatus status = new MigrationTaskStatus();
    assertThat(Conditions.isTrue(status, ConditionType.Ready)).isFalse();
    Conditions.set(status, ConditionType.Ready, false, "Running", "", null, T1);
    assertThat(Conditions.isTrue(status, ConditionType.Ready)).isFalse();
    Conditions.set(status, ConditionType.Ready, true, "Completed", "", null, T1);
    assertThat(Conditions.isTrue(status, ConditionType.Ready)).isTrue();
  }

  @Test
  void phasesReachTheirMilestones() {
    assertThat(ConditionType.milestoneOf(Phase.Precheck)).contains(ConditionType.PrecheckPassed);
    assertThat(ConditionType.milestoneOf(Phase.Schema)).contains(ConditionType.SchemaMigrated);
    assertThat(ConditionType.milestoneOf(Phase.FullLoad)).contains(ConditionType.FullLoadComplete);
    assertThat(ConditionType.milestoneOf(Phase.Validation)).contains(ConditionType.Validated);
    assertThat(ConditionType.milestoneOf(Phase.Incremental)).isEmpty();
  }
}
