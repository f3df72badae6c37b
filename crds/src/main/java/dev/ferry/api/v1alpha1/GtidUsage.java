package dev.ferry.api.v1alpha1;

/** Whether the binlog reader follows the source by GTID. */
public enum GtidUsage {
  /** Use GTIDs when the source has them enabled, file and position otherwise. */
  Auto,
  /** Require GTIDs; the precheck fails when the source does not have them. */
  On,
  /** Follow binlog file and position only. */
  Off
}
