package dev.ferry.worker.cdc.apply;

import dev.ferry.api.position.Position;

/**
 * One stored lane checkpoint.
 *
 * @param laneCount how many lanes the applier that wrote it had
 * @param at every transaction of this lane ending at or before it is committed on the target
 * @param safeModeUntil changes up to here must be applied idempotently after a resume, or null
 */
record LaneRow(int lane, int laneCount, AppliedPosition at, Position safeModeUntil) {}
