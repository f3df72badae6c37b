package dev.ferry.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** picocli's own exit codes are set so that they never collide with the documented ones. */
class ExitCodesTest {

  private final StringWriter err = new StringWriter();

  @Test
  void aUsageErrorExitsWithTheUsageCodeNotTheInvalidManifestCode() {
    assertThat(execute(FerryCli.commandLine(), "run", "-f", "task.yaml", "--no-such-option"))
        .isEqualTo(ExitCodes.USAGE).isNotEqualTo(ExitCodes.INVALID_MANIFEST);
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'", "Usage: ferry run");
    assertThat(execute(FerryCli.commandLine(), "no-such-command")).isEqualTo(ExitCodes.USAGE);
    assertThat(execute(FerryCli.commandLine(), "run", "--log-format", "xml"))
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anUnexpectedExceptionExitsWithTheCrashCodeAndItsStackTrace() {
    CommandLine ferry = FerryCli.commandLine().addSubcommand(new Crashing());

    assertThat(execute(ferry, "crash")).isEqualTo(ExitCodes.CRASHED);
    assertThat(err.toString()).contains("IllegalStateException: a bug");
  }

  @Test
  void versionAndHelpExitZero() {
    StringWriter out = new StringWriter();
    CommandLine ferry = FerryCli.commandLine();
    ferry.setOut(new PrintWriter(out));
    assertThat(execute(ferry, "--version")).isEqualTo(ExitCodes.DONE);
    assertThat(out.toString()).startsWith("ferry ");
    assertThat(execute(ferry, "--help")).isEqualTo(ExitCodes.DONE);
    assertThat(out.toString()).contains("Exit codes:", "70    unexpected error in ferry",
        "1     bad usage", "--log-format");
  }

  @Test
  void everyDocumentedCodeIsDistinct() throws IllegalAccessException {
    List<Integer> codes = new ArrayList<>();
    for (Field field : ExitCodes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        codes.add(field.getInt(null));
      }
    }
    assertThat(codes).hasSize(9).doesNotHaveDuplicates();
  }

  private int execute(CommandLine commandLine, String... args) {
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Command(name = "crash")
  static final class Crashing implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("a bug");
    }
  }
}
