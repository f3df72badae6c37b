package dev.ferry.worker.validation;

import java.util.List;

/**
 * Decides a chunk compared while CDC runs, from its rounds so far. A round computes the source
 * checksum, waits until the apply has passed the source position read right after it, and
 * computes the target checksum; so a target that differs may only show changes the source made
 * after its checksum. The chunk matches as soon as the target equals a state of the source: the
 * same round's, or the next round's, read right after the target (under steady writes the target
 * trails the source by the apply's delay only, while a round spans the wait). It differs for sure
 * only when the source did not change between two rounds (equal source checksums) and the target
 * still differs: the target was read in between, after the apply had passed every change the
 * source's first checksum saw, so in-flight changes cannot explain the difference. A chunk whose
 * source keeps changing through every re-check stays undecided for this pass.
 */
final class Recheck {

  /** What to do after a round. */
  enum Verdict {
    /** The two sides agree. */
    MATCHED,
    /** The target differs from a stable source. */
    MISMATCHED,
    /** Undecided: compare the chunk again. */
    RECHECK,
    /** Undecided after every re-check: the chunk's source rows kept changing. */
    UNSETTLED
  }

  /** One round: the source's checksum, and the target's once the apply had passed it. */
  record Round(Checksum source, Checksum target) {}

  private Recheck() {}

  /**
   * The verdict after {@code rounds} (oldest first, at least one), allowing {@code maxRechecks}
   * rounds after the first.
   */
  static Verdict decide(List<Round> rounds, int maxRechecks) {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("a chunk is decided after at least one round");
    }
    Round last = rounds.get(rounds.size() - 1);
    if (last.source().equals(last.target())) {
      return Verdict.MATCHED;
    }
    if (rounds.size() >= 2) {
      Round previous = rounds.get(rounds.size() - 2);
      if (previous.target().equals(last.source())) {
        return Verdict.MATCHED;
      }
      if (previous.source().equals(last.source())) {
        return Verdict.MISMATCHED;
      }
    }
    return rounds.size() <= maxRechecks ? Verdict.RECHECK : Verdict.UNSETTLED;
  }
}
