package dev.ferry.testing;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * JUnit 5 extension that gives tests real source and target database servers ({@link Flavor}:
 * MariaDB 11.4, MySQL 8.0 or MySQL 5.7). Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealDatabases dbs = RealDatabases.of(Flavor.MYSQL, Flavor.MARIADB);
 *
 * @Test
 * void copiesRows() throws SQLException {
 *   dbs.source().execute("CREATE DATABASE shop", "CREATE TABLE shop.item (id INT PRIMARY KEY)");
 *   String targetUrl = dbs.target().jdbcUrl("shop");
 * }
 * }</pre>
 *
 * <p><b>Every flavour.</b> To run a suite against each flavour, use {@link #anyFlavor()} and ask
 * for the pair inside a parameterized test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealDatabases dbs = RealDatabases.anyFlavor();
 *
 * @ParameterizedTest
 * @EnumSource(Flavor.class)
 * void copiesRows(Flavor flavor) throws SQLException {
 *   DatabasePair pair = dbs.pair(flavor, flavor);
 * }
 *
 * @ParameterizedTest
 * @CsvSource({"MYSQL, MARIADB", "MARIADB, MYSQL"})
 * void copiesAcrossFlavours(Flavor source, Flavor target) throws SQLException {
 *   DatabasePair pair = dbs.pair(source, target);
 * }
 * }</pre>
 *
 * <p><b>Sharing.</b> Servers with {@linkplain ServerOptions#defaults() default options} start once
 * per JVM and serve all test classes: one per flavour and role, so the nine flavour combinations
 * need at most six servers. Servers with other options (see {@link #builder()}) belong to one test
 * class and stop after it.
 *
 * <p><b>Clean state.</b> Each server is {@linkplain DatabaseServer#reset() reset} when a test class
 * first uses it, and again when the class moves it to another pair (MYSQL→MARIADB and
 * MARIADB→MARIADB share the MariaDB target). Tests of one class see each other's data; call {@link
 * DatabasePair#reset()} in a {@code @BeforeEach} where they must not. {@code @Nested} classes share
 * the data of their enclosing class. Test classes must not run concurrently in one JVM (JUnit's
 * default).
 */
public final class RealDatabases implements BeforeAllCallback {
  private static final Namespace NAMESPACE = Namespace.create(RealDatabases.class);

  private final Flavor sourceFlavor;
  private final Flavor targetFlavor;
  private final ServerOptions sourceOptions;
  private final ServerOptions targetOptions;
  private final Map<DatabaseServer, DatabasePair> lastResetFor = new HashMap<>();
  private ServerPool sharedServers;
  private ServerPool classServers;

  private RealDatabases(Builder builder) {
    this.sourceFlavor = builder.sourceFlavor;
    this.targetFlavor = builder.targetFlavor;
    this.sourceOptions = builder.sourceOptions;
    this.targetOptions = builder.targetOptions;
  }

  /** Shared MariaDB source and target. */
  public static RealDatabases mariaDb() {
    return of(Flavor.MARIADB, Flavor.MARIADB);
  }

  /** Shared MySQL source and target. */
  public static RealDatabases mySql() {
    return of(Flavor.MYSQL, Flavor.MYSQL);
  }

  /** Shared servers of the given flavours, started before the class's first test. */
  public static RealDatabases of(Flavor source, Flavor target) {
    return builder().flavors(source, target).build();
  }

  /** Shared servers of whichever flavours the tests ask for with {@link #pair(Flavor, Flavor)}. */
  public static RealDatabases anyFlavor() {
    return builder().build();
  }

  /** For servers with other options, such as a limited user or a statement-based binary log. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Gets the server pools and, with fixed flavours, starts and resets the servers. A {@code Nested}
   * class goes on with its enclosing class's servers and data.
   */
  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (context.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
      return;
    }
    sharedServers =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(ServerPool.class, key -> new ServerPool(), ServerPool.class);
    classServers =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(this, key -> new ServerPool(), ServerPool.class);
    lastResetFor.clear();
    if (sourceFlavor != null) {
      pair();
    }
  }

  /** The source server; needs flavours fixed by {@link #of} or {@link Builder#flavors}. */
  public DatabaseServer source() {
    return pair().source();
  }

  /** The target server; needs flavours fixed by {@link #of} or {@link Builder#flavors}. */
  public DatabaseServer target() {
    return pair().target();
  }

  /** The source and target; needs flavours fixed by {@link #of} or {@link Builder#flavors}. */
  public DatabasePair pair() {
    if (sourceFlavor == null) {
      throw new IllegalStateException(
          "No flavours were given: use pair(Flavor, Flavor) or RealDatabases.of(...)");
    }
    return pair(sourceFlavor, targetFlavor);
  }

  /**
   * The source and target of the given flavours. When a test class first asks for this pair, its
   * servers are started and reset as the class docs describe; later calls return them as they are,
   * so a test that stopped a server sees it stopped.
   */
  public synchronized DatabasePair pair(Flavor source, Flavor target) {
    if (sharedServers == null) {
      throw new IllegalStateException(
          "RealDatabases must be registered with @RegisterExtension on a static field");
    }
    DatabasePair pair =
        new DatabasePair(
            pool(sourceOptions).server(source, Role.SOURCE, sourceOptions),
            pool(targetOptions).server(target, Role.TARGET, targetOptions));
    List<DatabaseServer> stale =
        Stream.of(pair.source(), pair.target())
            .filter(server -> !pair.equals(lastResetFor.get(server)))
            .toList();
    startTogether(stale);
    for (DatabaseServer server : stale) {
      reset(server);
      lastResetFor.put(server, pair);
    }
    return pair;
  }

  private ServerPool pool(ServerOptions options) {
    return options.equals(ServerOptions.defaults()) ? sharedServers : classServers;
  }

  private static void reset(DatabaseServer server) {
    try {
      server.reset();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not reset " + server, e);
    }
  }

  /** Starts servers in parallel; each start is mostly waiting for one process. */
  private static void startTogether(List<DatabaseServer> servers) {
    List<CompletableFuture<Void>> starts =
        servers.stream().map(server -> CompletableFuture.runAsync(server::start)).toList();
    RuntimeException failure = null;
    for (CompletableFuture<Void> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Builds a {@link RealDatabases} with fixed flavours and/or non-default server options. */
  public static final class Builder {
    private Flavor sourceFlavor;
    private Flavor targetFlavor;
    private ServerOptions sourceOptions = ServerOptions.defaults();
    private ServerOptions targetOptions = ServerOptions.defaults();

    private Builder() {}

    /**
     * Fixes the flavours: enables {@link #source()}, {@link #target()} and {@link #pair()}, and
     * starts the servers before the class's first test.
     */
    public Builder flavors(Flavor source, Flavor target) {
      this.sourceFlavor = Objects.requireNonNull(source);
      this.targetFlavor = Objects.requireNonNull(target);
      return this;
    }

    /** Options of the source server; other than the defaults, it belongs to the test class. */
    public Builder sourceOptions(ServerOptions options) {
      this.sourceOptions = Objects.requireNonNull(options);
      return this;
    }

    /** Options of the target server; other than the defaults, it belongs to the test class. */
    public Builder targetOptions(ServerOptions options) {
      this.targetOptions = Objects.requireNonNull(options);
      return this;
    }

    public RealDatabases build() {
      return new RealDatabases(this);
    }
  }
}
