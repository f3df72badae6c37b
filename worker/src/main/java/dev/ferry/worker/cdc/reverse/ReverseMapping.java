package dev.ferry.worker.cdc.reverse;

import dev.ferry.api.objects.ObjectFilter;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The inverse of a task's table mappings, for the reverse stream: each target table of a
 * migrated table maps back to its source table, each target column back to its source column.
 * Tables of the target that no migrated table lands on (Ferry's meta schema among them) have no
 * mapping, so their changes are ignored.
 *
 * <p>Every row change of a mapped table goes back, whatever the forward rule's {@code where} and
 * {@code operations} say: those choose what the migration took from the old source, while the
 * reverse stream must carry every write the application makes on the new target. The rule's
 * {@code ddl} kinds still choose which DDL is replayed.
 */
final class ReverseMapping {

  private final Map<TableRef, TableMapping> byTarget;

  private ReverseMapping(Map<TableRef, TableMapping> byTarget) {
    this.byTarget = Map.copyOf(byTarget);
  }

  /**
   * The inverse of {@code forward}, the mappings of every migrated table.
   *
   * @throws FerryException (Fatal) when two source tables land on one target table: the target's
   *     changes of that table could belong to either
   */
  static ReverseMapping of(List<TableMapping> forward) {
    Map<TableRef, TableMapping> byTarget = new HashMap<>();
    for (TableMapping mapping : forward) {
      if (ObjectFilter.META_SCHEMA.equals(mapping.target().schema())) {
        continue;
      }
      TableMapping previous = byTarget.put(mapping.target(), inverse(mapping));
      if (previous != null) {
        throw new FerryException(FailureClass.Fatal, "source tables " + previous.target()
            + " and " + mapping.source() + " are both migrated into target table "
            + mapping.target() + ", so the reverse stream cannot tell which of them a change"
            + " of the target belongs to; set spec.cutover.reverse: false (a reverse stream"
            + " needs one source table per target table)");
      }
    }
    return new ReverseMapping(byTarget);
  }

  /** The mapping of a target table back to its source table; empty when none lands on it. */
  Optional<TableMapping> mapping(TableRef target) {
    return Optional.ofNullable(byTarget.get(target));
  }

  /** Whether row changes of {@code target} are read and carried back. */
  boolean carriesBack(TableRef target) {
    return byTarget.containsKey(target);
  }

  /** How many target tables map back. */
  int size() {
    return byTarget.size();
  }

  private static TableMapping inverse(TableMapping forward) {
    Map<String, String> renames = new HashMap<>();
    forward.columnRenames().keySet().forEach(sourceColumn -> renames.put(
        forward.targetColumn(sourceColumn).toLowerCase(Locale.ROOT), sourceColumn));
    return new TableMapping(forward.target(), forward.source(), renames, null,
        EnumSet.allOf(DmlOperation.class), forward.ddl(), NameCase.Keep);
  }
}
