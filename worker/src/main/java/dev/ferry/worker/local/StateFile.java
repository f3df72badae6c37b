package dev.ferry.worker.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The status of a locally run task, kept in a YAML file beside the manifest, with the id of the
 * run it belongs to ({@value #RUN_ID}: created with the file, so a new state file is a new run).
 * Writes are atomic (a temporary file renamed over the old one), so a crash or Ctrl-C never
 * leaves half a file.
 */
public final class StateFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The field of the file that holds the run id, beside the status fields. */
  static final String RUN_ID = "runId";

  private final Path path;
  private String runId;

  public StateFile(Path path) {
    this.path = path;
  }

  /** The default state file of a manifest: {@code <dir>/<task-name>.status.yaml}. */
  public static Path besideManifest(Path manifest, String taskName) {
    Path dir = manifest.toAbsolutePath().getParent();
    return dir.resolve(taskName + ".status.yaml");
  }

  public Path path() {
    return path;
  }

  /** The stored status, or a fresh one when the file does not exist yet. */
  public MigrationTaskStatus read() {
    ObjectNode stored = readTree();
    stored.remove(RUN_ID);
    try {
      MigrationTaskStatus status = YAML.treeToValue(stored, MigrationTaskStatus.class);
      return status == null ? new MigrationTaskStatus() : status;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * The id of the run this file belongs to; a file without one (new, or written before run ids
   * existed) gets a new random id, written at once.
   */
  public synchronized String runId() {
    if (runId == null) {
      Optional<String> stored = storedRunId();
      if (stored.isPresent()) {
        runId = stored.get();
      } else {
        MigrationTaskStatus status = read();
        runId = UUID.randomUUID().toString();
        write(status);
      }
    }
    return runId;
  }

  /** The run id the file holds; empty when there is no file or it has none yet. */
  public Optional<String> storedRunId() {
    JsonNode stored = readTree().get(RUN_ID);
    return stored == null || stored.asText().isBlank() ? Optional.empty()
        : Optional.of(stored.asText());
  }

  /** Replaces the stored status atomically, keeping the run id. */
  public void write(MigrationTaskStatus status) {
    ObjectNode content = YAML.createObjectNode().put(RUN_ID, runId());
    content.setAll((ObjectNode) YAML.valueToTree(status));
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
      try {
        YAML.writeValue(temp.toFile(), content);
        moveOver(temp);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("state file " + path + " cannot be written ("
          + e.getMessage() + ")", e);
    }
  }

  /** YAML text of a status, as written to the file. */
  public static String toYaml(MigrationTaskStatus status) {
    try {
      return YAML.writeValueAsString(status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode readTree() {
    if (!Files.exists(path)) {
      return YAML.createObjectNode();
    }
    try {
      JsonNode tree = YAML.readTree(path.toFile());
      return tree instanceof ObjectNode object ? object : YAML.createObjectNode();
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private UncheckedIOException unreadable(IOException e) {
    return new UncheckedIOException("state file " + path + " cannot be read (" + e.getMessage()
        + "); restore it or delete it to start the task from scratch", e);
  }

  private void moveOver(Path temp) throws IOException {
    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
