package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.worker.cdc.apply.CopyCutoff;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What remains to run of a DDL of the stream once the full-load copies of its tables are taken
 * into account ({@link CopyCutoff}): a table whose copy began after the DDL was made from the
 * definition the DDL produced, so the DDL is not run on it again.
 *
 * <ul>
 *   <li>No table of the DDL has a copy that holds it: the DDL as it is.</li>
 *   <li>A RENAME TABLE of several pairs, some held: each pair on its own. A pair whose new name
 *   was copied after the rename is skipped, and its old name, which the source no longer has
 *   since the rename, is dropped on the target when it has no copy of its own (a swap in the
 *   style of gh-ost or pt-osc during the load leaves the shadow table there otherwise); a pair
 *   none of whose names is held is renamed; a pair whose old name alone is held is skipped (its
 *   new name had no copy: it did not exist when the old one was copied again).</li>
 *   <li>Any other DDL that a copy holds: nothing.</li>
 * </ul>
 */
final class CopiedDdl {

  private CopiedDdl() {}

  /** The statements to run for {@code ddl}, which ends at {@code end}. */
  static List<DdlChange> remaining(DdlChange ddl, Position end, CopyCutoff copied) {
    boolean held = false;
    for (TableRef table : ddl.tables()) {
      held |= copied.inCopy(table, end);
    }
    if (!held) {
      return List.of(ddl);
    }
    if (ddl.kind() != DdlChange.Kind.RENAME_TABLE) {
      return List.of();
    }
    List<DdlChange> parts = new ArrayList<>();
    List<TableRef> names = ddl.tables();
    for (int i = 0; i + 1 < names.size(); i += 2) {
      TableRef from = names.get(i);
      TableRef to = names.get(i + 1);
      boolean fromHeld = copied.inCopy(from, end);
      boolean toHeld = copied.inCopy(to, end);
      if (toHeld && copied.holds(from, end) == null) {
        parts.add(DdlReader.classify(null, "DROP TABLE IF EXISTS " + from.sql()));
      } else if (!toHeld && !fromHeld) {
        parts.add(DdlReader.classify(null, "RENAME TABLE " + from.sql() + " TO " + to.sql()));
      }
    }
    return parts;
  }
}
