/**
 * Reads a server's binary log state without locking: whether it writes one, and its current
 * position as the one position type of the crds module ({@code dev.ferry.api.position}).
 *
 * <p>May use: {@link dev.ferry.worker.db}.
 */
package dev.ferry.worker.binlog;
