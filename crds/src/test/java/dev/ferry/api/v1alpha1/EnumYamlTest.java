package dev.ferry.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every enum value of the API survives being written unquoted, as the examples write them:
 * kubectl and most GitOps tools parse YAML 1.1, where On, Off, Yes, No, Y, N, true, false, null
 * and numbers are not text. SnakeYAML uses the same YAML 1.1 resolver.
 */
class EnumYamlTest {

  @Test
  void everyEnumValueOfTheSchemaIsTextWhenWrittenUnquoted() throws IOException {
    List<String> values = new ArrayList<>();
    collectEnums(root(), values);
    assertThat(values).as("enum values found in the CRD").hasSizeGreaterThan(20);

    Yaml yaml11 = new Yaml();
    List<String> misread = new ArrayList<>();
    for (String value : values) {
      Map<String, Object> parsed = yaml11.load("value: " + value);
      if (!value.equals(parsed.get("value"))) {
        misread.add(value + " (read as " + parsed.get("value") + ")");
      }
    }
    assertThat(misread).as("enum values YAML 1.1 does not read as text").isEmpty();
  }

  @Test
  void theDeprecatedGtidSpellingsAreWhatYamlWouldMisread() {
    Map<String, Object> parsed = new Yaml().load("a: On\nb: Off");
    assertThat(parsed).containsEntry("a", true).containsEntry("b", false);
    assertThat(GtidUsage.of(parsed.get("a"))).contains(GtidUsage.Required);
    assertThat(GtidUsage.of(parsed.get("b"))).contains(GtidUsage.Disabled);
    assertThat(GtidUsage.isDeprecated(parsed.get("a"))).isTrue();
    assertThat(GtidUsage.isDeprecated("Required")).isFalse();
  }

  private static void collectEnums(JSONSchemaProps props, List<String> out) {
    if (props.getEnum() != null) {
      props.getEnum().forEach(node -> out.add(node.asText()));
    }
    if (props.getProperties() != null) {
      props.getProperties().values().forEach(child -> collectEnums(child, out));
    }
    if (props.getItems() != null && props.getItems().getSchema() != null) {
      collectEnums(props.getItems().getSchema(), out);
    }
    if (props.getAdditionalProperties() != null
        && props.getAdditionalProperties().getSchema() != null) {
      collectEnums(props.getAdditionalProperties().getSchema(), out);
    }
  }

  private static JSONSchemaProps root() throws IOException {
    try (InputStream in = EnumYamlTest.class.getResourceAsStream(
        "/META-INF/fabric8/" + CrdTest.FILE)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Serialization.unmarshal(text, CustomResourceDefinition.class).getSpec()
          .getVersions().get(0).getSchema().getOpenAPIV3Schema();
    }
  }
}
