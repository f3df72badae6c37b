package dev.ferry.worker.cdc.read;

import dev.ferry.api.position.Position;
import dev.ferry.worker.cdc.memory.MemoryBudget;
import dev.ferry.worker.db.Endpoint;
import java.time.Duration;
import java.util.Objects;

/**
 * How one source's binlog is read.
 *
 * @param source the source's name (spec.sources[].name), copied into every transaction
 * @param endpoint where the source is, its login and TLS
 * @param serverId the replica server id to present (see {@link ServerIds})
 * @param start where to start: right after the transaction these coordinates end
 * @param followGtid resume by the GTID set of {@code start} instead of its file and position
 *     (only when the set is not blank; {@code ""} would mean "from the first binlog")
 * @param heartbeat how often an idle source sends a heartbeat; a source silent for
 *     {@link #silenceLimit()} counts as a lost connection
 * @param memory how many bytes of transactions may wait for the consumer before reading pauses,
 *     and above which size a transaction's rows are spilled to a local file
 */
public record ReaderSettings(String source, Endpoint endpoint, long serverId,
    Position start, boolean followGtid, Duration heartbeat, MemoryBudget memory) {

  /** Default heartbeat interval. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

  public ReaderSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(memory, "memory");
    if (serverId < 1 || serverId > ServerIds.HIGHEST) {
      throw new IllegalArgumentException("server id " + serverId + " is not in 1.."
          + ServerIds.HIGHEST);
    }
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive");
    }
  }

  /** Settings with the default heartbeat. */
  public static ReaderSettings of(String source, Endpoint endpoint, long serverId,
      Position start, boolean followGtid, MemoryBudget memory) {
    return new ReaderSettings(source, endpoint, serverId, start, followGtid, DEFAULT_HEARTBEAT,
        memory);
  }

  /** Whether reading starts from the GTID set rather than file and position. */
  boolean startsByGtid() {
    return followGtid && start.gtids() != null;
  }

  /** How long the source may send nothing, not even a heartbeat, before the stream fails. */
  Duration silenceLimit() {
    return heartbeat.multipliedBy(3).plusSeconds(5);
  }
}
