package dev.ferry.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.RetryStatus;
import dev.ferry.api.v1alpha1.WorkerStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewTest {

  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");

  @Test
  void aRetryingFullLoadShowsProgressTheRetryWindowAndTheLastError() {
    MigrationTask task = task(Mode.Full);
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setPhase(Phase.FullLoad);
    status.setProgress("42%");
    FullLoadStatus load = new FullLoadStatus();
    load.setTablesDone(1);
    load.setTablesTotal(3);
    load.setChunksDone(42L);
    load.setChunksTotal(100L);
    load.setRowsCopied(4200L);
    load.setRowsEstimated(10000L);
    status.setFullLoad(load);
    RetryStatus retry = new RetryStatus();
    retry.setPhase(Phase.FullLoad);
    retry.setAttempt(2);
    retry.setFailureClass(FailureClass.Connection);
    retry.setNextAttemptAt("2026-12-07T04:01:00Z");
    retry.setWindowEndsAt("2026-12-07T16:00:00Z");
    retry.setLastError("lost connection to the source");
    status.setRetry(retry);
    WorkerStatus worker = new WorkerStatus();
    worker.setPhase(Phase.FullLoad);
    worker.setPods(List.of("orders-fullload-a2-s0"));
    worker.setStartedAt("2026-12-07T03:50:00Z");
    status.setWorker(worker);
    task.setStatus(status);

    assertThat(StatusView.render(task, NOW)).contains(
        "Phase:       FullLoad  progress 42%",
        "Worker:      phase FullLoad, attempt 1, pod(s) orders-fullload-a2-s0, running for 10m",
        "Full load:   tables 1/3, chunks 42/100, rows 4200/10000",
        "Retry:       phase FullLoad, 2 failed attempt(s), class Connection, next attempt at"
            + " 2026-12-07T04:01:00Z, window ends at 2026-12-07T16:00:00Z",
        "Last error:  lost connection to the source");
  }

  @Test
  void aTaskWithoutStatusSaysItHasNotStarted() {
    assertThat(StatusView.render(task(Mode.All), NOW)).contains("Phase:       not started",
        "Conditions:  none yet").doesNotContain("Retry:", "Cutover:");
  }

  private static MigrationTask task(Mode mode) {
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("orders").build());
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(mode);
    task.setSpec(spec);
    return task;
  }
}
