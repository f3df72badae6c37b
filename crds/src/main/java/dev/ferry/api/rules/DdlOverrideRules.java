package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.DdlOverride;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SourceSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for {@code spec.incremental.ddlOverrides}: each entry names one statement by a binlog
 * position {@code file:offset} or its GTID (and its source, where the task has several) and does
 * exactly one thing with it, skip or replace; no statement is named twice.
 */
final class DdlOverrideRules {

  private static final Pattern POSITION = Pattern.compile("[^:\\s]+:[0-9]+");
  private static final Pattern GTID = Pattern.compile(DdlOverride.GTID_PATTERN);

  private DdlOverrideRules() {}

  static void check(MigrationTaskSpec spec, Problems problems) {
    List<DdlOverride> overrides = spec.getIncremental().getDdlOverrides();
    Set<String> sources = new HashSet<>();
    for (SourceSpec source : spec.getSources()) {
      if (source != null) {
        sources.add(source.getName());
      }
    }
    Set<String> named = new HashSet<>();
    for (int i = 0; i < overrides.size(); i++) {
      String path = "spec.incremental.ddlOverrides[" + i + "]";
      DdlOverride override = overrides.get(i);
      if (override == null) {
        problems.missing(path, "give the entry a position and skip: true or replace: [...]");
        continue;
      }
      checkSource(override, path, sources, problems);
      checkName(override, path, named, problems);
      checkAction(override, path, problems);
    }
  }

  /** The statement is named by exactly one of position and GTID, each well formed, once. */
  private static void checkName(DdlOverride override, String path, Set<String> named,
      Problems problems) {
    String position = override.getPosition();
    String gtid = override.getGtid();
    if (position != null && gtid != null) {
      problems.add(path, null, "names the statement by both position and gtid",
          "keep one of them");
    } else if (gtid != null) {
      if (!GTID.matcher(gtid).matches()) {
        problems.add(path + ".gtid", gtid, "is not one GTID", "write it as the task's error"
            + " names it: uuid:42 (MySQL) or 0-1-42 (MariaDB)");
      } else if (!named.add(override.getSource() + "@" + gtid.toLowerCase(Locale.ROOT))) {
        problems.add(path + ".gtid", gtid, "names a statement an earlier entry names",
            "keep one entry per statement");
      }
    } else if (position == null || position.isBlank()) {
      problems.missing(path + ".position", "write the binlog position the task's error names"
          + " for the statement, as file:offset (e.g. binlog.000003:1234), or its gtid");
    } else if (!POSITION.matcher(position).matches()) {
      problems.add(path + ".position", position, "is not a binlog position file:offset",
          "write it as the task's error names it, e.g. binlog.000003:1234");
    } else if (!named.add(override.getSource() + "@" + position)) {
      problems.add(path + ".position", position, "names a statement an earlier entry names",
          "keep one entry per statement");
    }
  }

  private static void checkSource(DdlOverride override, String path, Set<String> sources,
      Problems problems) {
    if (override.getSource() == null) {
      if (sources.size() > 1) {
        problems.missing(path + ".source", "name the source whose binlog holds the statement"
            + " (one of spec.sources[].name): the task has several");
      }
    } else if (!sources.contains(override.getSource())) {
      problems.add(path + ".source", override.getSource(), "is not a source of this task",
          "use one of spec.sources[].name");
    }
  }

  private static void checkAction(DdlOverride override, String path, Problems problems) {
    List<String> replace = override.getReplace();
    boolean skips = override.skips();
    if (skips == (replace != null)) {
      problems.add(path, null, skips ? "has both skip and replace"
          : "has neither skip: true nor replace", "set exactly one of skip: true or replace:"
          + " [statements to run on the target instead]");
      return;
    }
    if (replace == null) {
      return;
    }
    if (replace.isEmpty()) {
      problems.add(path + ".replace", "[]", "lists no statement",
          "list the statements to run instead, or use skip: true to run none");
    }
    for (int j = 0; j < replace.size(); j++) {
      String statement = replace.get(j);
      if (statement == null || statement.isBlank()) {
        problems.add(path + ".replace[" + j + "]", statement, "is empty",
            "write one SQL statement per entry");
      }
    }
  }
}
