package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.FullLoadSpec;
import dev.ferry.api.v1alpha1.HeartbeatSpec;
import dev.ferry.api.v1alpha1.IncrementalSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.OnlineDdlSpec;
import dev.ferry.api.v1alpha1.PrecheckItemName;
import dev.ferry.api.v1alpha1.RetrySpec;
import dev.ferry.api.v1alpha1.StatusLimits;
import dev.ferry.api.v1alpha1.ThrottleSpec;
import dev.ferry.api.v1alpha1.ValidationSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rules for how a task runs: full load, incremental, validation, cutover, retry windows and
 * precheck settings. Ranges and retry defaults follow the reference migration services.
 */
final class TuningRules {

  /** Allowed range of spec.retry.connectionWindow. */
  static final Range CONNECTION_WINDOW = new Range(Duration.ofMinutes(10), Duration.ofMinutes(1440));
  /** Allowed range of spec.retry.otherWindow. */
  static final Range OTHER_WINDOW = new Range(Duration.ofMinutes(1), Duration.ofMinutes(1440));
  private static final Range HEARTBEAT_INTERVAL = new Range(Duration.ofMillis(100), Duration.ofHours(1));
  private static final Range SAFE_MODE_WINDOW = new Range(Duration.ZERO, Duration.ofHours(24));
  private static final Range MAX_LAG = new Range(Duration.ZERO, Duration.ofHours(1));

  private TuningRules() {}

  static void check(MigrationTaskSpec spec, Problems problems) {
    checkFullLoad(spec.getFullLoad(), problems);
    checkIncremental(spec.getIncremental(), problems);
    checkValidation(spec.getValidation(), problems);
    checkCutover(spec, problems);
    checkRetry(spec.getRetry(), problems);
    checkPrecheck(spec, problems);
  }

  private static void checkFullLoad(FullLoadSpec fullLoad, Problems problems) {
    range(fullLoad.getThreads(), 1, 64, "spec.fullLoad.threads", problems);
    range(fullLoad.getChunkRows(), 1000, 10_000_000, "spec.fullLoad.chunkRows", problems);
    range(fullLoad.getPods(), 1, StatusLimits.MAX_WORKER_PODS, "spec.fullLoad.pods", problems);
    checkThrottle(fullLoad.getThrottle(), "spec.fullLoad.throttle", problems);
  }

  private static void checkIncremental(IncrementalSpec incremental, Problems problems) {
    range(incremental.getApplyThreads(), 1, 64, "spec.incremental.applyThreads", problems);
    range(incremental.getBatchSize(), 1, 100_000, "spec.incremental.batchSize", problems);
    checkThrottle(incremental.getThrottle(), "spec.incremental.throttle", problems);
    duration(incremental.getSafeModeWindow(), SAFE_MODE_WINDOW,
        "spec.incremental.safeModeWindow", problems);
    checkOnlineDdl(incremental.getOnlineDdl(), problems);
    HeartbeatSpec heartbeat = incremental.getHeartbeat();
    duration(heartbeat.getInterval(), HEARTBEAT_INTERVAL, "spec.incremental.heartbeat.interval",
        problems);
    if (heartbeat.isEnabled() || heartbeat.getSchema() != null) {
      problems.addIf("spec.incremental.heartbeat.schema", heartbeat.getSchema(),
          Names.tableIdentifierProblem(heartbeat.getSchema()),
          "use a schema name of 1 to 64 characters without '.', '/' or '\\'");
    }
  }

  private static void checkOnlineDdl(OnlineDdlSpec onlineDdl, Problems problems) {
    String base = "spec.incremental.onlineDdl.";
    regex(onlineDdl.getShadowTableRegex(), base + "shadowTableRegex", true, problems);
    regex(onlineDdl.getUselessTableRegex(), base + "uselessTableRegex", false, problems);
  }

  private static void checkValidation(ValidationSpec validation, Problems problems) {
    range(validation.getChunkRows(), 1000, 10_000_000, "spec.validation.chunkRows", problems);
    if (validation.isEnabled() && validation.getWhen().isEmpty()) {
      problems.add("spec.validation.when", "[]", "lists no stage while validation is enabled",
          "list AfterFullLoad, Continuous and/or AtCutover, or set enabled: false");
    }
  }

  private static void checkCutover(MigrationTaskSpec spec, Problems problems) {
    duration(spec.getCutover().getMaxLag(), MAX_LAG, "spec.cutover.maxLag", problems);
    if (spec.getMode() == Mode.Full) {
      if (spec.getCutover().isRequested()) {
        problems.add("spec.cutover.requested", true, "has no effect in mode Full", "remove it;"
            + " a Full task completes after its copy, cutover applies to Incremental and All");
      }
      if (spec.getCutover().isReverse()) {
        problems.add("spec.cutover.reverse", true, "has no effect in mode Full", "remove it, or"
            + " use mode All to replicate, cut over and keep a reverse stream");
      }
    } else if (spec.getCutover().isReverse()) {
      checkReverse(spec, problems);
    }
  }

  /** The reverse stream writes to one old source and reads the target's binlog. */
  private static void checkReverse(MigrationTaskSpec spec, Problems problems) {
    if (spec.getSources().size() > 1) {
      problems.add("spec.cutover.reverse", true, "needs exactly one source, but the task has "
          + spec.getSources().size() + ": the target's changes cannot be told apart by source,"
          + " so which old source gets them is ambiguous", "set reverse: false, or migrate each"
          + " source in a task of its own to keep a reverse stream per source");
    }
    if (spec.getTarget() != null && !spec.getTarget().isWriteBinlog()) {
      problems.add("spec.cutover.reverse", true, "reads the target's binlog, but"
          + " spec.target.writeBinlog is false", "set spec.target.writeBinlog: true (and keep"
          + " log_bin and binlog_format=ROW on the target), or set reverse: false");
    }
  }

  private static void checkRetry(RetrySpec retry, Problems problems) {
    Optional<Duration> connection = duration(retry.getConnectionWindow(), CONNECTION_WINDOW,
        "spec.retry.connectionWindow", problems);
    Optional<Duration> other = duration(retry.getOtherWindow(), OTHER_WINDOW,
        "spec.retry.otherWindow", problems);
    if (connection.isPresent() && other.isPresent()
        && other.get().compareTo(connection.get()) >= 0) {
      problems.add("spec.retry.otherWindow", retry.getOtherWindow(), "must be shorter than"
          + " connectionWindow " + retry.getConnectionWindow(), "lower otherWindow below "
          + retry.getConnectionWindow() + " or raise connectionWindow");
    }
  }

  private static void checkPrecheck(MigrationTaskSpec spec, Problems problems) {
    for (int i = 0; i < spec.getPrecheck().getIgnore().size(); i++) {
      if (spec.getPrecheck().getIgnore().get(i) == null) {
        problems.add("spec.precheck.ignore[" + i + "]", null, "is not a check item",
            "use one of " + Arrays.toString(PrecheckItemName.values()));
      }
    }
  }

  private static void checkThrottle(ThrottleSpec throttle, String path, Problems problems) {
    if (throttle.getRowsPerSecond() != null && throttle.getRowsPerSecond() < 0) {
      problems.add(path + ".rowsPerSecond", throttle.getRowsPerSecond(), "is negative",
          "use a positive limit, or 0 for unlimited");
    }
    Quantity bytes = throttle.getBytesPerSecond();
    if (bytes != null) {
      try {
        if (Quantity.getAmountInBytes(bytes).compareTo(BigDecimal.ZERO) < 0) {
          problems.add(path + ".bytesPerSecond", bytes, "is negative",
              "use a positive limit such as 50Mi, or 0 for unlimited");
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        problems.add(path + ".bytesPerSecond", bytes, "is not a quantity",
            "write a size per second such as 50Mi, 500M or 1Gi");
      }
    }
  }

  private static void range(int value, int min, int max, String path, Problems problems) {
    if (value < min || value > max) {
      problems.add(path, value, "is out of range", "use a value from " + min + " to " + max);
    }
  }

  private static Optional<Duration> duration(String text, Range range, String path,
      Problems problems) {
    if (text == null) {
      problems.missing(path, "give a duration from " + range + ", or remove the field for the"
          + " default");
      return Optional.empty();
    }
    Optional<Duration> parsed = Durations.parse(text);
    if (parsed.isEmpty()) {
      problems.add(path, text, "is not a duration", "write a number with a unit, such as 90s,"
          + " 10m, 12h or 1h30m, from " + range);
    } else if (!range.contains(parsed.get())) {
      problems.add(path, text, "is out of range", "use a duration from " + range);
    }
    return parsed.filter(range::contains);
  }

  private static void regex(String text, String path, boolean needsGroup, Problems problems) {
    if (text == null) {
      problems.missing(path, "give a regular expression, or remove the field for the default");
      return;
    }
    try {
      Pattern pattern = Pattern.compile(text);
      if (needsGroup && pattern.matcher("").groupCount() < 1) {
        problems.add(path, text, "has no capturing group", "capture the real table name in"
            + " group 1, as in ^_(.+)_(?:gho|new)$");
      }
    } catch (PatternSyntaxException e) {
      problems.add(path, text, "is not a valid regular expression: " + e.getDescription(),
          "fix the expression (Java regex syntax), for example ^_(.+)_(?:gho|new)$");
    }
  }

  /** An inclusive range of durations. */
  record Range(Duration min, Duration max) {
    boolean contains(Duration value) {
      return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    @Override
    public String toString() {
      return Durations.format(min) + " to " + Durations.format(max);
    }
  }
}
