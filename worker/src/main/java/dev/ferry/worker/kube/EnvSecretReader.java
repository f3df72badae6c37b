package dev.ferry.worker.kube;

import dev.ferry.api.secrets.SecretEnvNames;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.db.SecretReader;
import java.util.Map;

/**
 * Reads Secret keys from the environment variables the operator set from {@code secretKeyRef}s,
 * named as {@link SecretEnvNames} describes. Values never appear in messages.
 */
public final class EnvSecretReader implements SecretReader {

  private final Map<String, String> environment;

  /** A reader of {@code environment} (in a pod: {@code System.getenv()}). */
  public EnvSecretReader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String read(String secretName, String key) {
    String variable = SecretEnvNames.variable(secretName, key);
    String value = environment.get(variable);
    if (value == null) {
      throw new MissingSecretException("key " + key + " of Secret " + secretName
          + " is not in the worker's environment (variable " + variable + "); check that the"
          + " Secret exists in the task's namespace with that key, then let the operator start"
          + " a new worker pod");
    }
    return value;
  }
}
