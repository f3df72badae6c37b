package dev.ferry.testing;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code mysqld} or {@code mariadbd} process. Its console output goes to a file. A JVM
 * shutdown hook stops every process still running, so no server outlives the tests.
 */
final class ServerProcess {
  private static final Duration CLEAN_STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ServerProcess::stopAll, "ferry-testing-servers-stop"));
  }

  private final Process process;

  private ServerProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code command} in {@code workDir} with extra environment variables, appending its
   * output to {@code consoleLog}.
   */
  static ServerProcess start(
      List<String> command, Map<String, String> environment, Path workDir, Path consoleLog)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(consoleLog.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    ServerProcess server = new ServerProcess(process);
    RUNNING.add(server);
    return server;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code; only valid once the process has ended. */
  int exitCode() {
    return process.exitValue();
  }

  /**
   * Asks the server to shut down cleanly (SIGTERM) and waits for it; kills it if it has not exited
   * within a minute.
   */
  void stop() {
    process.destroy();
    awaitExit();
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(CLEAN_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      RUNNING.remove(this);
    }
  }

  /** Signals all running servers first, then waits for each, so they shut down in parallel. */
  private static void stopAll() {
    List<ServerProcess> running = List.copyOf(RUNNING);
    running.forEach(server -> server.process.destroy());
    running.forEach(ServerProcess::awaitExit);
  }
}
