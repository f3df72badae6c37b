package dev.ferry.api.v1alpha1;

/** A precheck item that can be skipped. */
public enum PrecheckItemName {
  /** Source server version and flavour are supported. */
  SourceVersion,
  /** Target server version and flavour are supported. */
  TargetVersion,
  /** Source writes a binlog (log_bin ON). */
  BinlogEnabled,
  /** Source binlog_format is ROW. */
  BinlogFormat,
  /** Source binlog_row_image is FULL. */
  BinlogRowImage,
  /**
   * Source binlog_row_metadata (a warning when MINIMAL: the CDC's schema history is then not
   * cross-checked against column names in the binlog).
   */
  BinlogRowMetadata,
  /** Source has a server_id set. */
  ServerId,
  /** Source keeps binlogs long enough for the migration. */
  BinlogRetention,
  /** Source binlog is not compressed. */
  BinlogCompression,
  /** Source GTID mode fits spec gtid. */
  GtidMode,
  /** Source user has the privileges the task needs. */
  SourcePrivileges,
  /** Target user has the privileges the task needs. */
  TargetPrivileges,
  /** The source user can fence the source at cutover as spec.cutover.fence asks. */
  CutoverFence,
  /** Every migrated table has a primary key or a unique NOT NULL key. */
  PrimaryKeys,
  /** Every foreign key with a cascading rule joins two migrated tables (or none). */
  ForeignKeyCascades,
  /** Tables to create do not exist on the target yet. */
  ConflictingTables,
  /** The target holds no state of another run of this task (see spec.onStaleState). */
  StaleState,
  /** The target supports every charset and collation in use. */
  Charsets,
  /** Objects that are not migrated (events, for example) are listed. */
  UnsupportedObjects,
  /** Table count and data size estimate. */
  Size
}
