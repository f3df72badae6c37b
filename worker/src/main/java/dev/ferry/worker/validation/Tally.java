package dev.ferry.worker.validation;

import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.StatusLimits;
import dev.ferry.worker.catalog.KeyRange;
import dev.ferry.worker.metrics.WorkerMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The running totals of a validation run: chunks per state, the chunks re-checked while
 * replicating, the first mismatching chunks (as many as the status keeps) and the tables that
 * differ. Thread-safe; chunks are added as they are compared ({@link #compared}, which also
 * counts them in the metrics), and from the ledger when a run resumes ({@link #add}).
 */
final class Tally {

  /** How a keyless table's single chunk is labelled in reports. */
  private static final String KEYLESS = "keyless (whole-table check)";
  /** The lower bound of a table's first chunk. */
  private static final String TABLE_START = "(table start)";
  /** The upper bound of a table's last chunk. */
  private static final String TABLE_END = "(table end)";

  private final WorkerMetrics metrics;
  // tables are compared several at once: reports list them by name, not by completion
  private final Set<String> differingTables = new TreeSet<>();
  private final Set<String> keylessTables = new TreeSet<>();
  private final List<ChunkMismatch> mismatches = new ArrayList<>();
  private long matched;
  private long mismatched;
  private long repaired;
  private long rechecked;
  private long unsettled;

  Tally(WorkerMetrics metrics) {
    this.metrics = metrics;
  }

  /** Counts a chunk just compared, here and in the metrics; pending chunks are ignored. */
  void compared(ValidationChunk chunk, TableGroup group) {
    add(chunk, group);
    switch (chunk.state()) {
      case MATCHED, REPAIRED -> metrics.validated(false);
      case MISMATCHED -> metrics.validated(true);
      case UNSETTLED, PENDING -> { }
    }
  }

  /** Counts a compared chunk; pending chunks are ignored. */
  synchronized void add(ValidationChunk chunk, TableGroup group) {
    if (chunk.keyless()) {
      keylessTables.add(group.name());
    }
    switch (chunk.state()) {
      case MATCHED -> matched++;
      case REPAIRED -> {
        matched++;
        repaired++;
      }
      case MISMATCHED -> {
        mismatched++;
        differingTables.add(group.name());
        if (mismatches.size() < StatusLimits.MAX_MISMATCHES) {
          mismatches.add(mismatch(chunk, group));
        }
      }
      case UNSETTLED -> unsettled++;
      case PENDING -> { }
    }
  }

  /** Counts a chunk compared again because it differed while changes were in flight. */
  synchronized void recheck() {
    rechecked++;
  }

  /** Counts chunks left undecided without comparing them (their table could not be read). */
  synchronized void unsettled(long chunks) {
    unsettled += chunks;
  }

  synchronized long rechecked() {
    return rechecked;
  }

  synchronized long unsettled() {
    return unsettled;
  }

  synchronized long matched() {
    return matched;
  }

  synchronized long mismatched() {
    return mismatched;
  }

  synchronized long repaired() {
    return repaired;
  }

  /** Copies of the first mismatching chunks, by table name. */
  synchronized List<ChunkMismatch> mismatches() {
    List<ChunkMismatch> copies = new ArrayList<>();
    for (ChunkMismatch mismatch : mismatches) {
      ChunkMismatch copy = new ChunkMismatch();
      copy.setTable(mismatch.getTable());
      copy.setLowerKey(mismatch.getLowerKey());
      copy.setUpperKey(mismatch.getUpperKey());
      copy.setKeys(new ArrayList<>(mismatch.getKeys()));
      copies.add(copy);
    }
    copies.sort(Comparator.comparing(ChunkMismatch::getTable));
    return copies;
  }

  synchronized List<String> differingTables() {
    return List.copyOf(differingTables);
  }

  synchronized List<String> keylessTables() {
    return List.copyOf(keylessTables);
  }

  private static ChunkMismatch mismatch(ValidationChunk chunk, TableGroup group) {
    List<Boolean> key = group.first().keyBinary();
    ChunkMismatch mismatch = new ChunkMismatch();
    mismatch.setTable(group.name());
    if (chunk.keyless()) {
      mismatch.setLowerKey(KEYLESS);
    } else {
      KeyRange range = chunk.range();
      mismatch.setLowerKey(range.lower() == null ? TABLE_START
          : range.lower().display(key));
      mismatch.setUpperKey(range.upper() == null ? TABLE_END
          : range.upper().display(key));
    }
    mismatch.setKeys(new ArrayList<>(chunk.keys().subList(0,
        Math.min(chunk.keys().size(), StatusLimits.MAX_KEYS_PER_MISMATCH))));
    return mismatch;
  }
}
