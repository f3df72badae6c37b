package dev.ferry.worker.validation;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import java.util.List;

/**
 * The outcome of a validation run. Differences are an outcome, not an error: the caller (the
 * validation phase, {@code ferry validate}) decides what they mean, for example with
 * {@link #failure()}.
 *
 * @param passed whether every chunk of every table matched (after repair, when enabled)
 * @param differingTables source tables ({@code schema.table}) with chunks that still differ
 * @param keylessTables source tables compared as a whole (count and hash), having no usable key
 * @param chunksRepaired chunks re-copied from the source and equal on re-check
 */
public record ValidationResult(boolean passed, List<String> differingTables,
    List<String> keylessTables, int tablesChecked, long chunksMatched, long chunksMismatched,
    long chunksRepaired) {

  public ValidationResult {
    differingTables = List.copyOf(differingTables);
    keylessTables = List.copyOf(keylessTables);
  }

  /** The message for a failed validation: which tables differ and where to look. */
  public String failureMessage() {
    return "validation found differences in tables " + String.join(", ", differingTables)
        + "; see status.validation";
  }

  /** The error a phase fails with when differences remain (Fatal: retrying does not help). */
  public FerryException failure() {
    return new FerryException(FailureClass.Fatal, failureMessage());
  }
}
