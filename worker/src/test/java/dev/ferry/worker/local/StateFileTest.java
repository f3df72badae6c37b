package dev.ferry.worker.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run id a state file holds beside the status: created with the file, kept by writes. */
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
}
