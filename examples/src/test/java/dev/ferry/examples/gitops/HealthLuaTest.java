package dev.ferry.examples.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.api.manifest.ManifestReader;
import dev.ferry.examples.gitops.HealthScript.HealthStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Argo CD health check of MigrationTask against its test data, in Argo CD's own layout
 * ({@code health_test.yaml} lists each {@code testdata/} object with the expected health), so
 * the test data is the specification of the script.
 */
class HealthLuaTest {

  private static final Path ARGOCD = Path.of("gitops", "argocd");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ARGO_CD_STATUSES =
      Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode test : YAML.readTree(ARGOCD.resolve("health_test.yaml").toFile())
        .path("tests")) {
      cases.add(Arguments.of(test.path("inputPath").asText(),
          test.path("healthStatus").path("status").asText(),
          test.path("healthStatus").path("message").asText()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("cases")
  void reportsTheExpectedHealth(String inputPath, String status, String message)
      throws IOException {
    JsonNode resource = YAML.readTree(ARGOCD.resolve(inputPath).toFile());

    HealthStatus health = script().evaluate(resource);

    assertThat(health).isEqualTo(new HealthStatus(status, message));
    assertThat(ARGO_CD_STATUSES).contains(health.status());
  }

  @ParameterizedTest(name = "{0} has the shape of a real MigrationTask")
  @MethodSource("cases")
  void testDataHasTheOperatorsStatusShape(String inputPath) throws IOException {
    String yaml = Files.readString(ARGOCD.resolve(inputPath));

    assertThat(ManifestReader.read(yaml).problems()).as(inputPath).isEmpty();
  }

  @Test
  void everyTestDataFileIsACaseAndEveryHealthIsCovered() throws IOException {
    Set<String> listed = cases().map(c -> (String) c.get()[0]).collect(Collectors.toSet());
    Set<String> statuses = cases().map(c -> (String) c.get()[1]).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(ARGOCD.resolve("testdata"))) {
      Set<String> present = files.map(file -> "testdata/" + file.getFileName())
          .collect(Collectors.toSet());
      assertThat(listed).isEqualTo(present);
    }
    assertThat(statuses).contains("Healthy", "Progressing", "Degraded", "Suspended");
  }

  @Test
  void argocdConfigMapPatchEmbedsTheSameScript() throws IOException {
    JsonNode patch = YAML.readTree(ARGOCD.resolve("argocd-cm-patch.yaml").toFile());

    assertThat(patch.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
    assertThat(patch.path("data").path("resource.customizations.health.ferry.dev_MigrationTask")
        .asText()).isEqualTo(Files.readString(ARGOCD.resolve("health.lua")));
  }

  private static HealthScript script() throws IOException {
    return new HealthScript(Files.readString(ARGOCD.resolve("health.lua")));
  }
}
