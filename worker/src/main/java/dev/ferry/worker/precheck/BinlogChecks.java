package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.worker.binlog.GtidOrdering;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.meta.MetaSchema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Whether a source writes the binlog that incremental replication reads. */
final class BinlogChecks {

  /** What the schema history costs, as the precheck tells it. */
  private static final String HISTORY_COST = "the CDC decodes rows with its schema history: the"
      + " CREATE TABLE of every table in the migrated schemas, and one more per table each DDL"
      + " changes since the last restart, in " + MetaSchema.table("schema_history") + " on the"
      + " target, and each DDL replayed on empty copies of the tables in scratch databases "
      + MetaSchema.SCRATCH_PREFIX + "* there (dropped when the stream stops)";

  private BinlogChecks() {}

  static Finding enabled(SourceServer source) {
    return source.variables().isOn("log_bin") ? Finding.pass("log_bin is ON")
        : Finding.fail("the binary log is off (log_bin is OFF)",
            "start the server with log_bin (on Aurora/RDS: enable automated backups and set "
                + "binlog_format in the cluster parameter group), then restart it");
  }

  static Finding format(SourceServer source) {
    String format = source.variables().get("binlog_format").orElse("unknown");
    return format.equalsIgnoreCase("ROW") ? Finding.pass("binlog_format is ROW")
        : Finding.fail("binlog_format is " + format + "; row changes need ROW",
            "set binlog_format=ROW (SET GLOBAL binlog_format='ROW' and in the server's option "
                + "file or parameter group), then let open sessions reconnect");
  }

  /**
   * Row events carry whole rows: {@code binlog_row_image} is FULL, and MySQL does not log JSON
   * updates as diffs ({@code binlog_row_value_options=PARTIAL_JSON}), which the reader cannot
   * apply.
   */
  static Finding rowImage(SourceServer source) {
    String image = source.variables().get("binlog_row_image").orElse("FULL");
    if (!image.equalsIgnoreCase("FULL")) {
      return Finding.fail("binlog_row_image is " + image + "; updates and deletes need every "
              + "column", "set binlog_row_image=FULL (SET GLOBAL and in the option file or "
              + "parameter group)");
    }
    String valueOptions = source.variables().get("binlog_row_value_options").orElse("");
    return valueOptions.toUpperCase(Locale.ROOT).contains("PARTIAL_JSON")
        ? Finding.fail("binlog_row_value_options is " + valueOptions + "; JSON updates are "
                + "logged as partial diffs that the binlog reader cannot apply",
            "SET GLOBAL binlog_row_value_options='' and remove it from the option file (on "
                + "Aurora/RDS: reset binlog_row_value_options in the cluster parameter group)")
        : Finding.pass("binlog_row_image is FULL");
  }

  /**
   * {@code binlog_row_metadata}: no longer required, since the CDC decodes rows with its schema
   * history (the definitions at each binlog position). FULL lets it cross-check the history
   * against the column names the binlog then carries; MINIMAL is a warning with that remedy.
   * MySQL 5.7 (Aurora MySQL 2) and MariaDB before 10.5 have no such setting: the history alone.
   */
  static Finding rowMetadata(SourceServer source) {
    Optional<String> metadata = source.variables().get("binlog_row_metadata");
    if (metadata.isEmpty()) {
      return Finding.pass("the source has no binlog_row_metadata setting, so its binlog never"
          + " names columns; " + HISTORY_COST);
    }
    return metadata.get().equalsIgnoreCase("FULL")
        ? Finding.pass("binlog_row_metadata is FULL: the binlog names the columns, and the CDC"
            + " checks its schema history against them")
        : Finding.warn("binlog_row_metadata is " + metadata.get() + ": the binlog does not name"
                + " the columns, so nothing checks the CDC's schema history; " + HISTORY_COST,
            "nothing is required; for the check, SET GLOBAL binlog_row_metadata=FULL (and in"
                + " the option file, or the cluster parameter group on Aurora/RDS)");
  }

  /** The source has a server id, and the task's binlog reader does not reuse a known one. */
  static Finding serverId(SourceServer source) throws SQLException {
    long own = source.variables().number("server_id").orElse(0L);
    if (own == 0) {
      return Finding.fail("server_id is 0; a server with id 0 refuses binlog readers",
          "set server_id to a non-zero value unique in its replication topology");
    }
    Long reader = source.spec().getServerId();
    if (reader == null) {
      return Finding.pass("server_id is " + own);
    }
    if (reader == own) {
      return Finding.fail("spec serverId " + reader + " is the source's own server_id",
          "choose another serverId for this source in the task, or leave it out");
    }
    List<Long> replicas = replicaIds(source);
    return replicas.contains(reader)
        ? Finding.fail("spec serverId " + reader + " is already used by a replica of the source",
            "choose a serverId that no replica or binlog reader of this source uses")
        : Finding.pass("server_id is " + own + "; the binlog reader uses " + reader);
  }

  static Finding compression(SourceServer source) {
    String variable = source.info().flavor() == Flavor.MARIADB ? "log_bin_compress"
        : "binlog_transaction_compression";
    return source.variables().isOn(variable)
        ? Finding.fail(variable + " is ON; compressed binlog events cannot be replicated",
            "set " + variable + "=OFF (SET GLOBAL and in the option file or parameter group)")
        : Finding.pass("the binlog is not compressed");
  }

  /**
   * Which way the task follows the source's binlog and why: by GTID where the source's GTID sets
   * order positions and the task allows it, else by file and position. {@code gtid: Required}
   * on a source whose GTID sets do not order positions fails.
   */
  static Finding gtidMode(SourceServer source) throws SQLException {
    GtidUsage usage = source.spec().getGtid();
    if (usage == GtidUsage.Disabled) {
      return Finding.pass("the binlog is followed by file and position (gtid: Disabled)");
    }
    boolean mariaDb = source.info().flavor() == Flavor.MARIADB;
    Optional<String> broken = GtidOrdering.brokenBecause(source.connection(), source.info());
    if (broken.isEmpty()) {
      return Finding.pass((mariaDb ? "the binlog is followed by MariaDB GTID"
          : "gtid_mode is ON: the binlog is followed by GTID") + " (gtid: " + usage + ")");
    }
    String remedy = mariaDb
        ? "set gtid_strict_mode=ON on the source so that no domain's sequence goes backwards"
        : "enable GTIDs on the source: with enforce_gtid_consistency=ON, step gtid_mode up one"
            + " value at a time (OFF_PERMISSIVE, ON_PERMISSIVE, ON)";
    if (usage == GtidUsage.Required) {
      return Finding.fail("the task requires GTIDs (gtid: Required) but " + broken.get(),
          remedy + ", or set gtid: Auto or Disabled for this source");
    }
    String follows = "the binlog is followed by file and position (gtid: Auto), not by GTID: "
        + broken.get();
    return mariaDb || !source.variables().get("gtid_mode").orElse("OFF").equalsIgnoreCase("OFF")
        || gtidsExecuted(source)
        ? Finding.warn(follows, "nothing is needed for this task, but it cannot follow the"
            + " source to another server (failover) by GTID; to follow by GTID, " + remedy)
        : Finding.pass(follows);
  }

  /** Whether a MySQL source has executed transactions with GTIDs (a set it may not grow). */
  private static boolean gtidsExecuted(SourceServer source) throws SQLException {
    try (PreparedStatement statement = source.connection().prepareStatement(
            "SELECT @@GLOBAL.gtid_executed");
        ResultSet rs = statement.executeQuery()) {
      return rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank();
    }
  }

  /** Server ids of the replicas registered with the source (first column of both forms). */
  private static List<Long> replicaIds(SourceServer source) throws SQLException {
    ServerInfo info = source.info();
    boolean hasShowReplicas = info.flavor() == Flavor.MYSQL
        && (info.atLeast(8, 1) || (info.major() == 8 && info.patch() >= 22));
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement statement = source.connection().prepareStatement(
            hasShowReplicas ? "SHOW REPLICAS" : "SHOW SLAVE HOSTS");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
