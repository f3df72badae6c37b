package dev.ferry.api.secrets;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a Secret key reaches a worker pod, the one naming scheme the operator (which sets the
 * variables from {@code secretKeyRef}s) and the worker (which reads them) share: one environment
 * variable per key the task needs, named {@code FERRY_SECRET_<SECRET>__<KEY>}, where
 * {@code <SECRET>} and {@code <KEY>} are the Secret name and key in upper case with every
 * character other than A-Z and 0-9 replaced by {@code _}. For example Secret {@code source-db},
 * key {@code password} is {@code FERRY_SECRET_SOURCE_DB__PASSWORD}. Two different Secret keys
 * that map to the same variable ({@code a-b}/{@code x} and {@code a.b}/{@code x}) collide; the
 * operator refuses such a task.
 */
public final class SecretEnvNames {

  /** Prefix of every variable that carries a Secret value. */
  public static final String PREFIX = "FERRY_SECRET_";

  private SecretEnvNames() {}

  /** One Secret key a task needs, and which spec field asks for it. */
  public record SecretKey(String secret, String key, String field) {}

  /** The variable that carries key {@code key} of Secret {@code secret}. */
  public static String variable(String secret, String key) {
    return PREFIX + token(secret) + "__" + token(key);
  }

  /** Every Secret key the workers of {@code spec} read, in spec order, without repeats. */
  public static List<SecretKey> keysOf(MigrationTaskSpec spec) {
    List<SecretKey> keys = new ArrayList<>();
    for (int i = 0; i < spec.getSources().size(); i++) {
      addEndpoint(keys, spec.getSources().get(i), "spec.sources[" + i + "]");
    }
    if (spec.getTarget() != null) {
      addEndpoint(keys, spec.getTarget(), "spec.target");
    }
    return keys;
  }

  /** The Secret keys of the target alone: what a pod that only works on the target reads. */
  public static List<SecretKey> targetKeysOf(MigrationTaskSpec spec) {
    List<SecretKey> keys = new ArrayList<>();
    if (spec.getTarget() != null) {
      addEndpoint(keys, spec.getTarget(), "spec.target");
    }
    return keys;
  }

  /**
   * Problems with the names: two different Secret keys that map to the same variable, each with
   * the fix. Empty when every key has its own variable.
   */
  public static List<String> collisions(List<SecretKey> keys) {
    Map<String, SecretKey> byVariable = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (SecretKey key : keys) {
      SecretKey other = byVariable.putIfAbsent(variable(key.secret(), key.key()), key);
      if (other != null && !(other.secret().equals(key.secret())
          && other.key().equals(key.key()))) {
        problems.add(key.field() + ": Secret " + key.secret() + " key " + key.key()
            + " and Secret " + other.secret() + " key " + other.key() + " (" + other.field()
            + ") both map to environment variable " + variable(key.secret(), key.key())
            + ". Fix: rename one of the Secrets or keys so they differ in more than"
            + " punctuation or case");
      }
    }
    return problems;
  }

  private static void addEndpoint(List<SecretKey> keys, EndpointSpec endpoint, String path) {
    if (endpoint.getCredentialsSecret() != null) {
      add(keys, new SecretKey(endpoint.getCredentialsSecret(), "username",
          path + ".credentialsSecret"));
      add(keys, new SecretKey(endpoint.getCredentialsSecret(), "password",
          path + ".credentialsSecret"));
    }
    if (endpoint.getTls() != null && endpoint.getTls().getCaSecret() != null
        && endpoint.getTls().getCaSecret().getName() != null) {
      add(keys, new SecretKey(endpoint.getTls().getCaSecret().getName(),
          endpoint.getTls().getCaSecret().getKey(), path + ".tls.caSecret"));
    }
  }

  private static void add(List<SecretKey> keys, SecretKey key) {
    boolean known = keys.stream().anyMatch(k -> k.secret().equals(key.secret())
        && k.key().equals(key.key()));
    if (!known) {
      keys.add(key);
    }
  }

  private static String token(String text) {
    StringBuilder token = new StringBuilder(text.length());
    for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
      token.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return token.toString();
  }
}
