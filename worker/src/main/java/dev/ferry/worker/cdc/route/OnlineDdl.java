package dev.ferry.worker.cdc.route;

import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
import dev.ferry.api.v1alpha1.OnlineDdlSpec;
import dev.ferry.worker.sql.DdlChange;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Online schema change tools (gh-ost, pt-online-schema-change) copy a table into a shadow table,
 * alter the shadow and swap it in with a RENAME. With {@link OnlineDdlPolicy#SkipGhost}, like
 * TiDB DM's online-ddl, rows of shadow and helper tables are not replicated, the ALTERs of the
 * shadow are remembered, and at the swap they are applied to the real table instead of the
 * RENAME. With {@link OnlineDdlPolicy#Migrate} everything passes as is. The remembered ALTERs
 * ({@link #pendingAlters()}) are kept on the target by the caller and handed back after a
 * restart, so a restart between a shadow's ALTER and its swap loses nothing; an ALTER replayed
 * after a restart is remembered once.
 */
public final class OnlineDdl {

  private final boolean skipGhost;
  private final Pattern shadow;
  private final Pattern useless;
  private final Map<TableRef, List<DdlChange>> pendingAlters = new LinkedHashMap<>();

  /** {@code restored}: the ALTERs still pending when the stream stopped last time. */
  public OnlineDdl(OnlineDdlSpec spec, Map<TableRef, List<DdlChange>> restored) {
    this.skipGhost = spec.getPolicy() == OnlineDdlPolicy.SkipGhost;
    this.shadow = Pattern.compile(spec.getShadowTableRegex());
    this.useless = Pattern.compile(spec.getUselessTableRegex());
    restored.forEach((table, alters) -> pendingAlters.put(table, new ArrayList<>(alters)));
  }

  /** The ALTERs of shadow tables waiting for their swap, per shadow table, in binlog order. */
  public Map<TableRef, List<DdlChange>> pendingAlters() {
    Map<TableRef, List<DdlChange>> copy = new LinkedHashMap<>();
    pendingAlters.forEach((table, alters) -> copy.put(table, List.copyOf(alters)));
    return copy;
  }

  /** Whether row changes of {@code table} are replicated. */
  public boolean replicatesRows(TableRef table) {
    return !skipGhost || (realTableOf(table).isEmpty() && !isUseless(table));
  }

  /**
   * What to apply for {@code ddl}: the statement itself, nothing (DDL on shadow or helper
   * tables), or, at the swap of a shadow table, the remembered ALTERs of the shadow, each to be
   * applied with the shadow table's name replaced by the real one (see {@link Rewrite}).
   */
  public List<Rewrite> onDdl(DdlChange ddl) {
    if (!skipGhost || ddl.tables().isEmpty()) {
      return List.of(new Rewrite(ddl, Map.of()));
    }
    if (ddl.kind() == DdlChange.Kind.RENAME_TABLE) {
      return onRename(ddl);
    }
    TableRef table = ddl.tables().get(0);
    Optional<TableRef> real = realTableOf(table);
    if (real.isPresent()) {
      switch (ddl.kind()) {
        case ALTER_TABLE -> remember(table, ddl);
        case DROP_TABLE, CREATE_TABLE -> pendingAlters.remove(table);
        default -> { }
      }
      return List.of();
    }
    if (ddl.tables().stream().allMatch(this::isUseless)) {
      return List.of();
    }
    return List.of(new Rewrite(ddl, Map.of()));
  }

  private void remember(TableRef shadowTable, DdlChange alter) {
    List<DdlChange> alters = pendingAlters.computeIfAbsent(shadowTable, t -> new ArrayList<>());
    boolean replayed = alters.stream().anyMatch(known -> known.sql().equals(alter.sql())
        && Objects.equals(known.defaultSchema(), alter.defaultSchema()));
    if (!replayed) {
      alters.add(alter);
    }
  }

  private List<Rewrite> onRename(DdlChange ddl) {
    List<TableRef> tables = ddl.tables();
    List<Rewrite> out = new ArrayList<>();
    boolean onlyToolTables = true;
    for (int i = 0; i + 1 < tables.size(); i += 2) {
      TableRef from = tables.get(i);
      TableRef to = tables.get(i + 1);
      Optional<TableRef> real = realTableOf(from);
      if (real.isPresent() && real.get().equals(to)) {
        for (DdlChange alter : pendingAlters.getOrDefault(from, List.of())) {
          out.add(new Rewrite(alter, Map.of(from, to)));
        }
        pendingAlters.remove(from);
      } else if (!(isUseless(to) || isUseless(from) || realTableOf(to).isPresent())) {
        onlyToolTables = false;
      }
    }
    return onlyToolTables ? out : List.of(new Rewrite(ddl, Map.of()));
  }

  private Optional<TableRef> realTableOf(TableRef table) {
    Matcher m = shadow.matcher(table.table());
    return m.matches() && m.groupCount() >= 1
        ? Optional.of(new TableRef(table.schema(), m.group(1))) : Optional.empty();
  }

  private boolean isUseless(TableRef table) {
    return useless.matcher(table.table()).matches();
  }

  /**
   * A DDL statement to apply, with table names to substitute before the spec's renames.
   *
   * @param substitutions source table name replacements (shadow → real table)
   */
  public record Rewrite(DdlChange ddl, Map<TableRef, TableRef> substitutions) {}
}
