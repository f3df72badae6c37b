package dev.ferry.worker.schema;

import dev.ferry.api.v1alpha1.NameCase;
import java.util.Locale;

/** Applies the task's letter case policy to names of views, triggers and routines. */
final class NameCases {

  private NameCases() {}

  static String apply(String name, NameCase nameCase) {
    return switch (nameCase) {
      case Keep -> name;
      case Lower -> name.toLowerCase(Locale.ROOT);
      case Upper -> name.toUpperCase(Locale.ROOT);
    };
  }
}
