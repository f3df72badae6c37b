package dev.ferry.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadinessTest {

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"Precheck", "Schema", "FullLoad", "Incremental",
      "Validation"})
  void notReadyWhileTheMigrationRuns(Phase phase) {
    assertThat(Readiness.whileRunning(phase))
        .isEqualTo(new Readiness(false, phase.name(), "migration in progress"));
  }

  @Test
  void readyWhileTheReverseStreamRuns() {
    Readiness readiness = Readiness.whileRunning(Phase.Reverse);

    assertThat(readiness.ready()).isTrue();
    assertThat(readiness.reason()).isEqualTo("CutoverComplete");
    assertThat(readiness.message()).contains("spec.cutover.reverse is false");
  }
}
