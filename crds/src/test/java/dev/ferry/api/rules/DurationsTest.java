package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"720m, PT12H", "10m, PT10M", "1h30m, PT1H30M", "1.5s, PT1.5S", "500ms, PT0.5S",
      "0s, PT0S", "90s, PT1M30S", "1440m, PT24H"})
  void parsesKubernetesStyleDurations(String text, String iso) {
    assertThat(Durations.parse(text)).contains(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "m", "10 m", "-5m", "10min", "1d", "1h 30m", "ten"})
  void rejectsOtherText(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @Test
  void rejectsNullAndOverflow() {
    assertThat(Durations.parse(null)).isEmpty();
    assertThat(Durations.parse("99999999999999999h")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"PT12H, 12h", "PT1H30M, 1h30m", "PT45S, 45s", "PT0.25S, 250ms", "PT0S, 0s"})
  void formatsShortly(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
    assertThat(Durations.parse(text)).contains(Duration.parse(iso));
  }
}
