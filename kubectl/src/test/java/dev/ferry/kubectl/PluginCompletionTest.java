package dev.ferry.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code kubectl ferry <TAB>} offers. */
class PluginCompletionTest {

  @Test
  void subcommandsThenTheirOptions() {
    assertThat(PluginCompletion.candidates(new String[0])).contains("status", "cutover",
        "suspend", "resume", "retry", "logs");
    assertThat(PluginCompletion.candidates(new String[] {""})).contains("status", "logs");
    assertThat(PluginCompletion.candidates(new String[] {"s"}))
        .containsExactlyInAnyOrder("status", "suspend");
    assertThat(PluginCompletion.candidates(new String[] {"logs", "orders", "--t"}))
        .containsExactly("--tail");
    assertThat(PluginCompletion.candidates(new String[] {"cutover", "orders", "--"}))
        .contains("--timeout", "--no-wait", "--namespace").doesNotContain("--tail");
  }

  @Test
  void nothingForATaskName() {
    assertThat(PluginCompletion.candidates(new String[] {"status", "ord"})).isEmpty();
  }
}
