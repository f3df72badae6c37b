package dev.ferry.worker.kube;

import java.util.Locale;

/**
 * How a Secret key reaches a worker pod: the operator sets one environment variable per key the
 * task needs, from a {@code secretKeyRef}, named
 * {@code FERRY_SECRET_<SECRET>__<KEY>}, where {@code <SECRET>} and {@code <KEY>} are the Secret
 * name and key in upper case with every character other than A-Z and 0-9 replaced by {@code _}.
 * For example Secret {@code source-db}, key {@code password} is {@code
 * FERRY_SECRET_SOURCE_DB__PASSWORD}. Two different Secret keys that map to the same variable
 * ({@code a-b}/{@code x} and {@code a.b}/{@code x}) are a collision the operator refuses.
 */
public final class SecretEnv {

  /** Prefix of every variable that carries a Secret value. */
  public static final String PREFIX = "FERRY_SECRET_";

  private SecretEnv() {}

  /** The variable that carries key {@code key} of Secret {@code secretName}. */
  public static String variable(String secretName, String key) {
    return PREFIX + token(secretName) + "__" + token(key);
  }

  private static String token(String text) {
    StringBuilder token = new StringBuilder(text.length());
    for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
      token.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return token.toString();
  }
}
