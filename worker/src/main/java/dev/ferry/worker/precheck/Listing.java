package dev.ferry.worker.precheck;

import java.util.Collection;
import java.util.stream.Collectors;

/** Short lists of names for messages: the first few, then how many more. */
final class Listing {

  /** How many names a message shows. */
  static final int SHOWN = 10;

  private Listing() {}

  /** {@code a, b, c} or {@code a, b, … and 12 more}. */
  static String of(Collection<?> names) {
    String head = names.stream().limit(SHOWN).map(String::valueOf)
        .collect(Collectors.joining(", "));
    return names.size() <= SHOWN ? head : head + " and " + (names.size() - SHOWN) + " more";
  }
}
