package dev.ferry.worker.db;

/** A database login. {@link #toString()} never shows the password. */
public record Credentials(String username, String password) {

  /** Reads the {@code username} and {@code password} keys of a credentials Secret. */
  public static Credentials fromSecret(SecretReader secrets, String secretName) {
    return new Credentials(secrets.read(secretName, "username"),
        secrets.read(secretName, "password"));
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
