package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.ReverseStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointGuardTest {

  @Test
  void aBackwardCheckpointIsReplacedByTheStoredOne() {
    MigrationTaskStatus stored = status(cp("a", 500), cp("b", 100));
    MigrationTaskStatus next = status(cp("a", 400), cp("b", 200));

    assertThat(CheckpointGuard.keepMonotonic(stored, next)).containsExactly("a");

    assertThat(next.getCheckpoints()).extracting(SourceCheckpoint::getPosition)
        .containsExactly(500L, 200L);
  }

  @Test
  void aDroppedCheckpointIsKept() {
    MigrationTaskStatus next = status(cp("b", 200));

    assertThat(CheckpointGuard.keepMonotonic(status(cp("a", 500)), next)).containsExactly("a");

    assertThat(next.getCheckpoints()).extracting(SourceCheckpoint::getSource)
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void forwardMovesAndFirstCheckpointsPass() {
    MigrationTaskStatus next = status(cp("a", 600));
    assertThat(CheckpointGuard.keepMonotonic(status(cp("a", 500)), next)).isEmpty();
    assertThat(CheckpointGuard.keepMonotonic(null, next)).isEmpty();
    assertThat(next.getCheckpoints()).extracting(SourceCheckpoint::getPosition)
        .containsExactly(600L);
  }

  @Test
  void theReverseCheckpointNeverMovesBackwardsNorDisappears() {
    MigrationTaskStatus stored = reverse(cp("src", 500));
    MigrationTaskStatus behind = reverse(cp("src", 400));
    MigrationTaskStatus dropped = new MigrationTaskStatus();
    MigrationTaskStatus ahead = reverse(cp("src", 600));

    assertThat(CheckpointGuard.keepMonotonic(stored, behind)).containsExactly("reverse");
    assertThat(CheckpointGuard.keepMonotonic(stored, dropped)).containsExactly("reverse");
    assertThat(CheckpointGuard.keepMonotonic(stored, ahead)).isEmpty();

    assertThat(behind.getReverse().getCheckpoint().getPosition()).isEqualTo(500L);
    assertThat(dropped.getReverse().getCheckpoint().getPosition()).isEqualTo(500L);
    assertThat(ahead.getReverse().getCheckpoint().getPosition()).isEqualTo(600L);
  }

  private static MigrationTaskStatus reverse(SourceCheckpoint checkpoint) {
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setReverse(new ReverseStatus());
    status.getReverse().setCheckpoint(checkpoint);
    return status;
  }

  private static MigrationTaskStatus status(SourceCheckpoint... checkpoints) {
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.getCheckpoints().addAll(List.of(checkpoints));
    return status;
  }

  private static SourceCheckpoint cp(String source, long position) {
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setSource(source);
    checkpoint.setFile("mysql-bin.000001");
    checkpoint.setPosition(position);
    return checkpoint;
  }
}
