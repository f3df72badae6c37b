package dev.ferry.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where server binaries and instances live: the directory named by the system property {@value
 * #DIR_PROPERTY}, by default {@code target/ferry-testing} under the working directory (the module
 * directory when Surefire runs the tests, so {@code mvn clean} removes it).
 */
final class Workspace {
  static final String DIR_PROPERTY = "ferry.testing.dir";

  private Workspace() {}

  /** The directory for one unpacked distribution of server binaries. */
  static Path binaries(String name) {
    return root().resolve("binaries").resolve(name);
  }

  /** The directory for one template of a data directory. */
  static Path templates(String name) {
    return root().resolve("templates").resolve(name);
  }

  /** A new, empty directory for one server instance. */
  static Path newInstanceDir(String prefix) throws IOException {
    Path instances = Files.createDirectories(root().resolve("instances"));
    return Files.createTempDirectory(instances, prefix + "-");
  }

  /** A TCP port on the loopback interface that was free a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Deletes a file or a directory tree; does nothing if it does not exist. */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Path root() {
    return Path.of(System.getProperty(DIR_PROPERTY, "target/ferry-testing")).toAbsolutePath();
  }
}
