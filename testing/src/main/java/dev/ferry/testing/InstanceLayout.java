package dev.ferry.testing;

import java.nio.file.Path;

/**
 * The files of one server instance, all under {@code root}: data and temporary directories, pid
 * file, logs, and the socket unless its path would be too long for a Unix socket.
 */
record InstanceLayout(Path root) {
  private static final int MAX_SOCKET_PATH = 100;

  Path data() {
    return root.resolve("data");
  }

  Path tmp() {
    return root.resolve("tmp");
  }

  Path socket() {
    Path socket = root.resolve("mysqld.sock");
    if (socket.toString().length() <= MAX_SOCKET_PATH) {
      return socket;
    }
    return Path.of(System.getProperty("java.io.tmpdir"), root.getFileName() + ".sock");
  }

  Path pidFile() {
    return root.resolve("mysqld.pid");
  }

  /** The server's own log ({@code --log-error}). */
  Path errorLog() {
    return root.resolve("error.log");
  }

  /** What the server process printed on standard output and error. */
  Path consoleLog() {
    return root.resolve("console.log");
  }

  /** SQL run by the server at its first start ({@code --init-file}). */
  Path initFile() {
    return root.resolve("init.sql");
  }
}
