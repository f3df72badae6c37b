package dev.ferry.examples.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.api.manifest.ManifestReader;
import dev.ferry.api.manifest.ManifestResult;
import dev.ferry.api.v1alpha1.MigrationTask;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One example file as a user applies it: the MigrationTask read the way {@code ferry run} reads
 * it, the Secrets beside it, and the kinds of every document.
 */
record ExampleManifest(Path file, ManifestResult task, List<Secret> secrets, List<String> kinds) {

  /** The folder that holds the example manifests, relative to the examples module. */
  static final Path FOLDER = Path.of("manifests");

  /** Every example manifest, sorted by name. */
  static List<Path> files() {
    try (var listing = Files.list(FOLDER)) {
      return listing.filter(path -> path.getFileName().toString().endsWith(".yaml")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code file}: the task through {@link ManifestReader}, Secrets strictly. */
  static ExampleManifest read(Path file) {
    try {
      String yaml = Files.readString(file);
      ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
      List<Secret> secrets = new ArrayList<>();
      List<String> kinds = new ArrayList<>();
      try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class)
          .readValues(yaml)) {
        for (JsonNode document : documents.readAll()) {
          String kind = document.path("kind").asText();
          kinds.add(kind);
          if (kind.equals("Secret")) {
            secrets.add(mapper.treeToValue(document, Secret.class));
          }
        }
      }
      return new ExampleManifest(file, ManifestReader.read(yaml), secrets, kinds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads the example named {@code name} in {@link #FOLDER}. */
  static ExampleManifest named(String name) {
    return read(FOLDER.resolve(name));
  }

  /** The task, after asserting that it was read without problems. */
  MigrationTask validTask() {
    assertThat(task.problems()).as(file.toString()).isEmpty();
    return task.task();
  }

  /** The Secret named {@code name} in this file. */
  Optional<Secret> secret(String name) {
    return secrets.stream().filter(s -> name.equals(s.getMetadata().getName())).findFirst();
  }

  /** Whether {@code secret} has {@code key} in data or stringData. */
  static boolean hasKey(Secret secret, String key) {
    return (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
  }
}
