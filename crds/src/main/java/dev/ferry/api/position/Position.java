package dev.ferry.api.position;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in one source's binlog, right after a committed transaction (or DDL): the one position
 * type from the binlog reader to the status.
 *
 * <p>Positions are ordered by {@link #relativeTo}: by GTID containment when both have a GTID set,
 * else by binlog file and offset. Files are ordered by their numeric extension within one base
 * name ({@code binlog.999999} before {@code binlog.1000000}); files of different base names, or a
 * position without a file, cannot be ordered by file. A position carries a GTID set only where
 * the source's GTID sets order its positions: the worker leaves it out where transactions carry
 * no GTID (MySQL gtid_mode other than ON) or a MariaDB domain's sequence goes backwards, so that
 * such positions are ordered by file and offset.
 *
 * @param file binlog file name, or null for a position given only by its GTID set
 * @param offset offset of the next event in {@code file} (the event header's next position)
 * @param gtids GTID set executed up to here, or null when the source does not use GTIDs
 */
public record Position(String file, long offset, GtidSet gtids) {

  private static final Pattern NUMBERED = Pattern.compile("(.*)\\.(\\d+)");

  public Position {
    if (file == null && gtids == null) {
      throw new IllegalArgumentException("a binlog position needs a file or a GTID set");
    }
  }

  /** A position whose GTID set is written in {@code gtidSet} (null or blank: none). */
  public static Position of(String file, long offset, String gtidSet) {
    return new Position(file, offset, GtidSet.parse(gtidSet));
  }

  /** The GTID set as written, or null. */
  public String gtidText() {
    return gtids == null ? null : gtids.text();
  }

  /** Where this position stands relative to {@code other}. */
  public Order relativeTo(Position other) {
    if (ordersByGtids(other)) {
      return gtids.relativeTo(other.gtids);
    }
    if (file == null || other.file == null) {
      return Order.INCOMPARABLE;
    }
    Matcher mine = NUMBERED.matcher(file);
    Matcher theirs = NUMBERED.matcher(other.file);
    if (mine.matches() && theirs.matches() && mine.group(1).equals(theirs.group(1))) {
      int byFile = Long.compare(Long.parseLong(mine.group(2)), Long.parseLong(theirs.group(2)));
      return Order.of(byFile != 0 ? byFile : Long.compare(offset, other.offset));
    }
    return file.equals(other.file) ? Order.of(Long.compare(offset, other.offset))
        : Order.INCOMPARABLE;
  }

  /** Whether {@link #relativeTo} orders this and {@code other} by GTID sets (both have one). */
  public boolean ordersByGtids(Position other) {
    return gtids != null && other.gtids != null;
  }

  @Override
  public String toString() {
    return file + ":" + offset + (gtids == null ? "" : " [" + gtids.text() + "]");
  }
}
