package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict}: warnings fail too. */
class ChartLintTest {

  @Test
  void lintsCleanInStrictMode() {
    LintResult result = new Helm(Chart.DIR).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]")
        || message.contains("[ERROR]"));
  }
}
