package dev.ferry.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bounds that keep a MigrationTask status small (well under the 1 MiB object limit) whatever the
 * number of tables: every writer applies {@link #trim} before it patches the status.
 */
public final class StatusLimits {

  /** Tables listed in {@code status.fullLoad.tables} and {@code singleStreamTables}. */
  public static final int MAX_TABLES_IN_PROGRESS = 50;
  /** Chunks listed in {@code status.validation.mismatches}. */
  public static final int MAX_MISMATCHES = 20;
  /** Keys listed per mismatching chunk. */
  public static final int MAX_KEYS_PER_MISMATCH = 10;
  /** Tables listed in {@code status.replication.conflicts}. */
  public static final int MAX_CONFLICT_TABLES = 20;
  /** Precheck items kept. */
  public static final int MAX_PRECHECK_ITEMS = 64;
  /** Length of any free text (messages, remedies, keys, errors). */
  public static final int MAX_TEXT = 2048;

  private StatusLimits() {}

  /** Cuts every list and text of {@code status} to its bound, keeping the first entries. */
  public static MigrationTaskStatus trim(MigrationTaskStatus status) {
    if (status.getFullLoad() != null) {
      status.getFullLoad().setTables(head(status.getFullLoad().getTables(),
          MAX_TABLES_IN_PROGRESS));
      status.getFullLoad().setSingleStreamTables(head(
          status.getFullLoad().getSingleStreamTables(), MAX_TABLES_IN_PROGRESS));
    }
    if (status.getValidation() != null) {
      List<ChunkMismatch> mismatches = head(status.getValidation().getMismatches(),
          MAX_MISMATCHES);
      mismatches.forEach(mismatch -> {
        mismatch.setKeys(head(mismatch.getKeys(), MAX_KEYS_PER_MISMATCH).stream()
            .map(StatusLimits::text).toList());
        mismatch.setLowerKey(text(mismatch.getLowerKey()));
        mismatch.setUpperKey(text(mismatch.getUpperKey()));
      });
      status.getValidation().setMismatches(mismatches);
    }
    ifPresent(status.getReplication(), replication -> {
      List<TableConflicts> conflicts = head(replication.getConflicts(), MAX_CONFLICT_TABLES);
      conflicts.forEach(table -> table.setLast(text(table.getLast())));
      replication.setConflicts(conflicts);
    });
    if (status.getPrecheck() != null) {
      List<PrecheckItem> items = head(status.getPrecheck().getItems(), MAX_PRECHECK_ITEMS);
      items.forEach(item -> {
        item.setMessage(text(item.getMessage()));
        item.setRemedy(text(item.getRemedy()));
      });
      status.getPrecheck().setItems(items);
    }
    status.getConditions().forEach(condition -> condition.setMessage(text(condition.getMessage())));
    ifPresent(status.getRetry(), retry -> retry.setLastError(text(retry.getLastError())));
    status.setProgress(text(status.getProgress()));
    return status;
  }

  /** {@code value} cut to {@link #MAX_TEXT} characters, with an ellipsis when cut. */
  public static String text(String value) {
    if (value == null || value.length() <= MAX_TEXT) {
      return value;
    }
    return value.substring(0, MAX_TEXT - 1) + "…";
  }

  private static <T> List<T> head(List<T> list, int max) {
    return new ArrayList<>(list.size() <= max ? list : list.subList(0, max));
  }

  private static <T> void ifPresent(T value, Consumer<T> action) {
    if (value != null) {
      action.accept(value);
    }
  }
}
