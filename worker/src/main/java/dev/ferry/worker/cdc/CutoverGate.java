package dev.ferry.worker.cdc;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.CutoverSpec;
import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.FenceMode;
import dev.ferry.worker.cdc.read.BinlogStart;
import dev.ferry.worker.status.StatusSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incremental side of a cutover, shared by the streams of all sources: once
 * {@code spec.cutover.requested} is set and a source's lag is at or under
 * {@code spec.cutover.maxLag}, the source is fenced when {@code spec.cutover.fence} is ReadOnly
 * ({@code SET GLOBAL read_only = ON}: accounts without SUPER / CONNECTION_ADMIN can no longer
 * write), and its current binlog position becomes its drain target; the stream stops when every
 * change up to it is applied. Setting {@code requested} back to false before a drain target is
 * taken cancels.
 */
final class CutoverGate {

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

  /**
   * The position {@code source} drains to, taken on first call (after fencing the source when
   * the spec asks for it).
   */
  BinlogCoordinates drainPosition(String source, Connection connection) throws SQLException {
    BinlogCoordinates known = drainTargets.get(source);
    if (known != null) {
      return known;
    }
    boolean fence = sink.spec().getCutover().getFence() == FenceMode.ReadOnly;
    if (fence) {
      fence(source, connection);
    }
    BinlogCoordinates target = BinlogStart.current(connection);
    drainTargets.put(source, target);
    Instant now = Instant.now();
    sink.update(status -> {
      if (status.getCutover() == null) {
        status.setCutover(new CutoverStatus());
      }
      if (status.getCutover().getRequestedAt() == null) {
        status.getCutover().setRequestedAt(now.toString());
      }
      if (fence && status.getCutover().getFencedAt() == null) {
        status.getCutover().setFencedAt(now.toString());
      }
    });
    return target;
  }

  private static void fence(String source, Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET GLOBAL read_only = ON");
    } catch (SQLException e) {
      throw new FerryException(FailureClass.Other, "cannot fence source " + source + " for the"
          + " cutover (SET GLOBAL read_only = ON failed: " + e.getMessage() + "); grant the"
          + " source user SUPER or SYSTEM_VARIABLES_ADMIN, or set spec.cutover.fence: None and"
          + " stop the application's writes yourself", e);
    }
  }
}
