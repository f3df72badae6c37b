package dev.ferry.api.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code x-kubernetes-validations} rules of the generated CRD, evaluated with the CEL Java
 * library the way the API server evaluates them: each rule on every value its schema node
 * describes, {@code self} bound to that value. The fabric8 mock runs no rule, so this is how
 * the tests see what {@code kubectl apply} would refuse.
 */
final class CrdCelRules {

  private static final String CRD = "/META-INF/fabric8/migrationtasks.ferry.dev-v1.yml";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .addLibraries(CelExtensions.strings())
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .addLibraries(CelExtensions.strings())
      .build();

  /** One rule at its place in the schema: property names, "[]" for list items. */
  record Rule(List<String> schemaPath, String expression, String fieldPath, String message,
      CelRuntime.Program program) {}

  /** A rule that failed on a value: where (data path plus the rule's fieldPath) and why. */
  record Failure(String path, String message) {}

  private final List<Rule> rules = new ArrayList<>();

  private CrdCelRules() {}

  /** Every rule of the spec's schema, compiled. */
  static CrdCelRules ofSpec() {
    try (InputStream in = CrdCelRules.class.getResourceAsStream(CRD)) {
      Map<?, ?> crd = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
      Map<?, ?> root = (Map<?, ?>) path(crd, "spec", "versions", 0, "schema", "openAPIV3Schema",
          "properties", "spec");
      CrdCelRules found = new CrdCelRules();
      found.collect(root, new ArrayList<>());
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Rule> rules() {
    return rules;
  }

  /**
   * The rules that fail on {@code spec}, as the API server would report them. The spec's JSON
   * holds the Java defaults (the schema's, as SchemaDefaultsTest shows) and gtid as written.
   */
  List<Failure> failures(MigrationTaskSpec spec) {
    Object data = normalize(JSON.convertValue(spec, Map.class));
    List<Failure> failures = new ArrayList<>();
    for (Rule rule : rules) {
      for (Map.Entry<String, Object> at : values(data, rule.schemaPath(), "spec").entrySet()) {
        if (!evaluate(rule, at.getValue())) {
          failures.add(new Failure(at.getKey() + rule.fieldPath(), rule.message()));
        }
      }
    }
    return failures;
  }

  static boolean evaluate(Rule rule, Object self) {
    try {
      return Boolean.TRUE.equals(rule.program().eval(Map.of("self", self)));
    } catch (CelEvaluationException e) {
      throw new AssertionError("rule " + rule.expression() + " cannot be evaluated on " + self
          + " (the API server would refuse the object): " + e.getMessage(), e);
    }
  }

  private void collect(Map<?, ?> schema, List<String> at) {
    Object validations = schema.get("x-kubernetes-validations");
    if (validations instanceof List<?> list) {
      for (Object each : list) {
        Map<?, ?> rule = (Map<?, ?>) each;
        String expression = (String) rule.get("rule");
        String fieldPath = rule.get("fieldPath") == null ? "" : (String) rule.get("fieldPath");
        rules.add(new Rule(List.copyOf(at), expression, fieldPath, (String) rule.get("message"),
            compile(expression)));
      }
    }
    if (schema.get("properties") instanceof Map<?, ?> properties) {
      properties.forEach((name, child) -> {
        List<String> next = new ArrayList<>(at);
        next.add((String) name);
        collect((Map<?, ?>) child, next);
      });
    }
    if (schema.get("items") instanceof Map<?, ?> items) {
      List<String> next = new ArrayList<>(at);
      next.add("[]");
      collect(items, next);
    }
  }

  private static CelRuntime.Program compile(String expression) {
    try {
      CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
      return RUNTIME.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new AssertionError("rule does not compile: " + expression, e);
    }
  }

  /** The values under {@code schemaPath} in {@code data}, by their data path. */
  private static Map<String, Object> values(Object data, List<String> schemaPath, String path) {
    Map<String, Object> found = new LinkedHashMap<>();
    if (data == null) {
      return found;
    }
    if (schemaPath.isEmpty()) {
      found.put(path, data);
      return found;
    }
    String head = schemaPath.get(0);
    List<String> rest = schemaPath.subList(1, schemaPath.size());
    if (head.equals("[]") && data instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        found.putAll(values(list.get(i), rest, path + "[" + i + "]"));
      }
    } else if (data instanceof Map<?, ?> map) {
      found.putAll(values(map.get(head), rest, path + "." + head));
    }
    return found;
  }

  /** JSON numbers as CEL sees them: integers are int (long), the rest double. */
  private static Object normalize(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, normalize(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CrdCelRules::normalize).toList();
    }
    if (value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    return value;
  }

  private static Object path(Object at, Object... keys) {
    Object current = at;
    for (Object key : keys) {
      current = key instanceof Integer index ? ((List<?>) current).get(index)
          : ((Map<?, ?>) current).get(key);
    }
    return current;
  }
}
