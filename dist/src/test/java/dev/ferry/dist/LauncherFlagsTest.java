package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/ferry and the worker image take their JVM flags from one file, lib/ferry-jvm.options, so
 * both run alike (ArchiveIT checks that the JVM bin/ferry starts has them).
 */
class LauncherFlagsTest {

  private static final String OPTIONS = "src/main/dist/lib/ferry-jvm.options";

  @Test
  void theLauncherAndTheWorkerImageReadTheSameFlagsFile() throws IOException {
    assertThat(Files.readString(Path.of("src/main/dist/bin/ferry")))
        .containsPattern("(?m)^JVM_OPTIONS_FILE=\\$FERRY_HOME/lib/ferry-jvm\\.options$")
        .doesNotContainPattern("(?m)^DEFAULT_JVM_OPTS=");

    String dockerfile = Files.readString(Path.of("../worker/Dockerfile"));
    Matcher copy = Pattern.compile("(?m)^COPY dist/" + Pattern.quote(OPTIONS) + " (\\S+)$")
        .matcher(dockerfile);
    assertThat(copy.find()).as("worker/Dockerfile copies %s", OPTIONS).isTrue();
    assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"@"
        + Pattern.quote(copy.group(1)) + "\", \"-jar\", ");
  }

  @Test
  void theFlagsFileHoldsTheRecommendedFlags() throws IOException {
    assertThat(Files.readAllLines(Path.of(OPTIONS)).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")))
        .containsExactly("-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=75",
            "-XX:+ExitOnOutOfMemoryError");
  }
}
