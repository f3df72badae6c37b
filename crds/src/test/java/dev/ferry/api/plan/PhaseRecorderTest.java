package dev.ferry.api.plan;

import static dev.ferry.api.plan.Tasks.NOW;
import static dev.ferry.api.v1alpha1.Phase.FullLoad;
import static dev.ferry.api.v1alpha1.Phase.Precheck;
import static dev.ferry.api.v1alpha1.Phase.Schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.PhaseOutcome;
import dev.ferry.api.v1alpha1.PhaseRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhaseRecorderTest {

  private static final Instant LATER = NOW.plus(Duration.ofMinutes(7));

  private final MigrationTaskStatus status = new MigrationTaskStatus();

  @Test
  void startedAddsARunningRecord() {
    PhaseRecorder.started(status, Precheck, NOW);

    assertThat(status.getPhases()).singleElement().satisfies(record -> {
      assertThat(record.getPhase()).isEqualTo(Precheck);
      assertThat(record.getOutcome()).isEqualTo(PhaseOutcome.Running);
      assertThat(record.getStartedAt()).isEqualTo("2025-03-01T12:00:00Z");
      assertThat(record.getCompletedAt()).isNull();
    });
  }

  @Test
  void aRetriedPhaseKeepsItsFirstStartTime() {
    PhaseRecorder.started(status, FullLoad, NOW);
    PhaseRecorder.failed(status, FullLoad);
    PhaseRecorder.started(status, FullLoad, LATER);

    assertThat(record(FullLoad).getStartedAt()).isEqualTo(NOW.toString());
    assertThat(record(FullLoad).getOutcome()).isEqualTo(PhaseOutcome.Running);
  }

  @Test
  void succeededMarksTheRecordAndEndsTheFailureStreak() {
    PhaseRecorder.started(status, Schema, NOW);
    status.setRetry(Tasks.retry(Schema, 2, NOW, "boom"));

    PhaseRecorder.succeeded(status, Schema, LATER);

    assertThat(record(Schema).getOutcome()).isEqualTo(PhaseOutcome.Succeeded);
    assertThat(record(Schema).getStartedAt()).isEqualTo(NOW.toString());
    assertThat(record(Schema).getCompletedAt()).isEqualTo(LATER.toString());
    assertThat(status.getRetry()).isNull();
  }

  @Test
  void succeededWithoutARecordedStartAddsTheRecord() {
    PhaseRecorder.succeeded(status, Precheck, LATER);

    assertThat(record(Precheck).getOutcome()).isEqualTo(PhaseOutcome.Succeeded);
    assertThat(record(Precheck).getStartedAt()).isNull();
    assertThat(record(Precheck).getCompletedAt()).isEqualTo(LATER.toString());
  }

  @Test
  void failedMarksTheRecordAndKeepsTheRetryState() {
    PhaseRecorder.started(status, FullLoad, NOW);
    status.setRetry(Tasks.retry(FullLoad, 1, LATER, "boom"));

    PhaseRecorder.failed(status, FullLoad);

    assertThat(record(FullLoad).getOutcome()).isEqualTo(PhaseOutcome.Failed);
    assertThat(record(FullLoad).getCompletedAt()).isNull();
    assertThat(status.getRetry()).isNotNull();
  }

  @Test
  void restartingASucceededPhaseClearsItsCompletionTime() {
    PhaseRecorder.started(status, Precheck, NOW);
    PhaseRecorder.succeeded(status, Precheck, NOW);

    PhaseRecorder.started(status, Precheck, LATER);

    assertThat(record(Precheck).getCompletedAt()).isNull();
    assertThat(record(Precheck).getOutcome()).isEqualTo(PhaseOutcome.Running);
  }

  @Test
  void manyRetriesKeepOneRecordPerPhaseInFirstStartOrder() {
    PhaseRecorder.started(status, Precheck, NOW);
    PhaseRecorder.succeeded(status, Precheck, NOW);
    for (int attempt = 0; attempt < 50; attempt++) {
      Instant at = NOW.plusSeconds(attempt);
      PhaseRecorder.started(status, Schema, at);
      PhaseRecorder.failed(status, Schema);
      PhaseRecorder.started(status, FullLoad, at);
      PhaseRecorder.failed(status, FullLoad);
    }
    PhaseRecorder.started(status, Precheck, LATER);

    assertThat(status.getPhases()).extracting(PhaseRecord::getPhase)
        .containsExactly(Precheck, Schema, FullLoad);
  }

  private PhaseRecord record(Phase phase) {
    return status.getPhases().stream()
        .filter(record -> record.getPhase() == phase)
        .findFirst()
        .orElseThrow();
  }
}
