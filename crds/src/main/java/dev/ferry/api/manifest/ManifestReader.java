package dev.ferry.api.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.util.ClassUtil;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.api.rules.Deprecations;
import dev.ferry.api.rules.Names;
import dev.ferry.api.rules.SpecProblem;
import dev.ferry.api.rules.SpecValidator;
import dev.ferry.api.v1alpha1.MigrationTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a MigrationTask from YAML text the way the API server would judge it, for tools that run
 * without Kubernetes: unknown fields, wrong types and bad enum values are reported with their
 * path, together with every spec validation problem, instead of failing at the first one.
 * Multi-document files are accepted; exactly one document must be a MigrationTask (the others,
 * Secrets for example, are skipped).
 */
public final class ManifestReader {

  private static final String API_VERSION = MigrationTask.GROUP + "/" + MigrationTask.VERSION;

  private ManifestReader() {}

  /** Parses and validates {@code yaml}. */
  public static ManifestResult read(String yaml) {
    List<SpecProblem> problems = new ArrayList<>();
    List<JsonNode> tasks = new ArrayList<>();
    try {
      for (JsonNode document : documents(yaml)) {
        if (document != null && "MigrationTask".equals(document.path("kind").asText())) {
          tasks.add(document);
        }
      }
    } catch (IOException e) {
      problems.add(new SpecProblem("(file)", null, "is not valid YAML: " + firstLine(e),
          "fix the YAML syntax at the position given"));
      return new ManifestResult(null, problems);
    }
    if (tasks.size() != 1) {
      problems.add(new SpecProblem("(file)", null, "holds " + tasks.size()
          + " MigrationTask documents", "keep exactly one document with kind: MigrationTask"));
      return new ManifestResult(null, problems);
    }
    JsonNode document = tasks.get(0);
    if (!API_VERSION.equals(document.path("apiVersion").asText())) {
      problems.add(new SpecProblem("apiVersion", document.path("apiVersion").asText(),
          "'" + document.path("apiVersion").asText() + "' is not served", "use apiVersion: "
          + API_VERSION));
    }
    MigrationTask task = bind(document, problems);
    if (task == null) {
      return new ManifestResult(null, problems);
    }
    String name = task.getMetadata() == null ? null : task.getMetadata().getName();
    Names.dnsSubdomainProblem(name).ifPresent(problem -> problems.add(new SpecProblem(
        "metadata.name", name, problem, "name the task with lower-case letters, digits and"
        + " '-' (for example orders-to-polardb)")));
    Set<String> unreadable = problems.stream().map(SpecProblem::path)
        .collect(Collectors.toSet());
    SpecValidator.validate(task.getSpec()).stream()
        .filter(problem -> !unreadable.contains(problem.path()))
        .forEach(problems::add);
    return new ManifestResult(task, problems, Deprecations.of(task.getSpec()));
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    try (MappingIterator<JsonNode> iterator = mapper.readerFor(JsonNode.class).readValues(yaml)) {
      return iterator.readAll();
    }
  }

  private static MigrationTask bind(JsonNode document, List<SpecProblem> problems) {
    ObjectMapper mapper = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .addHandler(new Collector(problems));
    try {
      return mapper.treeToValue(document, MigrationTask.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problems.add(new SpecProblem("(document)", null, "cannot be read: " + firstLine(e),
          "fix the field named in the message"));
      return null;
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Records unknown fields and unreadable values, and lets binding go on. */
  private static final class Collector extends DeserializationProblemHandler {

    private final List<SpecProblem> problems;

    Collector(List<SpecProblem> problems) {
      this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
        JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
        throws IOException {
      String parent = path(parser.getParsingContext().getParent());
      String path = parent.isEmpty() ? propertyName : parent + "." + propertyName;
      problems.add(new SpecProblem(path, null, "is not a field of MigrationTask",
          "remove it or correct its spelling (kubectl explain migrationtask." + path + ")"));
      parser.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType,
        String value, String failureMessage) {
      String path = path(context.getParser().getParsingContext());
      String fix = targetType.isEnum()
          ? "use one of " + Arrays.toString(targetType.getEnumConstants())
          : "write a value of type " + targetType.getSimpleName();
      problems.add(new SpecProblem(path, value, "'" + value + "' is not valid here", fix));
      return null;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType,
        JsonToken token, JsonParser parser, String failureMessage)
        throws IOException {
      JsonStreamContext at = token.isStructStart()
          ? parser.getParsingContext().getParent() : parser.getParsingContext();
      Class<?> type = targetType.getRawClass();
      problems.add(new SpecProblem(path(at), null, "has the wrong type (" + describe(token)
          + ")", "write a value of type " + type.getSimpleName()));
      parser.skipChildren();
      return ClassUtil.defaultValue(type);
    }

    private static String describe(JsonToken token) {
      switch (token) {
        case START_ARRAY:
          return "a list";
        case START_OBJECT:
          return "an object";
        default:
          return token.isNumeric() ? "a number" : token.isBoolean() ? "a boolean" : "text";
      }
    }

    private static String path(JsonStreamContext context) {
      List<String> parts = new ArrayList<>();
      for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
        if (at.inArray()) {
          parts.add(0, "[" + at.getCurrentIndex() + "]");
        } else if (at.getCurrentName() != null) {
          parts.add(0, "." + at.getCurrentName());
        }
      }
      String joined = String.join("", parts);
      return joined.startsWith(".") ? joined.substring(1) : joined;
    }
  }
}
