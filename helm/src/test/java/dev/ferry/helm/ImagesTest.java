package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Dockerfiles build small non-root images of the shaded jars, and the images the chart
 * installs by default are the ones the chart's README tells you to build. (No Docker engine is
 * needed: this reads the files; the images themselves are built where Docker exists.)
 */
class ImagesTest {

  private static final Path ROOT = Path.of("..");
  private static final String RUNTIME_BASE = "gcr.io/distroless/java17-debian12:nonroot";

  @ParameterizedTest
  @CsvSource({"operator, ferry-operator", "worker, ferry"})
  void runtimeStageIsADistrolessNonRootJreRunningTheShadedJar(String module, String jar)
      throws IOException {
    String dockerfile = Files.readString(ROOT.resolve(module).resolve("Dockerfile"));
    List<String> froms = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results()
        .map(match -> match.group(1)).toList();
    assertThat(froms).containsExactly("maven:3.9-eclipse-temurin-17", RUNTIME_BASE);
    assertThat(dockerfile).contains("RUN ./mvnw -B -q -pl " + module + " -am package -DskipTests");
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("FROM "));
    assertThat(runtime)
        .contains("COPY --from=build /src/" + module + "/target/" + jar + ".jar /app/" + jar
            + ".jar")
        .containsPattern("(?m)^USER 65532:65532$")
        .containsPattern("(?m)^ENTRYPOINT \\[\"java\", .*\"-jar\", \"/app/" + jar + ".jar\"\\]$")
        .doesNotContainPattern("(?m)^(RUN|SHELL|CMD) ");
    for (String label : List.of("title", "description", "source", "version", "revision")) {
      assertThat(runtime).contains("org.opencontainers.image." + label + "=");
    }
    assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml")))
        .as("the Dockerfile copies the jar the module's shade plugin names")
        .contains("<finalName>" + jar + "</finalName>");
  }

  @Test
  void buildContextLeavesOutBuildOutputButKeepsTheMavenWrapper() throws IOException {
    List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    assertThat(ignored).contains("**/target", ".git")
        .noneMatch(line -> line.contains("mvn") || line.equals("*"));
  }

  @Test
  void chartDefaultsAreTheImagesTheReadmeBuilds() throws IOException {
    Container operator = Chart.render().one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME)
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    String workerImage = operator.getArgs().stream()
        .filter(arg -> arg.startsWith("--worker-image=")).findFirst().orElseThrow()
        .substring("--worker-image=".length());
    String readme = Files.readString(ROOT.resolve("helm").resolve("README.md"));
    assertThat(built(readme, "operator")).isEqualTo(operator.getImage());
    assertThat(built(readme, "worker")).isEqualTo(workerImage);
    assertThat(operator.getImage()).endsWith(":" + Chart.APP_VERSION);
    assertThat(workerImage).endsWith(":" + Chart.APP_VERSION);
  }

  private static String built(String readme, String module) {
    Matcher command = Pattern.compile("docker build -f " + module + "/Dockerfile +-t (\\S+) \\.")
        .matcher(readme);
    assertThat(command.find()).as("README builds %s/Dockerfile", module).isTrue();
    return command.group(1);
  }
}
