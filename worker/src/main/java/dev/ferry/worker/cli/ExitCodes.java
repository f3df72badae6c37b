package dev.ferry.worker.cli;

/** Exit codes of the {@code ferry} command line; scripts rely on them. */
public final class ExitCodes {

  /** The task (or the command) completed. */
  public static final int DONE = 0;
  /** Bad usage of the command line. */
  public static final int USAGE = 1;
  /** The manifest is invalid; every problem was printed. */
  public static final int INVALID_MANIFEST = 2;
  /** The precheck failed; its items were printed. */
  public static final int PRECHECK_FAILED = 3;
  /** The task failed after its retry windows (or fatally). */
  public static final int FAILED = 4;
  /** The task is suspended by spec.suspend. */
  public static final int SUSPENDED = 5;
  /** Validation found tables whose data differ; they were printed. */
  public static final int DIFFERENCES = 6;
  /** Interrupted (Ctrl-C); the checkpoint was saved. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
