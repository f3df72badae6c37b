package dev.ferry.api.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {

  @Test
  void doublesFromFiveSecondsUpToFiveMinutes() {
    assertThat(IntStream.rangeClosed(1, 9).mapToObj(Backoff::delayAfter))
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(160),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5));
  }

  @ParameterizedTest
  @ValueSource(ints = {31, 32, 63, 64, 1000, Integer.MAX_VALUE})
  void staysCappedForHugeAttemptNumbers(int attempt) {
    assertThat(Backoff.delayAfter(attempt)).isEqualTo(Backoff.MAX_DELAY);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void rejectsAttemptsBeforeTheFirstFailure(int attempt) {
    assertThatThrownBy(() -> Backoff.delayAfter(attempt))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
