package dev.ferry.worker.validation;

import dev.ferry.api.position.Order;
import dev.ferry.api.position.Position;
import dev.ferry.worker.meta.MetaSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * How far the apply of each source has come, as committed on the target: the CDC lane
 * checkpoints in {@code ferry_meta.cdc_checkpoints}, which commit in the same target transaction
 * as the rows they cover. Every change of a source up to a position is on the target once every
 * lane's checkpoint is at or after it (an idle lane moves its checkpoint up within a second).
 * Reading the table, rather than asking the applier, keeps validation independent of it.
 */
final class AppliedPositions {

  /** The CDC checkpoint table, written by {@code dev.ferry.worker.cdc.apply.LaneCheckpoints}. */
  static final String TABLE = MetaSchema.table("cdc_checkpoints");

  private static final long POLL_MILLIS = 100;

  private final String taskId;

  AppliedPositions(String taskId) {
    this.taskId = taskId;
  }

  /** Whether every change of {@code source} up to {@code position} is committed on the target. */
  boolean passed(Connection target, String source, Position position)
      throws SQLException {
    boolean any = false;
    try (PreparedStatement statement = target.prepareStatement("SELECT file, position, gtid_set"
        + " FROM " + TABLE + " WHERE task_id = ? AND source = ?")) {
      statement.setString(1, taskId);
      statement.setString(2, source);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          any = true;
          Position lane = Position.of(rs.getString(1), rs.getLong(2), rs.getString(3));
          if (!passedBy(lane.relativeTo(position))) {
            return false;
          }
        }
      }
    }
    return any;
  }

  /** Whether a lane checkpoint in this order relative to a position has passed it. */
  private static boolean passedBy(Order order) {
    return switch (order) {
      case SAME, AFTER -> true;
      case BEFORE -> false;
      // A lane that cannot be ordered against the position has not passed it: the validation
      // waits (and defers the chunk) rather than compare too early.
      case INCOMPARABLE -> false;
    };
  }

  /**
   * Waits up to {@code bound} until the apply of every source has passed its position in
   * {@code positions}; false when it has not by then.
   */
  boolean await(Connection target, Map<String, Position> positions, Duration bound)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    for (Map.Entry<String, Position> entry : positions.entrySet()) {
      while (!passed(target, entry.getKey(), entry.getValue())) {
        if (System.nanoTime() >= deadline) {
          return false;
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
    return true;
  }
}
