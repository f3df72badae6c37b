package dev.ferry.worker.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.StatusLimits;
import dev.ferry.api.v1alpha1.WorstCaseStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run id a state file holds beside the status: created with the file, kept by writes; and
 * the file stays as small as the status it holds.
 */
class StateFileTest {

  @TempDir
  Path dir;

  @Test
  void aNewStateFileIsANewRunWhoseIdSurvivesEveryWrite() throws Exception {
    Path path = dir.resolve("t.status.yaml");
    StateFile file = new StateFile(path);
    assertThat(file.storedRunId()).isEmpty();

    String runId = file.runId();
    assertThat(runId).isNotBlank();
    assertThat(new StateFile(path).storedRunId()).contains(runId);
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPhase(Phase.FullLoad);
    file.write(status);

    StateFile reopened = new StateFile(path);
    assertThat(reopened.runId()).isEqualTo(runId);
    assertThat(reopened.read().getPhase()).isEqualTo(Phase.FullLoad);
    assertThat(Files.readString(path)).contains("runId: " + runId);

    Files.delete(path);
    assertThat(new StateFile(path).runId()).isNotEqualTo(runId);
  }

  @Test
  void aStateFileWrittenBeforeRunIdsGetsOneAndKeepsItsStatus() throws Exception {
    Path path = dir.resolve("old.status.yaml");
    Files.writeString(path, "phase: Incremental\n");
    StateFile file = new StateFile(path);

    String runId = file.runId();

    assertThat(new StateFile(path).storedRunId()).contains(runId);
    assertThat(new StateFile(path).read().getPhase()).isEqualTo(Phase.Incremental);
  }

  @Test
  void theStateFileOfTheWorstCaseTaskStaysUnderTheStatusBound() throws Exception {
    Path path = dir.resolve("big.status.yaml");
    LocalStatusSink sink = new LocalStatusSink(dir.resolve("big.yaml"), new MigrationTaskSpec(),
        new StateFile(path), Clock.systemUTC());

    sink.update(status -> {
      MigrationTaskStatus worst = WorstCaseStatus.build();
      status.setProgress(worst.getProgress());
      status.setConditions(worst.getConditions());
      status.setPhases(worst.getPhases());
      status.setPrecheck(worst.getPrecheck());
      status.setFullLoad(worst.getFullLoad());
      status.setCheckpoints(worst.getCheckpoints());
      status.setReplication(worst.getReplication());
      status.setValidation(worst.getValidation());
      status.setCutover(worst.getCutover());
      status.setReverse(worst.getReverse());
      status.setRetry(worst.getRetry());
      status.setWorker(worst.getWorker());
    });

    assertThat(Files.size(path)).as("state file in bytes")
        .isLessThan(StatusLimits.MAX_STATUS_BYTES);
    MigrationTaskStatus stored = new StateFile(path).read();
    assertThat(stored.getCheckpoints()).hasSize(StatusLimits.MAX_SOURCES);
    assertThat(stored.getFullLoad().getTablesTotal()).isEqualTo(WorstCaseStatus.TABLES);
  }
}
