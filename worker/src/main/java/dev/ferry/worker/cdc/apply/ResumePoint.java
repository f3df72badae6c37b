package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;

/**
 * Where the change stream of one source resumes, read from the target's lane checkpoints.
 *
 * @param start read the binlog from here: the lowest lane checkpoint (the initial start when
 *     nothing was applied yet). Transactions replayed from here that a lane already committed are
 *     skipped by the applier itself.
 * @param safeModeUntil the applier applies every transaction ending at or before this position
 *     idempotently, whatever the caller asks; null when not needed
 * @param laneCountChanged whether the checkpoints were written with another number of lanes
 *     ({@code spec.incremental.applyThreads} changed): the applier then cannot tell which of the
 *     transactions between the lowest and the highest lane checkpoint were applied, so it
 *     re-applies them in safe mode up to {@code safeModeUntil}
 * @param previousLaneCount the lane count of the stored checkpoints (0 when there were none)
 */
public record ResumePoint(Position start, Position safeModeUntil,
    boolean laneCountChanged, int previousLaneCount) {}
