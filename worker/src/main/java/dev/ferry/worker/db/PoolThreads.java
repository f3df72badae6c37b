package dev.ferry.worker.db;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a connection pool's own threads are doing, for the log line of a pool that timed out:
 * HikariCP opens connections one at a time on its {@code <pool>:connection-adder} thread, so a
 * pool below its maximum that still times out has that thread stuck or failing, and its stack
 * says where (a connect, a handshake, a backoff sleep).
 */
final class PoolThreads {

  private static final int FRAMES = 25;

  private PoolThreads() {}

  /** The state and top frames of every live thread of the pool {@code poolName}. */
  static String describe(String poolName) {
    return describe(poolName, Thread.getAllStackTraces());
  }

  static String describe(String poolName, Map<Thread, StackTraceElement[]> threads) {
    String prefix = poolName + ":";
    String described = threads.entrySet().stream()
        .filter(entry -> entry.getKey().getName().startsWith(prefix))
        .map(entry -> describe(entry.getKey(), entry.getValue()))
        .sorted()
        .collect(Collectors.joining("\n"));
    return described.isEmpty() ? "no thread of pool " + poolName + " is alive" : described;
  }

  private static String describe(Thread thread, StackTraceElement[] stack) {
    StringBuilder text = new StringBuilder(thread.getName()).append(' ')
        .append(thread.getState());
    for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
      text.append("\n    at ").append(stack[i]);
    }
    return text.toString();
  }
}
