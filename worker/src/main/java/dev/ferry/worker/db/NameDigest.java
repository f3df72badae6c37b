package dev.ferry.worker.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Short, stable names for the objects Ferry creates on a server (named locks, triggers) from text
 * of any length and any characters, such as a task id or a table name.
 */
public final class NameDigest {

  private NameDigest() {}

  /** The first {@code bytes} bytes of the SHA-256 of {@code text}, as lower-case hex. */
  public static String of(String text, int bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
