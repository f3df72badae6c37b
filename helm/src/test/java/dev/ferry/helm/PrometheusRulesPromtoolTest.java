package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool test rules} on the chart's alert rules (as rendered with the default values)
 * with the unit tests of {@code prometheus-rules-test.yaml}: each alert fires on the series that
 * should raise it, with its labels and annotations, and stays silent on the others. Skipped where
 * promtool is not on the PATH (Debian's {@code prometheus} package ships it).
 */
class PrometheusRulesPromtoolTest {

  @TempDir
  Path dir;

  @Test
  void alertRulesPassTheirPromtoolUnitTests() throws Exception {
    Path promtool = onPath("promtool");
    assumeTrue(promtool != null, "promtool is not on the PATH");
    Files.writeString(dir.resolve("rules.yaml"),
        Serialization.asYaml(PrometheusRules.ruleFile(PrometheusRules.rendered())));
    try (InputStream tests = getClass().getResourceAsStream("/prometheus-rules-test.yaml")) {
      Files.copy(tests, dir.resolve("rules-test.yaml"));
    }

    Process process = new ProcessBuilder(promtool.toString(), "test", "rules", "rules-test.yaml")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS");
  }

  private static Path onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .map(directory -> Path.of(directory, command))
        .filter(Files::isExecutable)
        .findFirst().orElse(null);
  }
}
