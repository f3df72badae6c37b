package dev.ferry.worker.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a label's cardinality bounded: the first {@link #LIMIT} distinct values are used as they
 * are, every later one becomes {@link #OTHER}. A task names its schemas in its spec, so the
 * limit is only reached by tasks that migrate very many schemas.
 */
final class BoundedLabel {

  /** How many distinct values a label takes at most (besides {@link #OTHER}). */
  static final int LIMIT = 100;
  /** The value that stands for every value past the limit. */
  static final String OTHER = "_other";

  private final Set<String> values = ConcurrentHashMap.newKeySet();

  /** The label value to use for {@code value}. */
  String of(String value) {
    if (values.contains(value)) {
      return value;
    }
    synchronized (this) {
      if (values.size() < LIMIT) {
        values.add(value);
        return value;
      }
    }
    return values.contains(value) ? value : OTHER;
  }
}
