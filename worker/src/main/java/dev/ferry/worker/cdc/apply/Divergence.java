package dev.ferry.worker.cdc.apply;

/**
 * A write that must change exactly its rows (outside safe mode) changed another number: the
 * target does not hold the row, or holds more rows than the key tells apart.
 */
final class Divergence extends Exception {

  private static final long serialVersionUID = 1L;

  private final int found;

  /** @param found rows the write changed (for a write of one row; else only a hint) */
  Divergence(String message, int found) {
    super(message);
    this.found = found;
  }

  int found() {
    return found;
  }
}
