package dev.ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs short-lived commands (unpacking, data directory set-up, compiling) to completion. */
final class Commands {

  private Commands() {}

  /** Runs a command with its output in {@code log}; fails if it does not exit with 0 in time. */
  static void run(List<String> command, Path log, Duration timeout)
      throws IOException, InterruptedException {
    run(command, Map.of(), log, timeout);
  }

  /** Like {@link #run(List, Path, Duration)}, with extra environment variables. */
  static void run(List<String> command, Map<String, String> environment, Path log, Duration timeout)
      throws IOException, InterruptedException {
    run(command, environment, log, timeout, InputStream.nullInputStream());
  }

  /** Like {@link #run(List, Path, Duration)}, feeding {@code input} to its standard input. */
  static void run(List<String> command, Path log, Duration timeout, InputStream input)
      throws IOException, InterruptedException {
    run(command, Map.of(), log, timeout, input);
  }

  private static void run(
      List<String> command,
      Map<String, String> environment,
      Path log,
      Duration timeout,
      InputStream input)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
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

  /** Runs a command with extra environment variables; returns its standard output and error. */
  static String output(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output;
  }
}
