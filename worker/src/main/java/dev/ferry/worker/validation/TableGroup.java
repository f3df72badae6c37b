package dev.ferry.worker.validation;

import dev.ferry.worker.catalog.ChunkPlanner;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The source tables that land in one target table: usually one, several when shards are merged
 * (from several sources, or several tables of one source). The target's rows of a key range
 * must equal the union of the members' rows of that range, so ranges are planned on the first
 * member and checked on every member; the group is keyed only when every member has the same
 * key on the target.
 */
record TableGroup(List<ComparedTable> members, boolean multiSource) {

  TableGroup {
    members = List.copyOf(members);
  }

  /** Opens a connection to the source of one member. */
  @FunctionalInterface
  interface Sources {
    Connection connection(ComparedTable member) throws SQLException;
  }

  /** Groups {@code tables} by target table, keeping the order of first appearance. */
  static List<TableGroup> of(List<ComparedTable> tables, boolean multiSource) {
    Map<TableRef, List<ComparedTable>> byTarget = new LinkedHashMap<>();
    tables.forEach(t -> byTarget.computeIfAbsent(t.mapping().target(), k -> new ArrayList<>())
        .add(t));
    return byTarget.values().stream().map(m -> new TableGroup(m, multiSource)).toList();
  }

  /** The member whose source plans the ranges, and whose target columns read the target. */
  ComparedTable first() {
    return members.get(0);
  }

  /** Whether the group can be split into key ranges. */
  boolean keyed() {
    List<String> key = first().keyColumns(Side.TARGET);
    return members.stream().allMatch(m -> m.keyed() && m.keyColumns(Side.TARGET).equals(key));
  }

  /** How the first member's source splits the group: by its key, or whole when unkeyed. */
  ChunkPlanner.Table chunking() {
    ChunkPlanner.Table table = first().chunking();
    return keyed() ? table : new ChunkPlanner.Table(table.name(), table.table(), List.of(),
        List.of(), table.filter());
  }

  /** The group as reports name it: its source tables, with their sources when there are several. */
  String name() {
    return members.stream().map(m -> multiSource ? m.source() + ":" + m.name() : m.name())
        .collect(Collectors.joining(" + "));
  }
}
