package dev.ferry.api.retry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The exceptions of a failure from the outermost to the root cause, safe against cycles. */
final class CauseChain {

  /** Longest chain read; deeper causes are ignored. */
  static final int MAX_LENGTH = 64;

  private CauseChain() {}

  /** {@code failure} and its causes, outermost first, each once, at most {@link #MAX_LENGTH}. */
  static List<Throwable> of(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable current = failure;
        current != null && chain.size() < MAX_LENGTH && seen.add(current);
        current = current.getCause()) {
      chain.add(current);
    }
    return chain;
  }
}
