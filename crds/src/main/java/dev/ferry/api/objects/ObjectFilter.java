package dev.ferry.api.objects;

import dev.ferry.api.v1alpha1.HeartbeatSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.ObjectsSpec;
import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
import dev.ferry.api.v1alpha1.OnlineDdlSpec;
import dev.ferry.api.v1alpha1.TableRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which source tables a task migrates, and which rule applies to each, from
 * {@code spec.objects}. System schemas and Ferry's own schemas (the target's meta schema, and the
 * source's heartbeat schema while the heartbeat is enabled) are never migrated, nor, with
 * online-DDL policy SkipGhost, the tools' shadow and helper tables (their ALTERs reach the real
 * table at the swap).
 */
public final class ObjectFilter {

  /** Schemas that are never migrated. */
  public static final Set<String> SYSTEM_SCHEMAS =
      Set.of("mysql", "information_schema", "performance_schema", "sys");

  /** Schema on the target where Ferry keeps its checkpoints and ledgers. */
  public static final String META_SCHEMA = "ferry_meta";

  private final String heartbeatSchema;
  private final List<Pattern> toolTables;
  private final List<TablePattern> include;
  private final List<TablePattern> exclude;
  private final List<TableRule> rules;
  private final List<TablePattern> ruleMatches;

  private ObjectFilter(ObjectsSpec spec, String heartbeatSchema, List<Pattern> toolTables) {
    this.heartbeatSchema = heartbeatSchema;
    this.toolTables = toolTables;
    this.include = spec.getInclude().stream().map(TablePattern::parse).toList();
    this.exclude = spec.getExclude().stream().map(TablePattern::parse).toList();
    this.rules = List.copyOf(spec.getRules());
    this.ruleMatches = rules.stream().map(rule -> TablePattern.parse(rule.getMatch())).toList();
  }

  /**
   * A filter for a validated spec.
   *
   * @throws IllegalArgumentException when a pattern is invalid (validate the spec first)
   */
  public static ObjectFilter of(MigrationTaskSpec spec) {
    HeartbeatSpec heartbeat = spec.getIncremental().getHeartbeat();
    OnlineDdlSpec onlineDdl = spec.getIncremental().getOnlineDdl();
    List<Pattern> toolTables = onlineDdl.getPolicy() == OnlineDdlPolicy.SkipGhost
        ? List.of(Pattern.compile(onlineDdl.getShadowTableRegex()),
            Pattern.compile(onlineDdl.getUselessTableRegex()))
        : List.of();
    return new ObjectFilter(spec.getObjects(), heartbeat.isEnabled() ? heartbeat.getSchema()
        : null, toolTables);
  }

  /** Whether any table of this schema may be migrated (cheap pre-filter for listing). */
  public boolean isSchemaCandidate(String schema) {
    return !SYSTEM_SCHEMAS.contains(schema.toLowerCase()) && !META_SCHEMA.equals(schema)
        && !schema.equals(heartbeatSchema);
  }

  /** Whether the table {@code schema.table} is migrated. */
  public boolean includes(String schema, String table) {
    if (!isSchemaCandidate(schema)
        || toolTables.stream().anyMatch(tool -> tool.matcher(table).matches())) {
      return false;
    }
    boolean included = include.isEmpty()
        || include.stream().anyMatch(pattern -> pattern.matches(schema, table));
    return included && exclude.stream().noneMatch(pattern -> pattern.matches(schema, table));
  }

  /** The first rule whose pattern matches the table, if any. */
  public Optional<TableRule> ruleFor(String schema, String table) {
    for (int i = 0; i < rules.size(); i++) {
      if (ruleMatches.get(i).matches(schema, table)) {
        return Optional.of(rules.get(i));
      }
    }
    return Optional.empty();
  }
}
