package dev.ferry.worker.cdc.apply;

/** What a lane's queue holds: a transaction to commit, or a barrier to park at. */
sealed interface LaneItem permits LaneWork, Barrier {}
