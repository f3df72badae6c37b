package dev.ferry.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CRD generated from the Java types at build time: its committed copy in the Helm chart must
 * not drift, and it must be useful to {@code kubectl get} and {@code kubectl explain}.
 */
class CrdTest {

  static final String FILE = "migrationtasks.ferry.dev-v1.yml";
  static final Path COMMITTED = Path.of("..", "helm", "ferry-operator", "files", "crds", FILE);
  /** Fields whose schema comes from Kubernetes' own types, documented upstream. */
  private static final Set<String> UPSTREAM_TYPES = Set.of(
      "spec.worker.resources", "spec.worker.tolerations", "status.conditions");

  @Test
  void committedCopyInTheHelmChartMatchesTheGeneratedCrd() throws IOException {
    String generated = generated();
    if ("true".equals(System.getProperty("ferry.crd.update"))) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, generated);
    }
    assertThat(COMMITTED).as("committed CRD; refresh it with "
            + "./mvnw -pl crds verify -Dferry.crd.update=true")
        .exists();
    assertThat(Files.readString(COMMITTED)).as("%s differs from the CRD generated from the Java"
            + " types; refresh it with ./mvnw -pl crds verify -Dferry.crd.update=true", COMMITTED)
        .isEqualTo(generated);
  }

  @Test
  void namesScopeSubresourceAndPrinterColumns() throws IOException {
    CustomResourceDefinition crd = crd();
    assertThat(crd.getSpec().getGroup()).isEqualTo("ferry.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("mt");
    CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getSubresources().getStatus()).isNotNull();
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactlyInAnyOrder("Phase", "Lag", "Progress", "Ready", "Message", "Age");
    assertThat(version.getAdditionalPrinterColumns())
        .filteredOn(column -> column.getName().equals("Message")).singleElement()
        .satisfies(column -> assertThat(column.getPriority()).as("-o wide only").isEqualTo(1));
  }

  @Test
  void everyFieldHasADescriptionForKubectlExplain() throws IOException {
    JSONSchemaProps root = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    List<String> undocumented = new ArrayList<>();
    collectUndocumented("spec", root.getProperties().get("spec"), undocumented, true);
    collectUndocumented("status", root.getProperties().get("status"), undocumented, true);
    assertThat(undocumented).as("fields without description").isEmpty();
  }

  @Test
  void requiredFieldsAndEnumsAreInTheSchema() throws IOException {
    JSONSchemaProps spec = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
        .getProperties().get("spec");
    assertThat(spec.getRequired()).containsExactlyInAnyOrder("mode", "sources", "target");
    assertThat(spec.getProperties().get("mode").getEnum()).extracting(Object::toString)
        .containsExactlyInAnyOrder("\"Full\"", "\"Incremental\"", "\"All\"");
    assertThat(spec.getProperties().get("sources").getMinItems()).isEqualTo(1L);
  }

  private static void collectUndocumented(String path, JSONSchemaProps props, List<String> out,
      boolean isRoot) {
    if (!isRoot && (props.getDescription() == null || props.getDescription().isBlank())) {
      out.add(path);
    }
    if (UPSTREAM_TYPES.contains(path)) {
      return;
    }
    JSONSchemaProps items = props.getItems() == null ? null : props.getItems().getSchema();
    if (items != null && items.getProperties() != null) {
      items.getProperties().forEach((name, child) ->
          collectUndocumented(path + "[]." + name, child, out, false));
    }
    Map<String, JSONSchemaProps> properties = props.getProperties();
    if (properties != null) {
      properties.forEach((name, child) -> collectUndocumented(path + "." + name, child, out,
          false));
    }
  }

  private static CustomResourceDefinition crd() throws IOException {
    return Serialization.unmarshal(generated(), CustomResourceDefinition.class);
  }

  private static String generated() throws IOException {
    try (InputStream in = CrdTest.class.getResourceAsStream("/META-INF/fabric8/" + FILE)) {
      assertThat(in).as("generated CRD on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
