package dev.ferry.worker.binlog;

import dev.ferry.api.position.Position;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Watches whether a position Ferry must still read from (the full load's recorded start, or the
 * incremental checkpoint) is about to fall out of the source's binlog retention. Checked at most
 * every {@code every} with {@code SHOW BINARY LOGS} and the retention settings
 * ({@link BinlogRetention}); the time left is a {@link RetentionEstimate}, whose write rate is
 * measured over the watch's observations.
 *
 * <p>At risk when the position's file is purged already, when it is the oldest file kept and no
 * longer written (the next purge takes it), or when its estimated time left is under
 * {@link #MARGIN} or under twice the time the caller still needs it — whichever is longer — so
 * that the operator has time to raise the retention.
 */
public final class RetentionWatch {

  /** The least time left that is not reported as a risk. */
  public static final Duration MARGIN = Duration.ofHours(1);

  private static final String REMEDY = "raise the binlog retention (binlog_expire_logs_seconds,"
      + " expire_logs_days on MySQL 5.7, or on Aurora/RDS CALL"
      + " mysql.rds_set_configuration('binlog retention hours', N))";

  private final String source;
  private final String what;
  private final Duration every;
  private Instant checkedAt = Instant.EPOCH;
  private Risk risk;
  private Instant firstAt;
  private List<BinlogFile> previous;
  private long written;
  private String closedFile;
  private Instant closedSeen;

  /**
   * @param source the source's name, for messages
   * @param what what the position is, for messages ("the start position", "the checkpoint")
   * @param every how often the server is asked at most
   */
  public RetentionWatch(String source, String what, Duration every) {
    this.source = source;
    this.what = what;
    this.every = every;
  }

  /** A risk found by the watch; {@code purged} when the position's file is gone already. */
  public record Risk(boolean purged, String message) {}

  /**
   * The current risk for {@code position}, or null; refreshed when due.
   *
   * @param stillNeeded how long the caller expects to still need the position (zero if unknown)
   */
  public Risk check(Connection connection, Position position, Instant now, Duration stillNeeded)
      throws SQLException {
    if (position == null || position.file() == null
        || Duration.between(checkedAt, now).compareTo(every) < 0) {
      return risk;
    }
    checkedAt = now;
    List<BinlogFile> files = BinlogFile.list(connection);
    measure(files, now);
    String file = position.file();
    if (RetentionEstimate.purged(file, files)) {
      risk = new Risk(true, "source " + source + ": " + what + " (" + file + ") was purged from"
          + " the source's binary logs (the oldest kept is " + files.get(0).name() + "), so the"
          + " changes since it cannot be replicated: the task must start over from the full"
          + " load; " + REMEDY + " before starting again");
      return risk;
    }
    RetentionEstimate estimate = RetentionEstimate.of(file, files,
        BinlogRetention.of(connection), rate(now), closedFor(file, files, now));
    boolean written = files.get(files.size() - 1).name().equals(file);
    risk = estimate.kept() ? riskOf(file, written, estimate, stillNeeded) : null;
    return risk;
  }

  private Risk riskOf(String file, boolean written, RetentionEstimate estimate,
      Duration stillNeeded) {
    Duration doubled = stillNeeded.multipliedBy(2);
    Duration threshold = doubled.compareTo(MARGIN) > 0 ? doubled : MARGIN;
    Optional<Duration> left = estimate.timeLeft();
    boolean soon = left.isPresent() && left.get().compareTo(threshold) < 0;
    if (!soon && !estimate.oldest()) {
      return null;
    }
    String when = left.map(d -> " may be purged in " + (d.toMinutes() >= 1 ? "about " : "")
        + human(d) + " at the current rate").orElse(" may be purged at the next purge");
    String where = estimate.oldest() ? ", the oldest binlog the source keeps,"
        : written ? ", the binlog being written,"
        : " (" + estimate.filesBefore() + " older files, " + estimate.bytesBefore()
            + " bytes, are kept before it)";
    return new Risk(false, "source " + source + ": " + what + " is in " + file + where + " and"
        + when
        + "; if it is purged the task cannot resume. " + capitalized(REMEDY));
  }

  /** Adds the bytes written since the previous listing to the running total. */
  private void measure(List<BinlogFile> files, Instant now) {
    if (previous != null && !previous.isEmpty()) {
      BinlogFile last = previous.get(previous.size() - 1);
      long grown = -1;
      for (BinlogFile file : files) {
        if (file.name().equals(last.name())) {
          grown = file.size() - last.size();
        } else if (grown >= 0) {
          grown += file.size();
        }
      }
      if (grown >= 0) {
        written += grown;
      }
    }
    if (firstAt == null) {
      firstAt = now;
    }
    previous = files;
  }

  /** The average write rate since the first observation, bytes per second; 0 when unknown. */
  private double rate(Instant now) {
    double seconds = Duration.between(firstAt, now).toMillis() / 1000.0;
    return seconds <= 0 ? 0 : written / seconds;
  }

  /** How long {@code file} has been seen closed (not the last file) by this watch. */
  private Duration closedFor(String file, List<BinlogFile> files, Instant now) {
    boolean closed = !files.isEmpty() && !files.get(files.size() - 1).name().equals(file);
    if (!closed) {
      return Duration.ZERO;
    }
    if (!file.equals(closedFile)) {
      closedFile = file;
      closedSeen = now;
    }
    return Duration.between(closedSeen, now);
  }

  /**
   * A duration as the message gives it: whole hours, else minutes rounded down to tens (so that
   * the message, and the operator's event, changes at most every ten minutes), else minutes.
   */
  static String human(Duration duration) {
    if (duration.toHours() >= 1) {
      return duration.toHours() + " h";
    }
    long minutes = duration.toMinutes();
    if (minutes >= 10) {
      return minutes / 10 * 10 + " min";
    }
    return minutes >= 1 ? minutes + " min" : "less than a minute";
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
