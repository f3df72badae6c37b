package dev.ferry.worker.fullload;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Specs, contexts and table checksums for full-load tests against real servers. */
public final class LoadFixture {

  private LoadFixture() {}

  /** A spec copying {@code include} from {@code source} to {@code target}. */
  public static MigrationTaskSpec spec(DatabaseServer source, DatabaseServer target,
      String... include) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.All);
    SourceSpec from = new SourceSpec();
    from.setName("src");
    endpoint(from, source, "source-secret");
    spec.getSources().add(from);
    TargetSpec to = new TargetSpec();
    endpoint(to, target, "target-secret");
    spec.setTarget(to);
    spec.getObjects().setInclude(new ArrayList<>(List.of(include)));
    spec.getFullLoad().setChunkRows(1000);
    spec.getFullLoad().setThreads(3);
    return spec;
  }

  /** Adds another source server to {@code spec}. */
  public static void addSource(MigrationTaskSpec spec, String name, DatabaseServer server) {
    SourceSpec from = new SourceSpec();
    from.setName(name);
    endpoint(from, server, "source-secret");
    spec.getSources().add(from);
  }

  public static void endpoint(EndpointSpec spec, DatabaseServer server,
      String secret) {
    spec.setHost(server.host());
    spec.setPort(server.port());
    spec.setCredentialsSecret(secret);
    spec.getTls().setMode(TlsMode.Disabled);
    spec.setAllowPublicKeyRetrieval(true);
  }

  /** A context for task {@code taskId} whose secrets log in as the servers' admin. */
  public static TaskContext context(String taskId, InMemoryStatusSink sink, DatabaseServer source,
      DatabaseServer target) {
    Map<String, String> secrets = new HashMap<>();
    secrets.put("source-secret/username", source.adminUser());
    secrets.put("source-secret/password", source.adminPassword());
    secrets.put("target-secret/username", target.adminUser());
    secrets.put("target-secret/password", target.adminPassword());
    return new TaskContext(taskId, "run-1", sink, (name, key) -> {
      String value = secrets.get(name + "/" + key);
      if (value == null) {
        throw new MissingSecretException("no secret " + name + "/" + key);
      }
      return value;
    });
  }

  /**
   * Every row of {@code sql}, each column as the HEX of its bytes (NULL stays null), in order:
   * a comparison of these lists compares values bit for bit.
   */
  public static List<List<String>> hexRows(DatabaseServer server, String sql)
      throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET time_zone = '+00:00'");
      rows.addAll(hexRows(statement.executeQuery(sql)));
    }
    return rows;
  }

  private static List<List<String>> hexRows(ResultSet rs) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (rs) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          byte[] value = rs.getBytes(i);
          row.add(value == null ? null : HexFormat.of().formatHex(value));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Row count and an order-independent checksum of every row's columns. */
  public static List<List<String>> checksum(DatabaseServer server, String table, String columns)
      throws SQLException {
    return hexRows(server, "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', " + columns
        + "))), BIT_XOR(CRC32(CONCAT_WS('|', " + columns + "))) FROM " + table);
  }

  /**
   * The IEEE bits of every FLOAT and DOUBLE column of {@code sql}, read over the binary protocol
   * (server-side prepared statement), which carries them unrounded.
   */
  public static List<List<Long>> floatingBits(DatabaseServer server, String sql)
      throws SQLException {
    List<List<Long>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(
            server.jdbcUrl(null) + "&useServerPrepStmts=true", server.adminUser(),
            server.adminPassword());
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Long> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          String type = meta.getColumnTypeName(i);
          if (rs.getObject(i) == null) {
            row.add(null);
          } else if (type.startsWith("FLOAT")) {
            row.add((long) Float.floatToRawIntBits(rs.getFloat(i)));
          } else {
            row.add(Double.doubleToRawLongBits(rs.getDouble(i)));
          }
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
