package dev.ferry.worker.cdc;

import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.CutoverSpec;
import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.worker.status.StatusSink;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incremental side of a cutover, shared by the streams of all sources: once
 * {@code spec.cutover.requested} is set and a source's lag is at or under
 * {@code spec.cutover.maxLag}, that source's current binlog position becomes its drain target;
 * the stream stops when every change up to it is applied. Setting {@code requested} back to
 * false before a drain target is taken cancels.
 */
final class CutoverGate {

  /** Reads a source's current binlog position. */
  @FunctionalInterface
  interface PositionReader {
    BinlogCoordinates read() throws SQLException;
  }

  private final StatusSink sink;
  private final Map<String, BinlogCoordinates> drainTargets = new ConcurrentHashMap<>();

  CutoverGate(StatusSink sink) {
    this.sink = sink;
  }

  /** Whether {@code source} should now drain and stop. */
  boolean readyToDrain(String source, long lagSeconds) {
    if (drainTargets.containsKey(source)) {
      return true;
    }
    CutoverSpec cutover = sink.spec().getCutover();
    return cutover.isRequested()
        && lagSeconds * 1000 <= Durations.parseValid(cutover.getMaxLag()).toMillis();
  }

  /** The position {@code source} drains to, taken on first call. */
  BinlogCoordinates drainPosition(String source, PositionReader current) throws SQLException {
    BinlogCoordinates known = drainTargets.get(source);
    if (known != null) {
      return known;
    }
    BinlogCoordinates target = current.read();
    drainTargets.put(source, target);
    sink.update(status -> {
      if (status.getCutover() == null) {
        status.setCutover(new CutoverStatus());
      }
      if (status.getCutover().getRequestedAt() == null) {
        status.getCutover().setRequestedAt(Instant.now().toString());
      }
    });
    return target;
  }
}
