package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;
import dev.ferry.worker.meta.LedgerTable;
import dev.ferry.worker.meta.MetaSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The lane checkpoints of one task and source in {@code ferry_meta.cdc_checkpoints} on the
 * target: one row per lane, updated in the same target transaction as the rows the lane applies,
 * so a checkpoint and the changes it covers commit together or not at all. Times are UTC.
 */
final class LaneCheckpoints {

  private static final String NAME = "cdc_checkpoints";
  static final String TABLE = MetaSchema.table(NAME);

  private static final String COORDINATES = "file = ?, position = ?, gtid_set = ?, event_time = ?";

  private final String taskId;
  private final String source;

  LaneCheckpoints(String taskId, String source) {
    this.taskId = taskId;
    this.source = source;
  }

  /** Creates the meta schema and the table when missing. */
  static void ensureTable(Connection target) throws SQLException {
    LedgerTable.create(target, NAME,
        "task_id VARCHAR(320) NOT NULL, source VARCHAR(253) NOT NULL, lane INT NOT NULL,"
            + " lane_count INT NOT NULL, file VARCHAR(512) NOT NULL, position BIGINT NOT NULL,"
            + " gtid_set MEDIUMTEXT NULL, event_time DATETIME(6) NULL,"
            + " safe_mode_file VARCHAR(512) NULL, safe_mode_position BIGINT NULL,"
            + " safe_mode_gtid_set MEDIUMTEXT NULL, updated_at DATETIME(6) NOT NULL,"
            + " PRIMARY KEY (task_id, source, lane)");
  }

  /** The stored rows, by lane. */
  List<LaneRow> read(Connection target) throws SQLException {
    List<LaneRow> rows = new ArrayList<>();
    try (PreparedStatement statement = target.prepareStatement("SELECT lane, lane_count, file,"
        + " position, gtid_set, event_time, safe_mode_file, safe_mode_position,"
        + " safe_mode_gtid_set FROM " + TABLE + " WHERE task_id = ? AND source = ? ORDER BY lane")) {
      statement.setString(1, taskId);
      statement.setString(2, source);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          LocalDateTime eventTime = rs.getObject(6, LocalDateTime.class);
          Position safe = rs.getString(7) == null ? null
              : Position.of(rs.getString(7), rs.getLong(8), rs.getString(9));
          rows.add(new LaneRow(rs.getInt(1), rs.getInt(2), new AppliedPosition(
              Position.of(rs.getString(3), rs.getLong(4), rs.getString(5)),
              eventTime == null ? null : eventTime.toInstant(ZoneOffset.UTC)), safe));
        }
      }
    }
    return rows;
  }

  /**
   * Replaces the rows by {@code laneCount} lanes all at {@code at}, remembering that changes up
   * to {@code safeModeUntil} (null: none) must be applied idempotently. The caller commits.
   */
  void replace(Connection target, int laneCount, AppliedPosition at,
      Position safeModeUntil) throws SQLException {
    try (PreparedStatement delete = target.prepareStatement(
        "DELETE FROM " + TABLE + " WHERE task_id = ? AND source = ?")) {
      delete.setString(1, taskId);
      delete.setString(2, source);
      delete.executeUpdate();
    }
    try (PreparedStatement insert = target.prepareStatement("INSERT INTO " + TABLE
        + " (task_id, source, lane, lane_count, file, position, gtid_set, event_time,"
        + " safe_mode_file, safe_mode_position, safe_mode_gtid_set, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))")) {
      for (int lane = 0; lane < laneCount; lane++) {
        insert.setString(1, taskId);
        insert.setString(2, source);
        insert.setInt(3, lane);
        insert.setInt(4, laneCount);
        bindPosition(insert, 5, at);
        insert.setString(9, safeModeUntil == null ? null : safeModeUntil.file());
        if (safeModeUntil == null) {
          insert.setNull(10, Types.BIGINT);
        } else {
          insert.setLong(10, safeModeUntil.offset());
        }
        insert.setString(11, safeModeUntil == null ? null : safeModeUntil.gtidText());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Moves one lane's row to {@code at}. The caller commits, with the lane's rows. */
  void write(Connection target, int lane, AppliedPosition at) throws SQLException {
    try (PreparedStatement update = target.prepareStatement("UPDATE " + TABLE + " SET "
        + COORDINATES + ", updated_at = UTC_TIMESTAMP(6)"
        + " WHERE task_id = ? AND source = ? AND lane = ?")) {
      bindPosition(update, 1, at);
      update.setString(5, taskId);
      update.setString(6, source);
      update.setInt(7, lane);
      if (update.executeUpdate() != 1) {
        throw new SQLException("The CDC checkpoint row of lane " + lane + " of source '" + source
            + "' is missing from " + TABLE + "; it was deleted while the task ran");
      }
    }
  }

  /** Moves every lane's row to {@code at}. The caller commits. */
  void writeAll(Connection target, AppliedPosition at) throws SQLException {
    try (PreparedStatement update = target.prepareStatement("UPDATE " + TABLE + " SET "
        + COORDINATES + ", updated_at = UTC_TIMESTAMP(6) WHERE task_id = ? AND source = ?")) {
      bindPosition(update, 1, at);
      update.setString(5, taskId);
      update.setString(6, source);
      update.executeUpdate();
    }
  }

  private static void bindPosition(PreparedStatement statement, int first, AppliedPosition at)
      throws SQLException {
    statement.setString(first, at.position().file());
    statement.setLong(first + 1, at.position().offset());
    statement.setString(first + 2, at.position().gtidText());
    Instant time = at.eventTime();
    statement.setObject(first + 3,
        time == null ? null : LocalDateTime.ofInstant(time, ZoneOffset.UTC));
  }
}
