package dev.ferry.kubectl;

/** Exit codes of {@code kubectl ferry}; scripts rely on them. */
final class PluginExitCodes {

  /** Done (for cutover: the task completed). */
  static final int DONE = 0;
  /** Bad usage of the command line. */
  static final int USAGE = 1;
  /** The API server refused or failed (no such task, no permission, unreachable). */
  static final int ERROR = 2;
  /** The command does not apply to the task as it stands (retry of a task that has not failed). */
  static final int NOT_APPLICABLE = 3;
  /** cutover: the task failed. */
  static final int FAILED = 4;
  /** cutover: the timeout passed before the task completed; the request stays set. */
  static final int TIMEOUT = 5;

  private PluginExitCodes() {}
}
