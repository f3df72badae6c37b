package dev.ferry.worker.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The status of a locally run task, kept in a YAML file beside the manifest. Writes are atomic
 * (a temporary file renamed over the old one), so a crash or Ctrl-C never leaves half a file.
 */
public final class StateFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path path;

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
    if (!Files.exists(path)) {
      return new MigrationTaskStatus();
    }
    try {
      MigrationTaskStatus status = YAML.readValue(path.toFile(), MigrationTaskStatus.class);
      return status == null ? new MigrationTaskStatus() : status;
    } catch (IOException e) {
      throw new UncheckedIOException("state file " + path + " cannot be read (" + e.getMessage()
          + "); restore it or delete it to start the task from scratch", e);
    }
  }

  /** Replaces the stored status atomically. */
  public void write(MigrationTaskStatus status) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
      try {
        YAML.writeValue(temp.toFile(), status);
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

  private void moveOver(Path temp) throws IOException {
    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
