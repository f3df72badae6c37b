package dev.ferry.worker.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar ferry.jar}. */
public final class FerryCli {

  /**
   * The binlog client logs every connect at INFO through java.util.logging, between our own
   * lines; its warnings still show. Held here: java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger BINLOG_CLIENT_LOG = quiet("com.github.shyiko");

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

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
