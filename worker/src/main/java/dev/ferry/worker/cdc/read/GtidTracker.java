package dev.ferry.worker.cdc.read;

import dev.ferry.api.position.GtidSet;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GTID set executed up to the last committed transaction read. A transaction's GTID is
 * announced by its GTID event and counts only once the transaction commits. The set is parsed
 * into a {@link GtidSet} once per transaction that adds a GTID.
 *
 * <p>From the first transaction that does not grow the set in order (a MySQL transaction without
 * a GTID, a MariaDB domain whose sequence goes backwards) the set no longer orders positions:
 * the tracker then gives none, and positions are ordered by file and offset.
 */
abstract class GtidTracker {

  private static final Logger LOG = LoggerFactory.getLogger(GtidTracker.class);

  private String pending;
  private GtidSet current;
  private boolean unordered;

  /** Announces the GTID of the transaction that follows. */
  final void begin(String gtid) {
    pending = gtid;
  }

  /** The GTID announced for the transaction being read, or null where none was. */
  final String announced() {
    return pending;
  }

  /** Announces a transaction without a GTID (MySQL's ANONYMOUS_GTID event). */
  final void anonymous() {
    pending = null;
    stopOrdering("a transaction without a GTID (anonymous)");
  }

  /**
   * Adds the announced GTID, if any, and returns the set, or null when GTIDs are not tracked or
   * no longer order positions.
   */
  final GtidSet commit() {
    if (pending != null) {
      if (!unordered) {
        add(pending);
      }
      pending = null;
      current = null;
    }
    if (unordered) {
      return null;
    }
    if (current == null) {
      current = GtidSet.parse(text());
    }
    return current;
  }

  /** Adds one committed GTID to the set (or calls {@link #stopOrdering}). */
  abstract void add(String gtid);

  /** From here on positions carry no GTID set: {@code why} they cannot be ordered by it. */
  final void stopOrdering(String why) {
    if (!unordered && text() != null) {
      LOG.warn("the binlog has {}: positions from here on are ordered by file and offset only,"
          + " not by GTID set", why);
    }
    unordered = true;
  }

  /** The set as the server writes it, or null when GTIDs are not tracked. */
  abstract String text();

  /** Tracking for the given flavour from a starting set; null or blank means none. */
  static GtidTracker of(boolean mariaDb, String startSet) {
    if (startSet == null || startSet.isBlank()) {
      return new None();
    }
    return mariaDb ? new MariaDb(startSet) : new MySql(startSet);
  }

  /** No GTIDs: the start position had none. */
  private static final class None extends GtidTracker {
    @Override
    void add(String gtid) {}

    @Override
    String text() {
      return null;
    }
  }

  /**
   * MySQL: {@code uuid:1-n[,...]}, including MySQL 8.4 tagged GTIDs ({@code uuid:tag:n}), kept in
   * the binlog library's set. One-transaction intervals, which a set with gaps has, are written
   * {@code uuid:1-5:7} as the server writes them (the library writes {@code 7-7}).
   */
  private static final class MySql extends GtidTracker {
    private static final Pattern SINGLE = Pattern.compile(":(\\d+)-\\1(?=$|[:,])");
    private final com.github.shyiko.mysql.binlog.GtidSet set;

    MySql(String startSet) {
      this.set = new com.github.shyiko.mysql.binlog.GtidSet(startSet.replaceAll("\\s+", ""));
    }

    @Override
    void add(String gtid) {
      set.add(gtid);
    }

    @Override
    String text() {
      return SINGLE.matcher(set.toString()).replaceAll(":$1");
    }
  }

  /** MariaDB: per replication domain the last {@code domain-server-sequence}. */
  private static final class MariaDb extends GtidTracker {
    private final Map<Long, String> lastByDomain = new TreeMap<>();

    MariaDb(String startSet) {
      for (String gtid : startSet.replaceAll("\\s+", "").split(",")) {
        if (!gtid.isEmpty()) {
          lastByDomain.put(domain(gtid), gtid);
        }
      }
    }

    @Override
    void add(String gtid) {
      String last = lastByDomain.put(domain(gtid), gtid);
      if (last != null && !last.equals(gtid) && sequence(gtid) <= sequence(last)) {
        stopOrdering("GTID " + gtid + " after " + last + " (a domain's sequence went backwards,"
            + " as gtid_strict_mode=OFF allows)");
      }
    }

    private static long sequence(String gtid) {
      return Long.parseLong(gtid.substring(gtid.lastIndexOf('-') + 1));
    }

    @Override
    String text() {
      return String.join(",", lastByDomain.values());
    }

    private static long domain(String gtid) {
      String[] parts = gtid.split("-");
      if (parts.length != 3) {
        throw new FerryException(FailureClass.Fatal, "'" + gtid + "' is not a MariaDB GTID "
            + "(domain-server-sequence); fix the GTID set of the start position");
      }
      return Long.parseLong(parts[0]);
    }
  }
}
