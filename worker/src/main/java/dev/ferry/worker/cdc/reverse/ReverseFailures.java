package dev.ferry.worker.cdc.reverse;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.task.Interruptions;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * How failures of the reverse stream are reported. The one that needs a person most: the old
 * source was fenced read-only at the cutover, and the account Ferry writes with may not write
 * past {@code read_only}. Ferry never lifts the fence itself (stray application writes would make
 * the old source diverge), so the message names the privilege that lets it write, and the
 * alternative.
 */
final class ReverseFailures {

  /** ER_OPTION_PREVENTS_STATEMENT: an option of the server (here read_only) forbids it. */
  static final int OPTION_PREVENTS_STATEMENT = 1290;

  private ReverseFailures() {}

  /**
   * {@code failure} as the reverse stream into {@code source} reports it.
   *
   * @throws InterruptedException when the failure is the stream being stopped
   */
  static FerryException explain(String source, Exception failure) throws InterruptedException {
    Optional<SQLException> refusal = readOnlyRefusal(failure);
    if (refusal.isPresent()) {
      return new FerryException(FailureClass.Other, "the reverse stream cannot write to the old"
          + " source " + source + ": it is read-only (" + refusal.get().getMessage() + "), fenced"
          + " at the cutover. Ferry does not lift the fence, since stray application writes"
          + " would diverge from the new target. Grant the source user READ_ONLY ADMIN"
          + " (MariaDB 10.11 and later; SUPER before) or CONNECTION_ADMIN (MySQL 8; SUPER before),"
          + " which may write while read_only is ON (not with super_read_only), or use"
          + " spec.cutover.fence: None and stop the application's writes to the old source"
          + " yourself; the stream resumes from its checkpoint", failure);
    }
    String what = "the reverse stream from the new target into the old source " + source;
    if (failure instanceof FerryException ferry) {
      return new FerryException(ferry.failureClass(), what + ": " + ferry.getMessage(), ferry);
    }
    if (failure instanceof SQLException sql) {
      return Interruptions.failed(what, sql);
    }
    return new FerryException(FailureClass.Other, what + " failed: " + failure, failure);
  }

  /** The read-only refusal among the causes of {@code failure}, if there is one. */
  static Optional<SQLException> readOnlyRefusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getErrorCode() == OPTION_PREVENTS_STATEMENT
          && sql.getMessage() != null
          && sql.getMessage().toLowerCase(Locale.ROOT).matches("(?s).*read[-_]only.*")) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }
}
