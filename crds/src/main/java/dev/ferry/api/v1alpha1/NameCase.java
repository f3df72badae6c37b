package dev.ferry.api.v1alpha1;

/** Letter case of schema, table and column names on the target. */
public enum NameCase {
  /** Names as on the source. */
  Keep,
  /** Names in lower case. */
  Lower,
  /** Names in upper case. */
  Upper
}
