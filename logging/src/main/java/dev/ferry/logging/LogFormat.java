package dev.ferry.logging;

import java.util.Locale;

/** How log lines look: {@code text} for people at a terminal, {@code json} for collectors. */
public enum LogFormat {
  /** One line per event: ISO-8601 time, level, logger, message. */
  TEXT,
  /** One JSON object per line: timestamp, level, logger, thread, message, stack_trace. */
  JSON;

  /** The format named {@code name} (any case); {@link #TEXT} when {@code name} is null or blank. */
  public static LogFormat parse(String name) {
    if (name == null || name.isBlank()) {
      return TEXT;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown log format '" + name + "': use text or json",
          e);
    }
  }

  /** The name the configuration ({@code logback.xml}) knows this format by. */
  String appenderName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
