package dev.ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One real MariaDB or MySQL server on {@code 127.0.0.1}, with its own port, server id and data
 * directory. Get servers from {@link RealDatabases}.
 *
 * <p>Every server runs with grant tables on and has an admin account with all privileges (with
 * grant option) that logs in with a password over TCP, as the product does. The binary log is on in
 * ROW format with full row image and metadata (none on MySQL 5.7, which has no {@code
 * binlog_row_metadata}) unless {@link ServerOptions} say otherwise; MySQL servers also have GTIDs
 * on. JDBC URLs use Connector/J without TLS.
 */
public final class DatabaseServer {
  static final String HOST = "127.0.0.1";

  private static final System.Logger LOG = System.getLogger(DatabaseServer.class.getName());
  private static final String ADMIN_USER = "ferry_admin";
  private static final String ADMIN_PASSWORD = "ferry-admin-password";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Flavor flavor;
  private final ServerOptions options;
  private final int serverId;
  private final int port;
  private final InstanceLayout layout;
  private Path baseDir;
  private ServerProcess process;
  private Set<Account> initialAccounts;

  DatabaseServer(Flavor flavor, Role role, ServerOptions options, int serverId) throws IOException {
    this.flavor = flavor;
    this.options = options;
    this.serverId = serverId;
    this.port = Workspace.freePort();
    String name = flavor + "-" + role + "-" + serverId;
    this.layout = new InstanceLayout(Workspace.newInstanceDir(name.toLowerCase(Locale.ROOT)));
  }

  public Flavor flavor() {
    return flavor;
  }

  /** Always {@code 127.0.0.1}: servers listen on loopback only. */
  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /** The {@code server_id}, unique among the servers of this JVM. */
  public int serverId() {
    return serverId;
  }

  /** A user with all privileges and grant option, for host {@code %}. */
  public String adminUser() {
    return ADMIN_USER;
  }

  public String adminPassword() {
    return ADMIN_PASSWORD;
  }

  /**
   * A Connector/J URL for this server, without TLS ({@code sslMode=DISABLED}) and with {@code
   * allowPublicKeyRetrieval=true}, which MySQL's {@code caching_sha2_password} needs without TLS.
   *
   * @param database the default schema, or null or empty for none
   */
  public String jdbcUrl(String database) {
    String path = database == null ? "" : database;
    return "jdbc:mysql://"
        + HOST
        + ":"
        + port
        + "/"
        + path
        + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
  }

  /** A new connection as the admin user, with no default schema. */
  public Connection connect() throws SQLException {
    return connect(ADMIN_USER, ADMIN_PASSWORD);
  }

  /** A new connection as the given user over TCP, with no default schema. */
  public Connection connect(String user, String password) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(null), user, password);
  }

  /** Runs statements in order, as the admin user, on one connection. */
  public void execute(String... statements) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Runs a query as the admin user; each row is a list of the driver's column values. */
  public List<List<Object>> query(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      return Sql.rows(statement, sql);
    }
  }

  /**
   * The value of a global variable as {@code SHOW GLOBAL VARIABLES} prints it (for example {@code
   * "ON"}), or null if the server has no such variable.
   */
  public String variable(String name) throws SQLException {
    List<List<Object>> rows = query("SHOW GLOBAL VARIABLES LIKE " + Sql.literal(name));
    return rows.isEmpty() ? null : String.valueOf(rows.get(0).get(1));
  }

  /**
   * Creates a user for host {@code %}, for example {@code createUser("limited", "pw", "SELECT ON
   * *.*", "REPLICATION SLAVE ON *.*")}. {@link #reset()} drops it again.
   *
   * @param grants privileges, each as {@code "<privileges> ON <object>"}; none gives a user who can
   *     only log in
   */
  public void createUser(String user, String password, String... grants) throws SQLException {
    String account = Sql.account(user, "%");
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE USER " + account + " IDENTIFIED BY " + Sql.literal(password));
      for (String grant : grants) {
        statement.execute("GRANT " + grant + " TO " + account);
      }
    }
  }

  /**
   * The installation directory, with {@code bin/}. MariaDB's has the clients {@code bin/mariadb}
   * and {@code bin/mariadb-dump}; MySQL's has only {@code bin/mysqld}.
   */
  public synchronized Path baseDir() {
    if (baseDir == null) {
      try {
        baseDir = flavor.engine().binaries();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not unpack the " + flavor + " binaries", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while unpacking " + flavor, e);
      }
    }
    return baseDir;
  }

  /**
   * The server's {@code VERSION()}, such as {@code 11.4.5-MariaDB-log}, {@code 8.0.31} or {@code
   * 5.7.22-log}.
   */
  public String version() throws SQLException {
    return String.valueOf(query("SELECT VERSION()").get(0).get(0));
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the server if it is not running and waits until the admin user can connect. The first
   * start also creates the data directory, the admin account and the accounts of the {@link
   * ServerOptions}.
   *
   * @throws IllegalStateException or {@link UncheckedIOException} if the server does not come up;
   *     the message ends with the last lines of the logs that tell why
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    stop();
    long begin = System.nanoTime();
    boolean firstStart = initialAccounts == null;
    boolean started = false;
    try {
      if (firstStart) {
        createDataDir();
      }
      process =
          ServerProcess.start(
              ServerCommand.build(flavor, baseDir(), layout, port, serverId, options, firstStart),
              flavor.engine().environment(baseDir()),
              layout.root(),
              layout.consoleLog());
      awaitConnection();
      if (firstStart) {
        createInitialAccounts();
      }
      started = true;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + this + ": " + e.getMessage() + logs(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not set up " + this + logs(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting " + this, e);
    } finally {
      if (!started) {
        stop();
      }
    }
    long millis = (System.nanoTime() - begin) / 1_000_000;
    LOG.log(Level.INFO, () -> "Started " + this + " in " + millis + " ms");
  }

  /** Shuts the server down cleanly, keeping its data; kills it if it takes over a minute. */
  public synchronized void stop() {
    if (process != null) {
      process.stop();
      process = null;
    }
  }

  /** Stops and starts the server on the same port with the same data. */
  public synchronized void restart() {
    stop();
    start();
  }

  /**
   * Brings the server back to how it was after its first start (starting it if a test stopped it):
   * kills other client connections, drops every schema that is not a {@linkplain
   * Flavor#systemSchemas() system schema}, drops accounts created since, turns {@code read_only}
   * off, and deletes the binary logs ({@code RESET MASTER}, which on MySQL also clears the executed
   * GTIDs). Other global variables changed with {@code SET GLOBAL} stay changed.
   */
  public synchronized void reset() throws SQLException {
    start();
    try (Connection connection = connect()) {
      ServerReset.apply(connection, flavor, initialAccounts);
    }
  }

  /** Stops the server and deletes its instance directory and socket. */
  synchronized void close() {
    stop();
    try {
      Workspace.delete(layout.root());
      Files.deleteIfExists(layout.socket());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete " + layout.root(), e);
    }
  }

  @Override
  public String toString() {
    return flavor + " server " + serverId + " on port " + port + " in " + layout.root();
  }

  private void createDataDir() throws IOException, InterruptedException {
    Workspace.delete(layout.data());
    Files.createDirectories(layout.tmp());
    DataDirectories.create(flavor, baseDir(), options, layout.data());
    String admin = Sql.account(ADMIN_USER, "%");
    Files.writeString(
        layout.initFile(),
        "CREATE USER "
            + admin
            + " IDENTIFIED BY "
            + Sql.literal(ADMIN_PASSWORD)
            + ";\n"
            + "GRANT ALL PRIVILEGES ON *.* TO "
            + admin
            + " WITH GRANT OPTION;\n");
  }

  private void awaitConnection() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException lastFailure = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            this + " exited with code " + process.exitCode() + " while starting" + logs());
      }
      try (Connection connection =
          DriverManager.getConnection(
              jdbcUrl(null) + "&connectTimeout=2000", ADMIN_USER, ADMIN_PASSWORD)) {
        if (connection.isValid(2)) {
          return;
        }
      } catch (SQLException e) {
        lastFailure = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        this + " did not accept connections within " + START_TIMEOUT + logs(), lastFailure);
  }

  private void createInitialAccounts() throws SQLException {
    for (ServerOptions.User user : options.users()) {
      createUser(user.name(), user.password(), user.grants().toArray(String[]::new));
    }
    try (Connection connection = connect()) {
      initialAccounts = Set.copyOf(ServerReset.accounts(connection, flavor));
      ServerReset.resetBinaryLogs(connection);
    }
  }

  private String logs() {
    return LogTail.of(layout.errorLog(), layout.consoleLog());
  }
}
