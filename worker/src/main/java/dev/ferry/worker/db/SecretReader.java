package dev.ferry.worker.db;

/**
 * Reads one key of a Kubernetes Secret, wherever the worker finds it: mounted files, environment
 * variables set from {@code secretKeyRef}, or a test's map. Values never go to logs or status.
 */
@FunctionalInterface
public interface SecretReader {

  /**
   * The value of {@code key} in Secret {@code secretName}.
   *
   * @throws MissingSecretException when the Secret or the key is not there
   */
  String read(String secretName, String key);
}
