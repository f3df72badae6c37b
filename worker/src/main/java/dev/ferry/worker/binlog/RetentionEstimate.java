package dev.ferry.worker.binlog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a binlog file stands in a server's retention, from one {@code SHOW BINARY LOGS} listing:
 * whether it is still kept, what is kept before it, and about how long until the server purges
 * it by itself.
 *
 * <p>The estimate: a server purges a closed file once its last write (about when the next file
 * was opened) is older than the retention. {@code SHOW BINARY LOGS} gives no timestamps, so the
 * time since the file was closed is taken as the bytes written after it divided by the source's
 * write rate, measured between two observations; when the file was already seen closed earlier,
 * the time since that observation is a lower bound that wins when larger. Time left = retention
 * minus that age, never below zero. Limits: the rate is an average (bursty or idle sources make
 * it rough; an idle source overstates the age, so the estimate errs towards an early warning); a
 * manual {@code PURGE BINARY LOGS} or a size-based purge (Aurora/RDS storage pressure) is not
 * predicted at all; the file being written is never purged, so its time left is at least the
 * retention. Without a retention (nothing purges by itself) or without a rate, no time is given.
 *
 * @param kept whether the file is still listed
 * @param filesBefore how many kept files are older than it
 * @param bytesBefore the size of those older files
 * @param oldest whether it is the oldest kept file and no longer written (next to be purged)
 * @param timeLeft about how long until it is purged, when that can be estimated
 */
public record RetentionEstimate(boolean kept, int filesBefore, long bytesBefore, boolean oldest,
    Optional<Duration> timeLeft) {

  /**
   * Estimates for {@code file} within {@code files} (oldest first).
   *
   * @param retention the server's automatic retention, empty when it purges nothing by itself
   * @param bytesPerSecond the measured binlog write rate, 0 or less when unknown
   * @param closedFor how long the file is known to have been closed already (zero if unknown)
   */
  public static RetentionEstimate of(String file, List<BinlogFile> files,
      Optional<Duration> retention, double bytesPerSecond, Duration closedFor) {
    int index = indexOf(file, files);
    if (index < 0) {
      return new RetentionEstimate(false, 0, 0, false, Optional.of(Duration.ZERO));
    }
    long before = files.subList(0, index).stream().mapToLong(BinlogFile::size).sum();
    long after = files.subList(index + 1, files.size()).stream().mapToLong(BinlogFile::size).sum();
    boolean active = index == files.size() - 1;
    boolean oldest = index == 0 && !active;
    return new RetentionEstimate(true, index, before, oldest,
        timeLeft(retention, active, after, bytesPerSecond, closedFor));
  }

  /**
   * Whether {@code file} is known to be purged: not listed, of the same base name as the oldest
   * listed file and numbered before it (by number: {@code .999999} comes before {@code .1000000}).
   */
  public static boolean purged(String file, List<BinlogFile> files) {
    if (indexOf(file, files) >= 0 || files.isEmpty()) {
      return false;
    }
    String oldest = files.get(0).name();
    long number = number(file);
    long oldestNumber = number(oldest);
    return number >= 0 && oldestNumber >= 0 && base(file).equals(base(oldest))
        && number < oldestNumber;
  }

  private static Optional<Duration> timeLeft(Optional<Duration> retention, boolean active,
      long bytesAfter, double bytesPerSecond, Duration closedFor) {
    if (retention.isEmpty()) {
      return Optional.empty();
    }
    if (active) {
      return retention;
    }
    Duration age = closedFor;
    if (bytesPerSecond > 0) {
      Duration byRate = Duration.ofSeconds((long) (bytesAfter / bytesPerSecond));
      age = byRate.compareTo(age) > 0 ? byRate : age;
    } else if (closedFor.isZero()) {
      return Optional.empty();
    }
    Duration left = retention.get().minus(age);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  private static int indexOf(String file, List<BinlogFile> files) {
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).name().equals(file)) {
        return i;
      }
    }
    return -1;
  }

  private static String base(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? file : file.substring(0, dot);
  }

  /** The file's sequence number, or -1 when its extension is not a number. */
  private static long number(String file) {
    try {
      return Long.parseLong(file.substring(file.lastIndexOf('.') + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
