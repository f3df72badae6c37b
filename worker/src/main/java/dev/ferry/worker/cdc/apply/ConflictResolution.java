package dev.ferry.worker.cdc.apply;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.RowConflictPolicy;
import dev.ferry.worker.target.DivergenceRemedy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run of row writes one by one after their batch met a conflict (a duplicate key, or
 * a row count other than the source's), so that each conflict names its row and position, and
 * resolves each by its table's policy: Fail stops the task (class Fatal: the target diverged,
 * and no retry can change that); Overwrite writes the source's row over the target's; Skip
 * leaves the target's row. Lanes use it for their batches, the applier for the chunks of a
 * large transaction.
 */
final class ConflictResolution {

  private final String source;
  private final ConflictPolicies policies;

  ConflictResolution(String source, ConflictPolicies policies) {
    this.source = source;
    this.policies = policies;
  }

  /** A conflict and the policy that resolved it. */
  record Resolved(Conflict conflict, RowConflictPolicy policy) {}

  /**
   * Executes every one of {@code writes} (of the source transaction ending at {@code end})
   * alone and resolves its conflicts; returns them, to be counted once committed.
   */
  List<Resolved> writeAlone(Connection connection, BatchWriter writer, List<RowWrite> writes,
      AppliedPosition end) throws WriteFailure, Divergence {
    List<Resolved> resolved = new ArrayList<>();
    for (RowWrite write : writes) {
      Conflict conflict = writeOne(connection, writer, write, end);
      if (conflict == null) {
        continue;
      }
      RowConflictPolicy policy = policies.of(write.table());
      if (policy == RowConflictPolicy.Fail || conflict.found() > 1) {
        throw diverged(conflict, policy);
      }
      if (policy == RowConflictPolicy.Overwrite) {
        writer.write(connection, write.overwrite(), false);
      }
      resolved.add(new Resolved(conflict, policy));
    }
    return resolved;
  }

  /** A duplicate key: error 1062, or 1586 (the same with the key's name). */
  static boolean isDuplicate(SQLException e) {
    return e.getErrorCode() == 1062 || e.getErrorCode() == 1586;
  }

  /** Executes {@code write} alone; the conflict it met, or null. */
  private static Conflict writeOne(Connection connection, BatchWriter writer, RowWrite write,
      AppliedPosition end) throws WriteFailure {
    try {
      writer.write(connection, List.of(write), false);
      return null;
    } catch (Divergence divergence) {
      return new Conflict(write, false, divergence.found(), end.position());
    } catch (WriteFailure failure) {
      if (isDuplicate(failure.sqlCause())) {
        return new Conflict(write, true, 0, end.position());
      }
      throw failure;
    }
  }

  private FerryException diverged(Conflict conflict, RowConflictPolicy policy) {
    String cause = policy == RowConflictPolicy.Fail
        ? ", and onConflict is Fail for this table. "
        : "; no conflict policy applies to rows that the key cannot tell apart. ";
    return new FerryException(FailureClass.Fatal, "Applying changes of source '"
        + source + "': " + conflict.describe() + ". The target has diverged from the"
        + " source (a write on the target, a trigger there, or a collation under which two"
        + " source keys are equal)" + cause
        + DivergenceRemedy.of(conflict.write().table().target().sql())
        + " Then edit the spec to resume the task.");
  }
}
