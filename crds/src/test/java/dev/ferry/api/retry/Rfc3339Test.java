package dev.ferry.api.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

  @Test
  void readsWhatInstantWrites() {
    Instant instant = Instant.parse("2025-03-01T12:00:00.123456789Z");

    assertThat(Rfc3339.parse(instant.toString())).contains(instant);
  }

  @Test
  void readsOffsets() {
    assertThat(Rfc3339.parse("2025-03-01T14:00:00+02:00"))
        .contains(Instant.parse("2025-03-01T12:00:00Z"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  ", "soon", "2025-03-01", "12:00:00Z"})
  void anythingElseIsAbsent(String text) {
    assertThat(Rfc3339.parse(text)).isEmpty();
  }
}
