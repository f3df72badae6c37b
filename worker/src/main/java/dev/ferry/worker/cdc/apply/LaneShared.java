package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.db.Database;

/**
 * What the lanes of one applier share.
 *
 * @param source the source's name, for messages
 * @param batchSize most row changes per target transaction (a larger source transaction is
 *     applied alone)
 * @param policies the conflict policy of each table
 * @param conflicts where conflicts resolved by a policy are counted
 */
record LaneShared(String source, Database target, ApplySession session,
    LaneCheckpoints checkpoints, LaneCommits commits, Watermark watermark, PendingKeys pending,
    ApplyMetrics metrics, FailureLatch failure, int batchSize, ConflictPolicies policies,
    ConflictLog conflicts) {}
