/**
 * Reads a server's binary log state without locking: whether it writes one, and its current
 * position as the one position type of the crds module ({@code dev.ferry.api.position}), and
 * whether a position Ferry must still read from is about to be purged ({@code RetentionWatch},
 * used by the full load for its start position and by the incremental phase for its checkpoint).
 *
 * <p>May use: {@link dev.ferry.worker.db}.
 */
package dev.ferry.worker.binlog;
