package dev.ferry.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * The CRD schema carries the spec's defaults, so the API server fills them in at apply time
 * ({@code kubectl get -o yaml} shows them): every scalar or list the Java types default has
 * the same {@code default} in the schema, and no schema default differs from Java's.
 */
class SchemaDefaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void schemaDefaultsAreTheJavaDefaults() throws IOException {
    List<String> differences = new ArrayList<>();
    compare("spec", spec(), JSON.valueToTree(defaultSpec()), differences);
    assertThat(differences).isEmpty();
  }

  private static void compare(String path, JSONSchemaProps schema, JsonNode javaDefault,
      List<String> differences) {
    if (schema.getProperties() != null && javaDefault != null && javaDefault.isObject()) {
      for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
        JsonNode value = javaDefault.get(property.getKey());
        String at = path + "." + property.getKey();
        JsonNode declared = property.getValue().getDefault();
        boolean defaulted = value != null && (value.isValueNode()
            || (value.isArray() && !value.isEmpty() && value.get(0).isValueNode()));
        if (defaulted && declared == null) {
          differences.add(at + ": Java default " + value + " is not in the schema");
        } else if (declared != null && (value == null || !sameValue(declared, value))) {
          differences.add(at + ": schema default " + declared + " but Java default " + value);
        }
        compare(at, property.getValue(), value, differences);
      }
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null
        && javaDefault != null && javaDefault.isArray() && !javaDefault.isEmpty()) {
      compare(path + "[]", schema.getItems().getSchema(), javaDefault.get(0), differences);
    }
  }

  /**
   * An object default must hold the Java defaults of its scalar fields (its lists and objects
   * are compared field by field on their own); scalars and lists are equal.
   */
  private static boolean sameValue(JsonNode declared, JsonNode value) {
    if (declared.isObject() && value.isObject()) {
      ObjectNode scalars = JSON.createObjectNode();
      ObjectNode expected = JSON.createObjectNode();
      declared.fields().forEachRemaining(field -> {
        if (field.getValue().isValueNode()) {
          expected.set(field.getKey(), field.getValue());
          scalars.set(field.getKey(), value.get(field.getKey()));
        }
      });
      return scalars.equals(expected);
    }
    return declared.equals(value) || (declared.isNumber() && value.isNumber()
        && declared.decimalValue().compareTo(value.decimalValue()) == 0);
  }

  /** A spec with every optional object present, as defaulting would leave it. */
  private static MigrationTaskSpec defaultSpec() {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    SourceSpec source = new SourceSpec();
    source.getTls().setCaSecret(new SecretKeyRef());
    spec.getSources().add(source);
    spec.setTarget(new TargetSpec());
    spec.getTarget().getTls().setCaSecret(new SecretKeyRef());
    spec.getObjects().getRules().add(new TableRule());
    return spec;
  }

  private static JSONSchemaProps spec() throws IOException {
    try (InputStream in = SchemaDefaultsTest.class.getResourceAsStream(
        "/META-INF/fabric8/" + CrdTest.FILE)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Serialization.unmarshal(text, CustomResourceDefinition.class).getSpec()
          .getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }
  }
}
