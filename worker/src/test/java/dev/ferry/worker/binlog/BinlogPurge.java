package dev.ferry.worker.binlog;

import static org.awaitility.Awaitility.await;

import dev.ferry.testing.DatabaseServer;
import java.time.Duration;

/**
 * Purges a test server's binlogs for sure: MariaDB keeps a just-closed file until its binlog
 * checkpoint is written and skips it in {@code PURGE BINARY LOGS} meanwhile, so the purge is
 * repeated until the file listed first is the one asked for.
 */
public final class BinlogPurge {

  private BinlogPurge() {}

  /** Purges every file before {@code file}. */
  public static void to(DatabaseServer server, String file) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
      server.execute("PURGE BINARY LOGS TO '" + file + "'");
      return server.query("SHOW BINARY LOGS").get(0).get(0).equals(file);
    });
  }

  /** Closes the current file and purges every file before the new one. */
  public static void all(DatabaseServer server) throws Exception {
    server.execute("FLUSH BINARY LOGS");
    to(server, currentFile(server));
  }

  /** The file the server writes now. */
  public static String currentFile(DatabaseServer server) throws Exception {
    return server.query("SHOW MASTER STATUS").get(0).get(0).toString();
  }
}
