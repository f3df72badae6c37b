package dev.ferry.api.position;

/**
 * A GTID set, parsed once: the MySQL form ({@code uuid:1-5:7,uuid2:tag:1-3}) or the MariaDB form
 * ({@code domain-server-sequence} per replication domain). Immutable; {@link #text()} is the set
 * as it was written. Sets are ordered by containment.
 */
public sealed interface GtidSet permits MysqlGtidSet, MariaDbGtidSet {

  /** The set as written (the status and the checkpoint table store this text). */
  String text();

  /**
   * Where this set stands relative to {@code other}: SAME when each contains the other, BEFORE
   * when {@code other} contains this one and more, AFTER the reverse, INCOMPARABLE when neither
   * contains the other or the two are of different flavours.
   */
  Order relativeTo(GtidSet other);

  /**
   * The set written in {@code text}, or null for null or blank text. The MariaDB form is
   * recognised by its first member ({@code d-s-n}); anything else is read as MySQL.
   */
  static GtidSet parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return MariaDbGtidSet.matches(text) ? MariaDbGtidSet.parse(text) : MysqlGtidSet.parse(text);
  }

  /** The order of two containment answers. */
  static Order byContainment(boolean otherContainsThis, boolean thisContainsOther) {
    if (otherContainsThis) {
      return thisContainsOther ? Order.SAME : Order.BEFORE;
    }
    return thisContainsOther ? Order.AFTER : Order.INCOMPARABLE;
  }
}
