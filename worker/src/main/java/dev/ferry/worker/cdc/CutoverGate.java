package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.CutoverSpec;
import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.api.v1alpha1.FenceMethod;
import dev.ferry.api.v1alpha1.FenceMode;
import dev.ferry.worker.binlog.BinlogStart;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import dev.ferry.worker.status.StatusSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The incremental side of a cutover, shared by the streams of all sources: once
 * {@code spec.cutover.requested} is set and a source's lag is at or under
 * {@code spec.cutover.maxLag}, the source is fenced when {@code spec.cutover.fence} is ReadOnly
 * (see {@link SourceFence}), and its current binlog position becomes its drain target; the
 * stream stops when every change up to it is applied. Setting {@code requested} back to false
 * before a drain target is taken cancels: replication goes on, and the request's time is
 * cleared from the status.
 */
final class CutoverGate {

  private final StatusSink sink;
  private final Map<String, Position> drainTargets = new ConcurrentHashMap<>();
  private final Map<String, Instant> drainedAt = new ConcurrentHashMap<>();
  private final AtomicBoolean requestSeen = new AtomicBoolean();

  CutoverGate(StatusSink sink) {
    this.sink = sink;
  }

  /** Whether {@code source} should now drain and stop. */
  boolean readyToDrain(String source, long lagSeconds) {
    if (drainTargets.containsKey(source)) {
      return true;
    }
    CutoverSpec cutover = sink.spec().getCutover();
    noteRequest(cutover.isRequested());
    return cutover.isRequested()
        && lagSeconds * 1000 <= Durations.parseValid(cutover.getMaxLag()).toMillis();
  }

  /**
   * The position {@code source} drains to, taken on first call (after fencing the source when
   * the spec asks for it).
   */
  Position drainPosition(String source, Connection connection) throws SQLException {
    Position known = drainTargets.get(source);
    if (known != null) {
      return known;
    }
    FenceMethod fenced = sink.spec().getCutover().getFence() == FenceMode.ReadOnly
        ? SourceFence.fence(source, connection, migratedTables(connection))
        : null;
    Position target = BinlogStart.current(connection);
    drainTargets.put(source, target);
    Instant now = Instant.now();
    sink.update(status -> {
      if (status.getCutover() == null) {
        status.setCutover(new CutoverStatus());
      }
      if (status.getCutover().getRequestedAt() == null) {
        status.getCutover().setRequestedAt(now.toString());
      }
      if (fenced != null && status.getCutover().getFencedAt() == null) {
        status.getCutover().setFencedAt(now.toString());
        status.getCutover().setFenceMethod(fenced);
      }
    });
    return target;
  }

  /** Notes that {@code source} applied every change up to its drain position at {@code at}. */
  void drained(String source, Instant at) {
    drainedAt.put(source, at);
  }

  /**
   * When the last source drained (the end of the write downtime, before the streams close
   * their connections), or now when none has.
   */
  Instant lastDrained() {
    return drainedAt.values().stream().max(Instant::compareTo).orElseGet(Instant::now);
  }

  /** Records a new or cancelled request (only on a change, so polling it costs nothing). */
  private void noteRequest(boolean requested) {
    if (!requestSeen.compareAndSet(!requested, requested)) {
      return;
    }
    Instant now = Instant.now();
    sink.update(status -> {
      CutoverStatus cutover = status.getCutover();
      if (requested) {
        if (cutover == null) {
          cutover = new CutoverStatus();
          status.setCutover(cutover);
        }
        if (cutover.getRequestedAt() == null) {
          cutover.setRequestedAt(now.toString());
        }
      } else if (cutover != null && cutover.getFencedAt() == null) {
        cutover.setRequestedAt(null);
      }
    });
  }

  private List<TableRef> migratedTables(Connection connection) throws SQLException {
    return SourceCatalog.tables(connection, sink.spec()).stream().map(TableMapping::source)
        .toList();
  }
}
