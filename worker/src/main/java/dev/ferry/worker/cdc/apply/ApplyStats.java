package dev.ferry.worker.cdc.apply;

import java.time.Instant;

/**
 * A snapshot of the applier's counters.
 *
 * @param transactions source transactions and DDLs applied on the target so far
 * @param rows row changes written to the target so far
 * @param skipped source transactions skipped on resume because they were already applied
 * @param targetCommits target transactions committed for batches of rows and for DDLs (batching
 *     makes this lower than {@code transactions}; checkpoint-only commits are not counted)
 * @param eventsPerSecond row changes and DDLs received from the stream per second, recently
 * @param rowsPerSecond row changes written to the target per second, recently
 * @param lastAppliedCommitTime source commit time of the latest transaction committed on the
 *     target, or null; the caller computes the lag from it
 */
public record ApplyStats(long transactions, long rows, long skipped, long targetCommits,
    double eventsPerSecond, double rowsPerSecond, Instant lastAppliedCommitTime) {}
