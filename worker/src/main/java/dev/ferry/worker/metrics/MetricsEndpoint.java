package dev.ferry.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The worker's {@code /metrics} endpoint (Prometheus text format), with the JVM and process
 * meters bound to its registry. One per process: a worker pod starts it on the port the operator
 * passes ({@code --metrics-port}), {@code ferry run} only when asked.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final HttpServer server;

  private MetricsEndpoint(PrometheusMeterRegistry registry, JvmGcMetrics gc, HttpServer server) {
    this.registry = registry;
    this.gc = gc;
    this.server = server;
  }

  /** Serves a new registry on {@code port} (0: any free port). */
  public static MetricsEndpoint start(int port) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    JvmGcMetrics gc = JvmBinders.bindTo(registry);
    server.createContext("/metrics", exchange -> respond(exchange, registry.scrape()));
    server.start();
    return new MetricsEndpoint(registry, gc, server);
  }

  /** The registry the endpoint serves. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    gc.close();
    registry.close();
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
