package dev.ferry.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bounds that keep a MigrationTask status, and the state file of {@code ferry run} that holds the
 * same status, below {@value #MAX_STATUS_BYTES} bytes (256 KiB, a quarter of the 1 MiB object
 * limit) whatever the number of tables: every writer applies {@link #trim} before it patches the
 * status. Per-table detail is a list of the first entries; the totals (tables, chunks, rows,
 * conflicts, mismatches) are counts beside it.
 *
 * <p>Every list of the status has a bound here. The detail lists (tables in progress, single
 * stream tables, mismatches and their keys, conflict tables, precheck items) are cut by
 * {@link #trim}. The lists whose entries are state the operator or the worker acts on are never
 * cut, and are bounded where they are made: {@code checkpoints} (one per source, at most
 * {@value #MAX_SOURCES} sources), {@code conditions} (one per condition type),
 * {@code phases} (one per phase) and {@code worker.pods} (at most
 * {@value #MAX_WORKER_PODS}, spec.fullLoad.pods). Every free text is cut to its bound in
 * bytes of UTF-8, with an ellipsis (JSON escapes of control characters aside).
 *
 * <p>The bound holds for 10,000 tables and {@value #MAX_SOURCES} sources with every list full,
 * every text at its limit, table names of two 64-character identifiers in three-byte
 * characters, and GTID sets of up to {@value #GTID_SET_CHARS} characters (ten server UUIDs with
 * their intervals, or twenty MariaDB domains): a GTID set is a position and never cut, so each
 * character beyond that adds at most 133 bytes (two GTID sets per checkpoint, five in reverse
 * and cutover). StatusLimitsTest builds that worst case (245,559 bytes) with WorstCaseStatus.
 */
public final class StatusLimits {

  /** Size of the status, in bytes of its JSON, that the bounds below keep it under. */
  public static final int MAX_STATUS_BYTES = 256 * 1024;
  /** GTID set length, in characters, up to which {@link #MAX_STATUS_BYTES} is proven. */
  public static final int GTID_SET_CHARS = 512;

  /** Sources of a task (spec.sources' maxItems), so entries of {@code status.checkpoints}. */
  public static final int MAX_SOURCES = 64;
  /** Pods of one phase (spec.fullLoad.pods' maximum), so entries of {@code worker.pods}. */
  public static final int MAX_WORKER_PODS = 32;
  /** Conditions: one per type, and there are fewer types than this. */
  public static final int MAX_CONDITIONS = 12;
  /** Phase records: one per phase. */
  public static final int MAX_PHASE_RECORDS = Phase.values().length;

  /** Tables listed in {@code status.fullLoad.tables} and {@code singleStreamTables}. */
  public static final int MAX_TABLES_IN_PROGRESS = 24;
  /** Chunks listed in {@code status.validation.mismatches}. */
  public static final int MAX_MISMATCHES = 20;
  /** Keys listed per mismatching chunk. */
  public static final int MAX_KEYS_PER_MISMATCH = 10;
  /** Tables listed in {@code status.replication.conflicts}. */
  public static final int MAX_CONFLICT_TABLES = 20;
  /** Precheck items kept (failures first, as the worker sorts them). */
  public static final int MAX_PRECHECK_ITEMS = 64;
  /**
   * UTF-8 bytes of the messages and remedies of the precheck items kept: items are kept in order
   * while their texts fit, so at least 24 (each text is cut to {@link #MAX_TEXT}), and the
   * count of the others is {@code status.precheck.itemsOmitted}.
   */
  public static final int MAX_PRECHECK_BYTES = 48 * 1024;

  /**
   * UTF-8 bytes of a message: conditions, progress, retry's last error, binlogAtRisk, a precheck
   * item's message and remedy.
   */
  public static final int MAX_TEXT = 1024;
  /** UTF-8 bytes of a conflict table's last conflicting row. */
  public static final int MAX_ENTRY_TEXT = 256;
  /** UTF-8 bytes of a key or chunk bound of a mismatch. */
  public static final int MAX_KEY_TEXT = 128;

  private static final String ELLIPSIS = "…";

  private StatusLimits() {}

  /** Cuts every detail list and text of {@code status} to its bound, keeping the first entries. */
  public static MigrationTaskStatus trim(MigrationTaskStatus status) {
    ifPresent(status.getFullLoad(), fullLoad -> {
      fullLoad.setTables(head(fullLoad.getTables(), MAX_TABLES_IN_PROGRESS));
      fullLoad.setSingleStreamTables(head(fullLoad.getSingleStreamTables(),
          MAX_TABLES_IN_PROGRESS));
    });
    ifPresent(status.getValidation(), validation -> {
      List<ChunkMismatch> mismatches = head(validation.getMismatches(), MAX_MISMATCHES);
      mismatches.forEach(mismatch -> {
        mismatch.setKeys(head(mismatch.getKeys(), MAX_KEYS_PER_MISMATCH).stream()
            .map(StatusLimits::keyText).toList());
        mismatch.setLowerKey(keyText(mismatch.getLowerKey()));
        mismatch.setUpperKey(keyText(mismatch.getUpperKey()));
      });
      validation.setMismatches(mismatches);
    });
    ifPresent(status.getReplication(), replication -> {
      List<TableConflicts> conflicts = head(replication.getConflicts(), MAX_CONFLICT_TABLES);
      conflicts.forEach(table -> table.setLast(cut(table.getLast(), MAX_ENTRY_TEXT)));
      replication.setConflicts(conflicts);
      replication.setBinlogAtRisk(text(replication.getBinlogAtRisk()));
    });
    ifPresent(status.getPrecheck(), StatusLimits::trimPrecheck);
    status.getConditions().forEach(condition -> condition.setMessage(text(condition.getMessage())));
    ifPresent(status.getRetry(), retry -> retry.setLastError(text(retry.getLastError())));
    status.setProgress(text(status.getProgress()));
    return status;
  }

  /**
   * The first precheck items whose texts fit {@link #MAX_PRECHECK_BYTES}, at most
   * {@link #MAX_PRECHECK_ITEMS}; the ones left out are added to {@code itemsOmitted}.
   */
  private static void trimPrecheck(PrecheckStatus precheck) {
    List<PrecheckItem> kept = new ArrayList<>();
    int bytes = 0;
    for (PrecheckItem item : precheck.getItems()) {
      item.setMessage(text(item.getMessage()));
      item.setRemedy(text(item.getRemedy()));
      bytes += utf8Length(item.getMessage()) + utf8Length(item.getRemedy());
      if (kept.size() == MAX_PRECHECK_ITEMS || bytes > MAX_PRECHECK_BYTES) {
        break;
      }
      kept.add(item);
    }
    int omitted = precheck.getItems().size() - kept.size();
    if (omitted > 0) {
      int before = precheck.getItemsOmitted() == null ? 0 : precheck.getItemsOmitted();
      precheck.setItemsOmitted(before + omitted);
    }
    precheck.setItems(kept);
  }

  /** {@code value} cut to {@link #MAX_TEXT} bytes of UTF-8, with an ellipsis when cut. */
  public static String text(String value) {
    return cut(value, MAX_TEXT);
  }

  private static String keyText(String value) {
    return cut(value, MAX_KEY_TEXT);
  }

  /** The longest head of {@code value} whose UTF-8 with an ellipsis fits {@code maxBytes}. */
  private static String cut(String value, int maxBytes) {
    if (value == null || utf8Length(value) <= maxBytes) {
      return value;
    }
    int budget = maxBytes - utf8Length(ELLIPSIS);
    int end = 0;
    int used = 0;
    while (end < value.length()) {
      int codePoint = value.codePointAt(end);
      used += utf8Bytes(codePoint);
      if (used > budget) {
        break;
      }
      end += Character.charCount(codePoint);
    }
    return value.substring(0, end) + ELLIPSIS;
  }

  private static int utf8Length(String value) {
    if (value == null) {
      return 0;
    }
    int bytes = 0;
    for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
      bytes += utf8Bytes(value.codePointAt(i));
    }
    return bytes;
  }

  private static int utf8Bytes(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
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
