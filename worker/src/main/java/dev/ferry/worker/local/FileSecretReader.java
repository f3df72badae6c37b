package dev.ferry.worker.local;

import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.db.SecretReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads Secrets laid out like a mounted Kubernetes Secret: one file per key,
 * {@code DIR/<secret-name>/<key>}. One trailing newline (as {@code echo} writes) is dropped.
 */
public final class FileSecretReader implements SecretReader {

  private final Path directory;

  public FileSecretReader(Path directory) {
    this.directory = directory;
  }

  @Override
  public String read(String secretName, String key) {
    Path file = directory.resolve(secretName).resolve(key);
    if (!Files.isRegularFile(file)) {
      throw new MissingSecretException("Secret file " + file.toAbsolutePath().normalize()
          + " is missing: create it with the value of key '" + key + "' of Secret '"
          + secretName + "' (layout DIR/<secret-name>/<key>, DIR set by --secrets-dir)");
    }
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8);
      return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
          : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    } catch (IOException e) {
      throw new MissingSecretException("Secret file " + file.toAbsolutePath().normalize()
          + " cannot be read (" + e.getMessage() + "): check its permissions");
    }
  }
}
