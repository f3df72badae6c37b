package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.worker.cdc.read.SchemaHistory;
import dev.ferry.worker.cdc.route.OnlineDdl;
import dev.ferry.worker.cdc.route.TableRouter;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.util.Map;

/**
 * Where a source's stream starts when nothing is recorded yet: at the capture of its schema
 * history, so that the history holds the definitions of every row the stream decodes. The full
 * load of mode All records this position as the source's start checkpoint (the engine hands it
 * over); mode Incremental without a start position begins there.
 */
public final class StreamStart {

  private StreamStart() {}

  /**
   * Captures the schema history of {@code sourceName} and returns its position.
   *
   * @param source a connection to the source
   */
  public static Position capture(TaskContext context, String sourceName, Connection source) {
    TableRouter router = new TableRouter(context.spec(),
        new OnlineDdl(context.spec().getIncremental().getOnlineDdl(), Map.of()));
    try (Database target = Database.open(context.target(), 1)) {
      return SchemaHistory.captureStart(source, target, context.stateKey(), sourceName,
          table -> router.mapping(table).isPresent());
    }
  }
}
