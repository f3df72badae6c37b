package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bin/ferry carries the JVM flags the worker image runs with, so both behave alike. */
class LauncherFlagsTest {

  @Test
  void theLauncherHasTheWorkerImagesJvmFlags() throws IOException {
    Matcher launcher = Pattern.compile("(?m)^DEFAULT_JVM_OPTS=\"([^\"]*)\"$")
        .matcher(Files.readString(Path.of("src/main/dist/bin/ferry")));
    assertThat(launcher.find()).isTrue();
    Matcher image = Pattern.compile("(?m)^ENTRYPOINT \\[\"java\", (.*), \"-jar\"")
        .matcher(Files.readString(Path.of("../worker/Dockerfile")));
    assertThat(image.find()).isTrue();

    List<String> imageFlags = Arrays.stream(image.group(1).split(", "))
        .map(flag -> flag.replace("\"", "")).toList();
    assertThat(launcher.group(1).split(" ")).containsExactlyElementsOf(imageFlags)
        .contains("-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=75");
  }
}
