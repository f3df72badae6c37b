package dev.ferry.testing;

/**
 * Starts real servers outside JUnit (benchmarks, the quickstart), through the same server
 * pool the JUnit extension uses. Close it to stop the servers.
 */
public final class StandaloneServers implements AutoCloseable {

  private final ServerPool pool = new ServerPool();

  /** A started server with default options, as a source. */
  public DatabaseServer source(Flavor flavor) {
    return started(pool.server(flavor, Role.SOURCE, ServerOptions.defaults()));
  }

  /** A started source server with these options (for example extra server arguments). */
  public DatabaseServer source(Flavor flavor, ServerOptions options) {
    return started(pool.server(flavor, Role.SOURCE, options));
  }

  /** A started server with default options, as a target. */
  public DatabaseServer target(Flavor flavor) {
    return started(pool.server(flavor, Role.TARGET, ServerOptions.defaults()));
  }

  /**
   * A started target server with these options, for example a third server that replicates the
   * source natively. Servers with different options are different servers.
   */
  public DatabaseServer target(Flavor flavor, ServerOptions options) {
    return started(pool.server(flavor, Role.TARGET, options));
  }

  private static DatabaseServer started(DatabaseServer server) {
    server.start();
    return server;
  }

  /** Stops the servers and deletes their directories. */
  @Override
  public void close() {
    pool.close();
  }
}
