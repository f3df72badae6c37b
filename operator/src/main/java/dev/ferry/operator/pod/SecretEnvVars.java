package dev.ferry.operator.pod;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment variables that carry a task's Secret keys into its worker pods, each from a
 * {@code secretKeyRef} (the value never appears in the pod spec). One variable per key, named
 * {@code FERRY_SECRET_<SECRET>__<KEY>}: Secret name and key in upper case, every character other
 * than A-Z and 0-9 replaced by {@code _}. The worker's {@code EnvSecretReader} reads the same
 * names.
 */
public final class SecretEnvVars {

  /** Prefix of every variable that carries a Secret value. */
  public static final String PREFIX = "FERRY_SECRET_";

  private SecretEnvVars() {}

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

  /**
   * Problems with the names: two different Secret keys that map to the same variable. Empty
   * when every key has its own variable.
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

  /** The env entries of {@code keys}, each from its secretKeyRef. */
  public static List<EnvVar> envOf(List<SecretKey> keys) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    for (SecretKey key : keys) {
      String name = variable(key.secret(), key.key());
      env.putIfAbsent(name, new EnvVarBuilder().withName(name).withNewValueFrom()
          .withNewSecretKeyRef(key.key(), key.secret(), false).endValueFrom().build());
    }
    return List.copyOf(env.values());
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
