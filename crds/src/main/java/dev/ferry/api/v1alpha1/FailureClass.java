package dev.ferry.api.v1alpha1;

/** Kind of failure, which decides the retry window. */
public enum FailureClass {
  /** A database or network connection failed; retried within retry.connectionWindow. */
  Connection,
  /** Any other retryable error (a failed statement, for example); retried within retry.otherWindow. */
  Other,
  /** An error that retrying cannot fix (a purged binlog, an invalid setting); the task fails at once. */
  Fatal
}
