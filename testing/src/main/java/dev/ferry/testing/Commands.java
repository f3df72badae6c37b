package dev.ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short-lived commands (unpacking, data directory set-up, compiling) to completion. */
final class Commands {

  private Commands() {}

  /** Runs a command with its output in {@code log}; fails if it does not exit with 0 in time. */
  static void run(List<String> command, Path log, Duration timeout)
      throws IOException, InterruptedException {
    run(command, log, timeout, InputStream.nullInputStream());
  }

  /** Like {@link #run(List, Path, Duration)}, feeding {@code input} to its standard input. */
  static void run(List<String> command, Path log, Duration timeout, InputStream input)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (OutputStream stdin = process.getOutputStream()) {
      input.transferTo(stdin);
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException(command.get(0) + " did not finish within " + timeout + LogTail.of(log));
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " exited with code " + process.exitValue() + LogTail.of(log));
    }
  }

  /** Runs a command and returns what it printed on standard output and error. */
  static String output(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output;
  }
}
