package dev.ferry.worker.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar ferry.jar}. */
public final class FerryCli {

  private FerryCli() {}

  public static void main(String[] args) {
    configureLogging();
    System.exit(commandLine().execute(args));
  }

  /** The command line, for tests to execute in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new FerryCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  private static void configureLogging() {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
