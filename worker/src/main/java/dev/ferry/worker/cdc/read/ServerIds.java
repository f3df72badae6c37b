package dev.ferry.worker.cdc.read;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The server id the binlog reader presents to a source. Two clients with the same id make the
 * source drop the older connection, so each task and source gets its own: the spec's
 * {@code serverId} when set, otherwise a number derived from a SHA-256 hash of the task id and
 * source name. Derived ids lie in {@value #LOWEST_DERIVED}..{@value #HIGHEST}, above the small
 * numbers administrators give real servers and replicas (1, 2, 100, 1001, ...).
 */
public final class ServerIds {

  /** The lowest derived id. */
  public static final long LOWEST_DERIVED = 1_000_000L;
  /** The highest server id (2^32 - 1). */
  public static final long HIGHEST = 4_294_967_295L;

  private ServerIds() {}

  /** The spec's id when set, else the id derived from the task id and source name. */
  public static long of(Long specServerId, String taskId, String sourceName) {
    return specServerId != null ? specServerId : derive(taskId, sourceName);
  }

  /** A stable id for this task and source in {@value #LOWEST_DERIVED}..{@value #HIGHEST}. */
  public static long derive(String taskId, String sourceName) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((taskId + "/" + sourceName).getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (hash[i] & 0xFF);
      }
      return LOWEST_DERIVED + Long.remainderUnsigned(value, HIGHEST - LOWEST_DERIVED + 1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
