package dev.ferry.api.v1alpha1;

/** Outcome of one precheck item. */
public enum CheckResult {
  /** The check passed. */
  Pass,
  /** The task can run, but read the message. */
  Warn,
  /** The task cannot run until this is fixed. */
  Fail,
  /** Skipped on request (spec.precheck.ignore) or not applicable. */
  Skipped
}
