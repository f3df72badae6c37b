package dev.ferry.worker.cdc.read;

import dev.ferry.worker.cdc.change.SourceTransaction;
import java.time.Duration;
import java.time.Instant;

/**
 * A source's committed changes in binlog order. A failure of the stream (purged binlog, lost
 * connection, undecodable event) is thrown from {@link #poll} as a
 * {@link dev.ferry.api.retry.FerryException} after the transactions read before it.
 */
public interface ChangeStream extends AutoCloseable {

  /**
   * The next transaction or DDL, waiting at most {@code timeout}; null when none arrived.
   *
   * @throws dev.ferry.api.retry.FerryException when the stream failed
   */
  SourceTransaction poll(Duration timeout) throws InterruptedException;

  /**
   * When the source last sent anything (an event or a heartbeat), or null before the first. With
   * every polled transaction applied, a heartbeat after its commit means the target is caught up.
   */
  Instant lastSeen();

  /** Stops reading and releases the connections. */
  @Override
  void close();
}
