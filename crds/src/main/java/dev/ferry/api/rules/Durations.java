package dev.ferry.api.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations written like Kubernetes does ({@code 720m}, {@code 1h30m},
 * {@code 1.5s}, {@code 500ms}).
 */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private Durations() {}

  /** The duration written in {@code text}, or empty when it is not a valid duration. */
  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPerUnit(part.group(2))));
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }

  /** Like {@link #parse} but for values already validated; fails loudly otherwise. */
  public static Duration parseValid(String text) {
    return parse(text).orElseThrow(
        () -> new IllegalArgumentException("not a duration: '" + text + "'"));
  }

  /** Short human form: {@code 720m}, {@code 1h30m}, {@code 45s}, {@code 250ms}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0) {
      out.append(millis).append("ms");
    }
    return out.length() == 0 ? duration.toNanos() + "ns" : out.toString();
  }

  private static BigDecimal nanosPerUnit(String unit) {
    switch (unit) {
      case "ms":
        return BigDecimal.valueOf(1_000_000L);
      case "s":
        return BigDecimal.valueOf(1_000_000_000L);
      case "m":
        return BigDecimal.valueOf(60_000_000_000L);
      case "h":
        return BigDecimal.valueOf(3_600_000_000_000L);
      default:
        throw new IllegalStateException("unit " + unit);
    }
  }
}
