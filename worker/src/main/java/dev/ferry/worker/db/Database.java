package dev.ferry.worker.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of connections to one endpoint (HikariCP). Connections start in UTC with utf8mb4.
 * Opening the pool makes one connection at once, so a wrong address or password surfaces
 * immediately (a {@code PoolInitializationException} with the driver's error as its cause).
 * Every way of connecting turns a failure no retry can fix (TLS mismatch, wrong password,
 * missing privilege) into a Fatal {@code FerryException} with a remedy ({@link ConnectFailures}).
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final Endpoint endpoint;
  private final HikariDataSource pool;

  private Database(Endpoint endpoint, HikariDataSource pool) {
    this.endpoint = endpoint;
    this.pool = pool;
  }

  /** Opens a pool of at most {@code maxConnections} connections. */
  public static Database open(Endpoint endpoint, int maxConnections) {
    return open(endpoint, maxConnections, new Properties());
  }

  /**
   * Like {@link #open(Endpoint, int)}, with extra Connector/J properties for one purpose (the
   * full load's target pool allows LOAD DATA LOCAL from in-memory streams).
   */
  public static Database open(Endpoint endpoint, int maxConnections, Properties extra) {
    Properties properties = JdbcUrls.properties(endpoint);
    properties.putAll(extra);
    HikariConfig config = new HikariConfig();
    config.setPoolName("ferry-" + endpoint.name());
    config.setJdbcUrl(JdbcUrls.url(endpoint));
    config.setDataSourceProperties(properties);
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(0);
    config.setInitializationFailTimeout(1);
    config.setConnectionTimeout(30_000);
    config.setAutoCommit(true);
    try {
      return new Database(endpoint, new HikariDataSource(config));
    } catch (RuntimeException e) {
      throw ConnectFailures.fatal(e, endpoint).<RuntimeException>map(fatal -> fatal).orElse(e);
    }
  }

  /**
   * One connection outside any pool, with the same settings. Unlike the pool, which keeps trying
   * until its timeout, it fails at once with the driver's error, for checks that report it.
   */
  public static Connection connectOnce(Endpoint endpoint) throws SQLException {
    try {
      return DriverManager.getConnection(JdbcUrls.url(endpoint), JdbcUrls.properties(endpoint));
    } catch (SQLException e) {
      throw fatalOr(e, endpoint);
    }
  }

  /**
   * A pooled connection; close it to give it back. A pool that times out names the reason its
   * last attempt to open a connection failed, if any (the pool's own message does not), and logs
   * what its own threads were doing ({@link PoolThreads}).
   */
  public Connection connection() throws SQLException {
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      if (e instanceof SQLTransientConnectionException) {
        LOG.warn("Pool '{}' of at most {} connections gave none in {} ms; its threads:\n{}",
            pool.getPoolName(), pool.getMaximumPoolSize(), pool.getConnectionTimeout(),
            PoolThreads.describe(pool.getPoolName()));
      }
      SQLException failure = fatalOr(e, endpoint);
      throw failure instanceof SQLTransientConnectionException && failure.getCause() != null
          ? new SQLTransientConnectionException(failure.getMessage() + "; the last attempt to"
              + " connect failed with: " + failure.getCause().getMessage(),
              failure.getSQLState(), failure.getErrorCode(), failure)
          : failure;
    }
  }

  /** Throws the Fatal failure {@code e} is ({@link ConnectFailures}); returns it otherwise. */
  private static SQLException fatalOr(SQLException e, Endpoint endpoint) {
    ConnectFailures.fatal(e, endpoint).ifPresent(fatal -> {
      throw fatal;
    });
    return e;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    pool.close();
  }
}
