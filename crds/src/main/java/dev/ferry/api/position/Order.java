package dev.ferry.api.position;

/**
 * Where one binlog position stands relative to another. Positions that cannot be ordered (files
 * of different binlog base names, GTID sets neither of which contains the other, GTID sets of
 * different flavours) are {@link #INCOMPARABLE}: each caller decides, and says why, what that
 * means for it.
 */
public enum Order {
  BEFORE,
  SAME,
  AFTER,
  INCOMPARABLE;

  /** The order seen from the other side: BEFORE and AFTER swap. */
  public Order reversed() {
    return switch (this) {
      case BEFORE -> AFTER;
      case AFTER -> BEFORE;
      default -> this;
    };
  }

  static Order of(int comparison) {
    return comparison < 0 ? BEFORE : comparison > 0 ? AFTER : SAME;
  }
}
