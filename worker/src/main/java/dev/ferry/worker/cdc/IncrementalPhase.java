package dev.ferry.worker.cdc;

import dev.ferry.api.retry.Rfc3339;
import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.CutoverStatus;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.binlog.BinlogPositions;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.task.Interruptions;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incremental phase: replicates every source's binlog into the target (one stream per
 * source) until a requested cutover has drained them all, with a companion task beside them (the
 * engine passes the validation passes the spec asks for while replicating). Interrupting it stops
 * the streams after their committed checkpoints; the first failure of a stream or of the companion
 * stops the others and is thrown. The companion is cancelled once every stream has drained.
 */
public final class IncrementalPhase {

  private static final Logger LOG = LoggerFactory.getLogger(IncrementalPhase.class);
  private static final long STOP_SECONDS = 60;

  private IncrementalPhase() {}

  /**
   * Runs until the cutover drained every source, with {@code companion} running beside; {@code
   * copier} copies the tables that a rename brings into the migrated set.
   */
  public static void run(TaskContext context, Callable<Void> companion, TableCopier copier)
      throws Exception {
    ReplicationReport report = new ReplicationReport(context.sink(), context.metrics());
    CutoverGate cutover = new CutoverGate(context.sink());
    List<SourceSpec> sources = context.spec().getSources();
    ExecutorService pool = Executors.newFixedThreadPool(sources.size() + 1,
        Interruptions.daemon("ferry-cdc"));
    CompletionService<Void> streams = new ExecutorCompletionService<>(pool);
    try {
      for (SourceSpec source : sources) {
        streams.submit(new SourceReplication(context, source, report, cutover, copier));
      }
      Future<Void> beside = streams.submit(companion);
      for (int running = sources.size(); running > 0; ) {
        Future<Void> done = streams.take();
        try {
          done.get();
        } catch (ExecutionException e) {
          throw unwrap(e);
        }
        running -= done == beside ? 0 : 1;
      }
      beside.cancel(true);
      Instant drained = cutover.lastDrained();
      BinlogPosition targetPosition = context.spec().getCutover().isReverse()
          ? targetPosition(context) : null;
      context.sink().update(status -> {
        CutoverStatus cutoverStatus = status.getCutover();
        if (cutoverStatus != null) {
          cutoverStatus.setDrainedAt(drained.toString());
          cutoverStatus.setTargetPosition(targetPosition);
          Rfc3339.parse(cutoverStatus.getFencedAt()).ifPresent(fenced -> cutoverStatus
              .setWriteDowntimeSeconds(Duration.between(fenced, drained).toMillis() / 1000.0));
        }
        status.setProgress("drained: every change up to the cutover is applied");
      });
      LOG.info("incremental phase done: every source drained");
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("replication streams did not stop within {} s", STOP_SECONDS);
      }
    }
  }

  /**
   * The target's binlog position once every source drained (null when the target writes no
   * binlog), for spec.cutover.reverse: the reverse stream starts there, so it carries back
   * exactly what is written on the target after the cutover.
   */
  private static BinlogPosition targetPosition(TaskContext context) throws SQLException {
    try (Connection target = Database.connectOnce(context.target())) {
      return BinlogPositions.current(target, ServerInfo.detect(target)).orElse(null);
    }
  }

  private static Exception unwrap(ExecutionException e) {
    return e.getCause() instanceof Exception cause ? cause : e;
  }
}
