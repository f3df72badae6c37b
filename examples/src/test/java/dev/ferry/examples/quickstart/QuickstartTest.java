package dev.ferry.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.manifest.ManifestReader;
import dev.ferry.api.manifest.ManifestResult;
import dev.ferry.api.rules.SpecValidator;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.worker.local.StateFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code ferry quickstart} in-process with 5,000 rows: two real MariaDB servers, the whole
 * migration with the background writer, the summary; then checks what it leaves behind.
 */
class QuickstartTest {

  private static final String ADMIN_PASSWORD = "ferry-admin-password";

  @TempDir
  Path work;

  @Test
  void migratesTheSampleShopWhileItIsWrittenToAndCleansUp() throws Exception {
    Path servers = Path.of(System.getProperty(QuickstartCommand.SERVERS_DIR_PROPERTY,
        "target/ferry-testing")).toAbsolutePath();
    List<Path> instancesBefore = instances(servers);

    Result result = quickstart("--rows", "5000", "--work-dir", work.toString(),
        "--servers-dir", servers.toString());

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    String summary = result.out();
    assertThat(summary).contains("Quickstart passed")
        .containsPattern("Validation: +passed, 6/6 tables, [1-9][0-9,]* chunks matched, 0 differ")
        .containsPattern("Write downtime: +[0-9]+\\.[0-9]{2} s")
        .containsPattern("Phases: +Precheck [0-9.]+ s, Schema [0-9.]+ s, FullLoad [0-9.]+ s,"
            + " Incremental [0-9.]+ s, Validation [0-9.]+ s")
        .containsPattern("Full load: +[0-9,]+ rows copied in [0-9.]+ s, [0-9,]+ rows/s");
    long eventsApplied = number(summary, "Replication: +([0-9,]+) binlog events applied");
    assertThat(eventsApplied).isPositive();
    assertThat(number(summary, "Writer: +([0-9,]+) transactions")).isPositive();
    Matcher rows = match(summary,
        "Rows: +source ([0-9,]+), ([0-9,]+) after the filter; target ([0-9,]+)");
    long source = parse(rows.group(1));
    long kept = parse(rows.group(2));
    assertThat(parse(rows.group(3))).isEqualTo(kept);
    assertThat(kept).isLessThan(source).isGreaterThan(4_000);
    assertThat(summary).containsPattern("  events: +[0-9,]+ of [0-9,]+ \\(where customer_id IS"
        + " NOT NULL\\) -> customer_events [0-9,]+");
    assertThat(summary + result.err()).doesNotContain(ADMIN_PASSWORD);

    Path manifest = work.resolve("shop-quickstart.yaml");
    assertThat(summary).contains("Manifest:", manifest.toString());
    ManifestResult parsed = ManifestReader.read(Files.readString(manifest));
    assertThat(parsed.problems()).isEmpty();
    MigrationTaskSpec spec = parsed.task().getSpec();
    assertThat(SpecValidator.validate(spec)).isEmpty();
    assertThat(spec.getMode()).isEqualTo(Mode.All);
    TableRule rule = spec.getObjects().getRules().get(0);
    assertThat(rule.getTargetTable()).isEqualTo("customer_events");
    assertThat(rule.getWhere()).isEqualTo("customer_id IS NOT NULL");
    assertThat(work.resolve("secrets/quickstart-source/password")).hasContent(ADMIN_PASSWORD);

    MigrationTaskStatus status = new StateFile(work.resolve("shop-quickstart.status.yaml"))
        .read();
    assertThat(status.getPhase()).isEqualTo(Phase.Completed);
    assertThat(status.getValidation().getPassed()).isTrue();
    assertThat(status.getReplication().getEventsApplied()).isEqualTo(eventsApplied);

    assertThat(summary).contains("Servers stopped");
    assertThat(instances(servers)).isEqualTo(instancesBefore);
    for (int port : List.of(spec.getSources().get(0).getPort(), spec.getTarget().getPort())) {
      assertThatThrownBy(() -> connect(port)).as("port " + port)
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void tooFewRowsIsAUsageError() {
    Result result = quickstart("--rows", "10", "--work-dir", work.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("--rows 10 is out of range: give 1000 to 50000000");
  }

  private static Result quickstart(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = QuickstartCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = Stream.concat(Stream.of("quickstart"), Stream.of(args))
        .toArray(String[]::new);
    int code = cli.execute(all);
    return new Result(code, out.toString(), err.toString());
  }

  private static List<Path> instances(Path servers) throws IOException {
    Path dir = servers.resolve("instances");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }

  private static Matcher match(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as(regex + " in\n" + text).isTrue();
    return matcher;
  }

  private static long number(String text, String regex) {
    return parse(match(text, regex).group(1));
  }

  private static long parse(String number) {
    return Long.parseLong(number.replace(",", ""));
  }

  private record Result(int code, String out, String err) {}
}
