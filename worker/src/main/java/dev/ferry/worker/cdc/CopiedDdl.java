package dev.ferry.worker.cdc;

import dev.ferry.api.position.Position;
import dev.ferry.worker.cdc.apply.CopyCutoff;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.DdlStatement;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What remains to run of a DDL of the stream once the full-load copies of its tables are taken
 * into account ({@link CopyCutoff}): a table whose copy began after the DDL was made from the
 * definition the DDL produced, so the DDL is not run on it again.
 *
 * <ul>
 *   <li>A CREATE TABLE of a table without a copy, {@code LIKE} a table whose copy holds it: nothing,
 *   and the new table takes over that copy's boundary (a shadow table of gh-ost or pt-osc made
 *   before the copy of its table began; see {@link CopyCutoff#inherit}).</li>
 *   <li>No table of the DDL has a copy that holds it: the DDL as it is.</li>
 *   <li>A RENAME TABLE of several pairs, some held: each pair on its own. A pair whose new name
 *   was copied after the rename is skipped, and its old name, which the source no longer has
 *   since the rename, is dropped on the target when it has no copy of its own (a swap in the
 *   style of gh-ost or pt-osc during the load leaves the shadow table there otherwise); a pair
 *   none of whose names is held is renamed; a pair whose old name alone is held is skipped, and
 *   the new name, which has no copy, takes over the old name's boundary.</li>
 *   <li>Any other DDL that a copy holds: nothing.</li>
 * </ul>
 */
final class CopiedDdl {

  private CopiedDdl() {}

  /** The statements to run for {@code ddl}, which ends at {@code end}. */
  static List<DdlChange> remaining(DdlChange ddl, Position end, CopyCutoff copied) {
    if (ddl.kind() == DdlChange.Kind.CREATE_TABLE && ddl.tables().size() == 1) {
      TableRef created = ddl.tables().get(0);
      if (copied.holds(created, end) == null) {
        for (DdlStatement.NameAt name : DdlReader.read(ddl.defaultSchema(), ddl.sql()).names()) {
          if (!name.table().equals(created) && copied.inCopy(name.table(), end)) {
            copied.inherit(created, name.table());
            return List.of();
          }
        }
        return List.of(ddl);
      }
    }
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
      } else if (fromHeld && copied.holds(to, end) == null) {
        copied.inherit(to, from);
      } else if (!toHeld && !fromHeld) {
        parts.add(DdlReader.classify(null, "RENAME TABLE " + from.sql() + " TO " + to.sql()));
      }
    }
    return parts;
  }
}
