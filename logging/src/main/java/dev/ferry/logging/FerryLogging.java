package dev.ferry.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up the one logging backend of the {@code ferry} command, worker pods and the operator:
 * Logback configured by this module's {@code logback.xml}, in the format and level asked for,
 * with java.util.logging routed through it (commons-logging goes through jcl-over-slf4j).
 */
public final class FerryLogging {

  /** Environment variable (or system property) naming the {@link LogFormat}. */
  public static final String FORMAT_VARIABLE = "FERRY_LOG_FORMAT";
  /** Environment variable (or system property) naming the level: error … trace. */
  public static final String LEVEL_VARIABLE = "FERRY_LOG_LEVEL";

  private static final String CONFIGURATION = "/logback.xml";

  private FerryLogging() {}

  /**
   * Configures logging from {@code environment}: {@value #FORMAT_VARIABLE} (else
   * {@code fallback}) and {@value #LEVEL_VARIABLE}, system properties of the same names winning.
   *
   * @throws IllegalArgumentException when the format is not one of {@link LogFormat}
   */
  public static void configure(Map<String, String> environment, LogFormat fallback) {
    String format = setting(FORMAT_VARIABLE, environment);
    configure(format == null || format.isBlank() ? fallback : LogFormat.parse(format),
        setting(LEVEL_VARIABLE, environment));
  }

  /** Configures logging in {@code format}, keeping the level configured before. */
  public static void configure(LogFormat format) {
    configure(format, context().getProperty(LEVEL_VARIABLE));
  }

  /** Configures logging in {@code format} at {@code level} (null: info). */
  public static void configure(LogFormat format, String level) {
    LoggerContext context = context();
    context.reset();
    context.putProperty(FORMAT_VARIABLE, format.appenderName());
    if (level != null && !level.isBlank()) {
      context.putProperty(LEVEL_VARIABLE, level.trim().toUpperCase(Locale.ROOT));
    }
    URL configuration = FerryLogging.class.getResource(CONFIGURATION);
    try {
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(configuration);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot read " + configuration, e);
    }
    routeJavaUtilLogging();
  }

  private static void routeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  private static String setting(String name, Map<String, String> environment) {
    String property = System.getProperty(name);
    return property != null ? property : environment.get(name);
  }

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }
}
