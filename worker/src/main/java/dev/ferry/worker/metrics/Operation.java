package dev.ferry.worker.metrics;

import java.util.Locale;

/** What a replicated event does: the {@code operation} label of the CDC event counters. */
public enum Operation {
  INSERT,
  UPDATE,
  DELETE,
  DDL;

  /** The label value: {@code insert}, {@code update}, {@code delete} or {@code ddl}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
