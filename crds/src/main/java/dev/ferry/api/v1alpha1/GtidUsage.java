package dev.ferry.api.v1alpha1;

import java.util.Optional;

/**
 * Whether the binlog reader follows the source by GTID. The values avoid the words YAML 1.1
 * reads as booleans; the earlier spellings {@code On} and {@code Off}, and the booleans an
 * unquoted {@code On}/{@code Off} becomes, are still read, as deprecated.
 */
public enum GtidUsage {
  /** Use GTIDs when the source has them enabled, file and position otherwise. */
  Auto,
  /** Require GTIDs; the precheck fails when the source does not have them. */
  Required,
  /** Follow binlog file and position only. */
  Disabled;

  /** The usage {@code written} names (a name, a deprecated spelling or a boolean), if any. */
  public static Optional<GtidUsage> of(Object written) {
    if (written instanceof Boolean bool) {
      return Optional.of(bool ? Required : Disabled);
    }
    if (!(written instanceof String text)) {
      return Optional.empty();
    }
    for (GtidUsage usage : values()) {
      if (usage.name().equals(text)) {
        return Optional.of(usage);
      }
    }
    return switch (text) {
      case "On" -> Optional.of(Required);
      case "Off" -> Optional.of(Disabled);
      default -> Optional.empty();
    };
  }

  /** Whether {@code written} is a deprecated way to name a usage (On, Off, true, false). */
  public static boolean isDeprecated(Object written) {
    return written instanceof Boolean || "On".equals(written) || "Off".equals(written);
  }
}
