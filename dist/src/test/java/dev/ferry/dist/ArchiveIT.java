package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.RealDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it (failsafe runs this after the package phase built it):
 * unpacked into an empty directory, run through its launchers with a bare environment (only
 * PATH, JAVA_HOME and a fresh HOME: no Maven repository, no build output on a class path),
 * against real MariaDB servers.
 */
class ArchiveIT {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  @TempDir
  static Path machine;

  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    Path archive = Path.of(System.getProperty("ferry.archive"));
    assertThat(archive).exists();
    Path opt = Files.createDirectories(machine.resolve("opt"));
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", opt.toString())
        .inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    try (var unpacked = Files.list(opt)) {
      home = unpacked.findFirst().orElseThrow();
    }
    assertThat(home.getFileName().toString()).startsWith("ferry-");
  }

  @Test
  void theArchiveHasLaunchersJarsCompletionAndReadme() {
    assertThat(home.resolve("bin/ferry")).isExecutable();
    assertThat(home.resolve("bin/kubectl-ferry")).isExecutable();
    assertThat(home.resolve("bin/kubectl_complete-ferry")).isExecutable();
    assertThat(home.resolve("share/bash-completion/completions/ferry")).content()
        .contains("_complete_ferry", "cutover-when-caught-up", "log-format");
    assertThat(home.resolve("share/bash-completion/completions/kubectl-ferry")).content()
        .contains("complete -F _complete_kubectl-ferry", "cutover", "retry", "--tail");
    assertThat(home.resolve("README.md")).exists();
    assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/ferry-worker-*.jar")
        .isDirectoryContaining("glob:**/ferry-kubectl-*.jar")
        .isDirectoryContaining("glob:**/logback-classic-*.jar")
        .isDirectoryNotContaining("glob:**/slf4j-simple-*.jar");
  }

  @Test
  void theCompletionScriptsCompleteSubcommandsAndOptionsInBash() throws Exception {
    Path completions = home.resolve("share/bash-completion/completions");
    Run bash = run(List.of("/bin/bash", "-c", String.join("\n",
        ". '" + completions.resolve("ferry") + "'",
        ". '" + completions.resolve("kubectl-ferry") + "'",
        "COMP_WORDS=(ferry ru); COMP_CWORD=1; _complete_ferry; echo \"${COMPREPLY[*]}\"",
        "COMP_WORDS=(kubectl-ferry st); COMP_CWORD=1; _complete_kubectl-ferry;"
            + " echo \"${COMPREPLY[*]}\"",
        "COMP_WORDS=(kubectl-ferry logs orders --ta); COMP_CWORD=3; _complete_kubectl-ferry;"
            + " echo \"${COMPREPLY[*]}\"")));

    assertThat(bash.out().lines()).as(bash.err()).containsExactly("run", "status", "--tail");
  }

  @Test
  void kubectlCompletesThePluginThroughItsCompletionCommand() throws Exception {
    Run subcommands = run(List.of("bin/kubectl_complete-ferry", "s"));
    assertThat(subcommands.code()).as(subcommands.err()).isZero();
    assertThat(subcommands.out().lines()).containsExactlyInAnyOrder("status", "suspend", ":4");

    Run options = run(List.of("bin/kubectl_complete-ferry", "logs", "orders", "--ta"));
    assertThat(options.out().lines()).as(options.err()).containsExactly("--tail", ":4");
  }

  @Test
  void versionsComeFromTheJars() throws Exception {
    Run ferry = run(List.of("bin/ferry", "--version"));
    assertThat(ferry.code()).as(ferry.err()).isZero();
    assertThat(ferry.out().strip()).isEqualTo("ferry " + System.getProperty("ferry.version"));

    Run plugin = run(List.of("bin/kubectl-ferry", "--version"));
    assertThat(plugin.code()).as(plugin.err()).isZero();
    assertThat(plugin.out().strip())
        .isEqualTo("kubectl-ferry " + System.getProperty("ferry.version"));
  }

  @Test
  void ferryRunsWithItsFlagsFileWhichFerryOptsOverrides() throws Exception {
    Run ferry = run(List.of("bin/ferry", "--version"),
        Map.of("FERRY_OPTS", "-XX:+PrintFlagsFinal -XX:MaxRAMPercentage=50"));

    assertThat(ferry.code()).as(ferry.err()).isZero();
    assertThat(ferry.out())
        .containsPattern("TieredStopAtLevel += 1 +\\{product\\} \\{command line\\}")
        .containsPattern("ExitOnOutOfMemoryError += true +\\{product\\} \\{command line\\}")
        .containsPattern("MaxRAMPercentage += 50\\.0+ +\\{product\\} \\{command line\\}");
  }

  @Test
  void aUsageErrorExitsOne() throws Exception {
    Run ferry = run(List.of("bin/ferry", "run", "-f", "task.yaml", "--no-such-option"));
    assertThat(ferry.code()).isEqualTo(1);
    assertThat(ferry.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void runMigratesATaskWithJsonLogs() throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    pair.source().execute("CREATE DATABASE shop",
        "CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
        "INSERT INTO shop.items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    Path manifest = writeTask(pair);

    Run run = run(List.of("bin/ferry", "run", "-f", manifest.toString(), "--secrets-dir",
        machine.resolve("secrets").toString(), "--log-format", "json"));

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("Task items completed");
    List<String> logLines = run.err().lines().filter(line -> !line.isBlank()).toList();
    assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(line)
        .startsWith("{\"timestamp\":\"").contains("\"level\":", "\"logger\":", "\"message\":")
        .endsWith("}"));
    assertThat(run.err()).doesNotContain(pair.source().adminPassword());
    assertThat(pair.target().query("SELECT COUNT(*) FROM shop.items").get(0).get(0))
        .hasToString("3");
  }

  @Test
  void runServesItsMetricsWhileItCopiesAndReplicatesUntilTheManifestAsksForTheCutover()
      throws Exception {
    DatabasePair pair = dbs.pair();
    pair.reset();
    pair.source().execute("CREATE DATABASE stream",
        "CREATE TABLE stream.events (id INT PRIMARY KEY, kind VARCHAR(20) NOT NULL)",
        "INSERT INTO stream.events VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    Path manifest = writeTask(pair, "replicated", "All");
    int port = freePort();
    Started ferry = start(List.of("bin/ferry", "run", "-f", manifest.toString(),
        "--secrets-dir", machine.resolve("secrets").toString(), "--metrics-port",
        Integer.toString(port)));
    try {
      ferry.awaitUntil(() -> metric(port, "ferry_fullload_copied_rows_total",
          "schema=\"stream\"") == 3);
      pair.source().execute("INSERT INTO stream.events VALUES (4, 'd')");
      ferry.awaitUntil(() -> metric(port, "ferry_cdc_events_applied_total",
          "operation=\"insert\"") >= 1);
      assertThat(metric(port, "ferry_cdc_events_read_total", "operation=\"insert\""))
          .isGreaterThanOrEqualTo(1);
      assertThat(metric(port, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();

      Files.writeString(manifest, Files.readString(manifest)
          + "  cutover:\n    requested: true\n");
      Run run = ferry.waitFor();

      assertThat(run.code()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("Task replicated completed");
      assertThat(pair.target().query("SELECT COUNT(*) FROM stream.events").get(0).get(0))
          .hasToString("4");
    } finally {
      ferry.process().destroyForcibly();
    }
  }

  /** The sum of {@code name}'s samples with {@code label} on the endpoint at {@code port}. */
  private static double metric(int port, String name, String label) throws Exception {
    HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    return scrape.body().lines()
        .filter(line -> line.startsWith(name + "{") && line.contains(label))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path writeTask(DatabasePair pair) throws IOException {
    return writeTask(pair, "items", "Full");
  }

  /** Writes the manifest of task {@code name} in {@code mode}, from the pair's source to target. */
  private static Path writeTask(DatabasePair pair, String name, String mode) throws IOException {
    secret("source-credentials", pair.source());
    secret("target-credentials", pair.target());
    Path manifest = machine.resolve(name + ".yaml");
    Files.writeString(manifest, """
        apiVersion: ferry.dev/v1alpha1
        kind: MigrationTask
        metadata:
          name: %s
        spec:
          mode: %s
          sources:
            - name: src
              host: %s
              port: %d
              credentialsSecret: source-credentials
              allowPublicKeyRetrieval: true
              tls:
                mode: Disabled
          target:
            host: %s
            port: %d
            credentialsSecret: target-credentials
            allowPublicKeyRetrieval: true
            tls:
              mode: Disabled
        """.formatted(name, mode, pair.source().host(), pair.source().port(),
        pair.target().host(), pair.target().port()));
    return manifest;
  }

  private static void secret(String name, DatabaseServer server) throws IOException {
    Path secret = Files.createDirectories(machine.resolve("secrets").resolve(name));
    Files.writeString(secret.resolve("username"), server.adminUser());
    Files.writeString(secret.resolve("password"), server.adminPassword());
  }

  /**
   * Runs {@code command} (its program relative to the unpacked archive, or absolute) with a bare
   * environment.
   */
  private static Run run(List<String> command) throws Exception {
    return run(command, Map.of());
  }

  /** Runs {@code command} as {@link #run(List)} does, with {@code variables} added. */
  private static Run run(List<String> command, Map<String, String> variables)
      throws Exception {
    return start(command, variables).waitFor();
  }

  /** Starts {@code command} as {@link #run(List)} runs it, without waiting for its end. */
  private static Started start(List<String> command) throws IOException {
    return start(command, Map.of());
  }

  private static Started start(List<String> command, Map<String, String> variables)
      throws IOException {
    List<String> line = new ArrayList<>(command);
    line.set(0, home.resolve(command.get(0)).toString());
    ProcessBuilder builder = new ProcessBuilder(line).directory(machine.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("HOME", Files.createDirectories(machine.resolve("home")).toString());
    env.putAll(variables);
    Path out = Files.createTempFile(machine, "out", ".txt");
    Path err = Files.createTempFile(machine, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new Started(command, process, out, err);
  }

  private record Started(List<String> command, Process process, Path out, Path err) {

    /** Waits up to 3 minutes for {@code condition}, failing at once should the command end. */
    void awaitUntil(Callable<Boolean> condition) {
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .ignoreExceptions().failFast(command + " ended", () -> !process.isAlive())
          .until(condition);
    }

    /** Waits up to 5 minutes for the command's end. */
    Run waitFor() throws Exception {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not end within 5 minutes");
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    }
  }

  private record Run(int code, String out, String err) {}
}
