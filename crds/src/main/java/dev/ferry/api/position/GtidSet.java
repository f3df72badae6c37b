package dev.ferry.api.position;

import java.util.Objects;

/**
 * A GTID set, parsed once: the MySQL form ({@code uuid:1-5:7,uuid2:tag:1-3}) or the MariaDB form
 * ({@code domain-server-sequence} per replication domain). Immutable; {@link #text()} is the set
 * as it was written. Sets are ordered by containment.
 */
public abstract sealed class GtidSet permits MysqlGtidSet, MariaDbGtidSet {

  private final String text;

  GtidSet(String text) {
    this.text = text;
  }

  /**
   * The set written in {@code text}, or null for null or blank text. The MariaDB form is
   * recognised by its first member ({@code d-s-n}); anything else is read as MySQL.
   */
  public static GtidSet parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return MariaDbGtidSet.matches(text) ? MariaDbGtidSet.read(text) : MysqlGtidSet.read(text);
  }

  /** The set as written (the status and the checkpoint table store this text). */
  public String text() {
    return text;
  }

  /**
   * Where this set stands relative to {@code other}: SAME when each contains the other, BEFORE
   * when {@code other} contains this one and more, AFTER the reverse, INCOMPARABLE when neither
   * contains the other or the two are of different flavours.
   */
  public Order relativeTo(GtidSet other) {
    if (other.getClass() != getClass()) {
      return Order.INCOMPARABLE;
    }
    boolean otherContainsThis = other.containsAll(this);
    boolean thisContainsOther = containsAll(other);
    if (otherContainsThis) {
      return thisContainsOther ? Order.SAME : Order.BEFORE;
    }
    return thisContainsOther ? Order.AFTER : Order.INCOMPARABLE;
  }

  /** Whether every transaction of {@code other}, a set of the same flavour, is in this set. */
  abstract boolean containsAll(GtidSet other);

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && text.equals(((GtidSet) o).text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), text);
  }

  @Override
  public String toString() {
    return text;
  }
}
