package dev.ferry.examples.quickstart;

import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.StandaloneServers;
import dev.ferry.worker.cli.ExitCodes;
import dev.ferry.worker.local.StateFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry quickstart}: a whole migration on two embedded MariaDB servers. Creates the
 * sample shop on the source, writes a MigrationTask (mode All, a rename and a filter) and runs it
 * with {@code ferry run --cutover-when-caught-up} while {@link ShopWriter} keeps changing the
 * source; the cutover fences the source read-only, which stops the writer, and validates. Prints
 * a summary, stops the servers and deletes their data, and leaves the manifest and the state file.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = {"Migrate a sample shop database between two embedded MariaDB servers while"
        + " an application keeps writing to it: schema, full load, binlog replication,"
        + " cutover and validation, then a summary.",
        "Runs on Linux x86-64 with Java 17: the MariaDB binaries come with this jar."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:migrated and validated", "1:bad usage",
        "4:failed (the reason is printed)", "130:interrupted"})
final class QuickstartCommand implements Callable<Integer> {

  /** The system property that tells ferry-testing where binaries and data directories live. */
  static final String SERVERS_DIR_PROPERTY = "ferry.testing.dir";

  @Option(names = "--rows", paramLabel = "N", defaultValue = "200000",
      description = "About how many rows the sample database has. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--writes-per-second", paramLabel = "N", defaultValue = "200",
      description = "Transactions per second of the background writer. Default:"
          + " ${DEFAULT-VALUE}.")
  int writesPerSecond;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the manifest, its Secret files and the state file are written (and"
          + " left). Default: a new temporary directory.")
  Path workDir;

  @Option(names = "--servers-dir", paramLabel = "DIR",
      description = "Where the MariaDB binaries are unpacked (kept for the next run) and the"
          + " servers' data directories live while they run. Default: the system property"
          + " ferry.testing.dir, else <tmp>/ferry-quickstart-servers.")
  Path serversDir;

  @Option(names = "--keep",
      description = "Keep both servers running after the summary, for exploring, until Ctrl-C.")
  boolean keep;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (rows < 1_000 || rows > 50_000_000) {
      err.println("--rows " + rows + " is out of range: give 1000 to 50000000");
      return ExitCodes.USAGE;
    }
    if (writesPerSecond < 1 || writesPerSecond > 10_000) {
      err.println("--writes-per-second " + writesPerSecond + " is out of range: give 1 to 10000");
      return ExitCodes.USAGE;
    }
    Path work = (workDir != null ? Files.createDirectories(workDir)
        : Files.createTempDirectory("ferry-quickstart-")).toAbsolutePath();
    Path servers = serversDir != null ? serversDir : Path.of(System.getProperty(
        SERVERS_DIR_PROPERTY, Path.of(System.getProperty("java.io.tmpdir"),
            "ferry-quickstart-servers").toString()));
    String previous = System.setProperty(SERVERS_DIR_PROPERTY,
        servers.toAbsolutePath().toString());
    StandaloneServers standalone = new StandaloneServers();
    Thread cleanup = new Thread(standalone::close, "ferry-quickstart-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      return migrate(standalone, work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Quickstart interrupted");
      return ExitCodes.INTERRUPTED;
    } catch (SQLException | IOException | RuntimeException e) {
      Throwable reason = e instanceof CompletionException && e.getCause() != null ? e.getCause()
          : e;
      err.println("Quickstart failed: " + reason.getMessage());
      return ExitCodes.FAILED;
    } finally {
      standalone.close();
      spec.commandLine().getOut().println("Servers stopped; their data directories are"
          + " deleted.");
      removeHook(cleanup);
      restore(previous);
    }
  }

  private int migrate(StandaloneServers standalone, Path work)
      throws SQLException, IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("Starting a MariaDB source and target (binaries unpacked under "
        + System.getProperty(SERVERS_DIR_PROPERTY) + " on first use)...");
    out.flush();
    CompletableFuture<DatabaseServer> startingTarget =
        CompletableFuture.supplyAsync(() -> standalone.target(Flavor.MARIADB));
    DatabaseServer source = standalone.source(Flavor.MARIADB);
    DatabaseServer target = startingTarget.join();
    out.println("Source: MariaDB " + source.version() + " on port " + source.port()
        + "; target on port " + target.port());

    SampleShop.Sizes sizes = SampleShop.Sizes.forTotal(rows);
    long begin = System.nanoTime();
    SampleShop.create(source, sizes);
    out.printf(Locale.ROOT, "Sample database %s: %,d rows in %d tables, 2 views, a trigger,"
        + " a function and a procedure (created in %.1f s)%n", SampleShop.SCHEMA, sizes.total(),
        SampleShop.TABLES.size(), Duration.ofNanos(System.nanoTime() - begin).toMillis()
        / 1000.0);

    QuickstartTask task = QuickstartTask.write(work, source, target);
    out.println("Manifest: " + task.manifest());
    out.printf("Running it while %s writes about %d transactions/s to the source...%n",
        ShopWriter.USER, writesPerSecond);
    out.flush();
    ShopWriter writer = ShopWriter.start(source, sizes, writesPerSecond);
    int code;
    try {
      code = ferryRun(task);
    } finally {
      writer.close();
    }
    if (code != ExitCodes.DONE) {
      err.println("ferry run exited with code " + code + " (see above); the manifest and the"
          + " state file are in " + work);
      return code;
    }

    MigrationTaskStatus status = new StateFile(task.stateFile()).read();
    Summary summary = new Summary(status, TableCounts.of(source, target), writer.report(),
        task);
    out.println();
    out.print(summary.text());
    List<String> problems = summary.problems();
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println("Quickstart failed: " + problem));
      return ExitCodes.FAILED;
    }
    out.println("Quickstart passed: every row that the task migrates is on the target, and"
        + " validation proved it.");
    if (keep) {
      keepRunning(out, source, target, task);
    }
    return ExitCodes.DONE;
  }

  /** {@code ferry run -f <manifest> --secrets-dir <dir> --cutover-when-caught-up}, in-process. */
  private int ferryRun(QuickstartTask task) {
    CommandLine run = spec.parent() == null ? null : spec.parent().subcommands().get("run");
    if (run == null) {
      throw new IllegalStateException("quickstart must be a subcommand of ferry (with run)");
    }
    return run.execute("-f", task.manifest().toString(), "--secrets-dir",
        task.secretsDir().toString(), "--cutover-when-caught-up");
  }

  private static void keepRunning(PrintWriter out, DatabaseServer source,
      DatabaseServer target, QuickstartTask task) throws InterruptedException {
    out.println();
    out.println("The servers keep running until Ctrl-C. Connect as " + source.adminUser()
        + " (password in " + task.secretsDir() + "/*/password):");
    out.println("  source (read-only since the cutover): " + source.jdbcUrl(SampleShop.SCHEMA));
    out.println("  target:                               " + target.jdbcUrl(SampleShop.SCHEMA));
    out.println("  mariadb client: " + source.baseDir().resolve("bin/mariadb")
        + " --skip-ssl -h " + target.host() + " -P " + target.port() + " -u "
        + target.adminUser() + " -p " + SampleShop.SCHEMA);
    out.flush();
    new CountDownLatch(1).await();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: the servers are being stopped by it
    }
  }

  private static void restore(String previous) {
    if (previous == null) {
      System.clearProperty(SERVERS_DIR_PROPERTY);
    } else {
      System.setProperty(SERVERS_DIR_PROPERTY, previous);
    }
  }
}
