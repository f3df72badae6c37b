package dev.ferry.worker.schema;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one schema step did: objects created and skipped per type (skipped: created by an
 * earlier run of the task, kept under conflictPolicy Ignore, or the same name from another
 * source), and warnings (objects or foreign keys left out, with the reason).
 */
public record SchemaSummary(Map<ObjectType, Integer> created, Map<ObjectType, Integer> skipped,
    List<String> warnings) {

  public SchemaSummary {
    created = Map.copyOf(created);
    skipped = Map.copyOf(skipped);
    warnings = List.copyOf(warnings);
  }

  /** How many objects of this type were created. */
  public int created(ObjectType type) {
    return created.getOrDefault(type, 0);
  }

  /** How many objects of this type were skipped. */
  public int skipped(ObjectType type) {
    return skipped.getOrDefault(type, 0);
  }

  /** A one-line description such as "created 3 tables, 1 view; skipped 1 table; 1 warning". */
  public String describe() {
    String text = "created " + counts(created);
    if (!skipped.isEmpty()) {
      text += "; skipped " + counts(skipped);
    }
    if (!warnings.isEmpty()) {
      text += "; " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings");
    }
    return text;
  }

  private static String counts(Map<ObjectType, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (ObjectType type : ObjectType.values()) {
      int n = counts.getOrDefault(type, 0);
      if (n > 0) {
        parts.add(n + " " + type.name().toLowerCase(Locale.ROOT) + (n == 1 ? "" : "s"));
      }
    }
    return parts.isEmpty() ? "nothing" : String.join(", ", parts);
  }

  /** Collects counts and warnings while a step runs. */
  static final class Builder {
    private final Map<ObjectType, Integer> created = new EnumMap<>(ObjectType.class);
    private final Map<ObjectType, Integer> skipped = new EnumMap<>(ObjectType.class);
    private final List<String> warnings = new ArrayList<>();

    void created(ObjectType type) {
      created.merge(type, 1, Integer::sum);
    }

    void skipped(ObjectType type) {
      skipped.merge(type, 1, Integer::sum);
    }

    void warn(String warning) {
      warnings.add(warning);
    }

    SchemaSummary build() {
      return new SchemaSummary(created, skipped, warnings);
    }
  }
}
