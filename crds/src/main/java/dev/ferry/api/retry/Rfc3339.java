package dev.ferry.api.retry;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the RFC 3339 timestamps kept in the status (written with {@link Instant#toString()}). */
public final class Rfc3339 {

  private Rfc3339() {}

  /** The instant written in {@code text}; empty when it is absent or not a timestamp. */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.trim()));
    } catch (DateTimeParseException notATimestamp) {
      return Optional.empty();
    }
  }
}
