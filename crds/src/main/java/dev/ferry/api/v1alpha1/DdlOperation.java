package dev.ferry.api.v1alpha1;

/** A schema change replicated from the binlog. */
public enum DdlOperation {
  /** CREATE TABLE. */
  Create,
  /** ALTER TABLE. */
  Alter,
  /** DROP TABLE. */
  Drop,
  /** RENAME TABLE. */
  Rename,
  /** TRUNCATE TABLE. */
  Truncate
}
