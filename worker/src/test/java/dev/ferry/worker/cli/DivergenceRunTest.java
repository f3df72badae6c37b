package dev.ferry.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.local.StateFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * A row conflict on the target during CDC fails {@code ferry run} as Fatal (no retry inside the
 * process, whose safe-mode retry used to overwrite the target's row), and running the same
 * command again fails the same way: the target's row is never overwritten.
 */
class DivergenceRunTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aDivergenceFailsTheRunAndTheNextRunWithoutOverwritingTheTarget(Flavor flavor)
      throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    for (DatabaseServer server : List.of(pair.source(), pair.target())) {
      server.execute("CREATE DATABASE conf",
          "CREATE TABLE conf.t (id INT PRIMARY KEY, v VARCHAR(20))",
          "INSERT INTO conf.t VALUES (1, 'a'), (2, 'b')");
    }
    TaskFiles files = new TaskFiles(dir, pair);
    Path manifest = files.write("diverge", "Incremental", """
        objects:
          include:
            - conf
        retry:
          otherWindow: 30m
        """);
    String[] args = {"run", "-f", manifest.toString(), "--secrets-dir",
        files.secretsDir().toString()};
    StateFile state = new StateFile(files.stateFile("diverge"));
    Result[] first = new Result[1];
    Thread run = new Thread(() -> first[0] = ferry(args));
    run.start();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> state.read().getPhase() == Phase.Incremental
            && !state.read().getCheckpoints().isEmpty());
    pair.target().execute("INSERT INTO conf.t VALUES (5, 'target')");
    pair.source().execute("INSERT INTO conf.t VALUES (5, 'source')");
    run.join(Duration.ofSeconds(60).toMillis());

    assertThat(first[0]).as("ferry run ended at the conflict").isNotNull();
    assertFailedFatally(first[0], state.read());
    assertThat(target(pair)).containsExactly(List.of(5, "target"));

    Result[] second = new Result[1];
    Thread again = new Thread(() -> second[0] = ferry(args));
    again.start();
    again.join(Duration.ofSeconds(60).toMillis());

    assertThat(second[0]).as("the second ferry run ended").isNotNull();
    assertFailedFatally(second[0], state.read());
    assertThat(target(pair)).as("never overwritten").containsExactly(List.of(5, "target"));
  }

  private static void assertFailedFatally(Result result, MigrationTaskStatus status) {
    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.out() + result.err()).contains("`id`=5", "`conf`.`t`", "Re-sync");
    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    assertThat(status.getRetry().getFailureClass()).isEqualTo(FailureClass.Fatal);
  }

  private static List<List<Object>> target(DatabasePair pair) throws Exception {
    return pair.target().query("SELECT id, v FROM conf.t WHERE id = 5");
  }

  private static Result ferry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FerryCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
