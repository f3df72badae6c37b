package dev.ferry.worker.binlog;

import dev.ferry.api.position.Position;
import dev.ferry.api.position.StatusPositions;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.db.ServerInfo;
import java.sql.Connection;
import java.sql.SQLException;

/** Start positions for the binlog reader. */
public final class BinlogStart {

  private BinlogStart() {}

  /**
   * The source's current end of binlog ("now"): file, offset and executed GTID set.
   *
   * @throws FerryException (Fatal) when the source writes no binary log
   */
  public static Position current(Connection connection) throws SQLException {
    BinlogPosition position = BinlogPositions.current(connection, ServerInfo.detect(connection))
        .orElseThrow(() -> new FerryException(FailureClass.Fatal, "the source writes no binary "
            + "log; enable it (log_bin, binlog_format=ROW) and restart the source"));
    return StatusPositions.of(position);
  }
}
