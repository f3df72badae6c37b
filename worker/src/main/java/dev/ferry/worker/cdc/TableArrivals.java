package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.cdc.apply.CopyCutoff;
import java.sql.SQLException;

/**
 * Tables the stream of one source brings into the migrated set: each is copied ({@link
 * TableCopier}) while every lane is drained (DDL runs at a barrier), and the stream then skips
 * the table's changes up to the copy's boundary ({@link CopyCutoff#copiedAt}) and applies those
 * after it. A stop in the middle leaves the statement that brought the table in unrecorded, so
 * the next run replays it and copies the table again (the target table is made again first);
 * once the copy's boundary is recorded, a replay of the statement finds the table held by it.
 */
final class TableArrivals {

  private final String source;
  private final TableCopier copier;
  private final CopyCutoff copied;

  TableArrivals(String source, TableCopier copier, CopyCutoff copied) {
    this.source = source;
    this.copier = copier;
    this.copied = copied;
  }

  /** Copies {@code table}, which has just entered the migrated set. */
  void copyIn(TableMapping table) throws SQLException {
    try {
      Position boundary = copier.copy(source, table);
      copied.copiedAt(table.source(), boundary);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException(FailureClass.Other, "stopped while copying " + table.source()
          + ", which the stream brought into the migrated set; the next run copies it again");
    }
  }
}
