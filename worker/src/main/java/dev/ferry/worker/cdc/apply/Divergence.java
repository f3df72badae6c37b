package dev.ferry.worker.cdc.apply;

/** The target does not hold a row that a change outside safe mode expects to find. */
final class Divergence extends Exception {

  private static final long serialVersionUID = 1L;

  Divergence(String message) {
    super(message);
  }
}
