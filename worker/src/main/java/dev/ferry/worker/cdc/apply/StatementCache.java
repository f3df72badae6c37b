package dev.ferry.worker.cdc.apply;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The prepared statements of one lane's connection, kept for reuse by what they do (table,
 * kind of write, row count), so a statement is parsed once and not per batch. Statements are
 * prepared on the server where asked (Connector/J's server-side prepared statements: values
 * travel in the binary protocol, neither escaped by the driver nor parsed by the server), else
 * by the driver. Holds at most {@value #CAPACITY}; the least recently used one is closed to make
 * room, which also frees it on the server. On a server whose server-side prepared statements
 * are not exact (see {@link ApplySession#preparesOnServer}) every statement is the driver's.
 */
final class StatementCache implements AutoCloseable {

  static final int CAPACITY = 256;

  private final Map<Object, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true);
  private final boolean serverSide;

  /** @param serverSide whether statements asked for on the server are prepared there */
  StatementCache(boolean serverSide) {
    this.serverSide = serverSide;
  }

  /**
   * The statement for {@code key} on {@code connection}, prepared from {@code sql} if new, on
   * the server when {@code onServer}. {@code key} must tell statements of both sorts apart.
   */
  PreparedStatement get(Connection connection, Object key, Supplier<String> sql,
      boolean onServer) throws SQLException {
    PreparedStatement statement = statements.get(key);
    if (statement == null) {
      statement = onServer && serverSide
          ? connection.unwrap(JdbcConnection.class).serverPrepareStatement(sql.get())
          : connection.prepareStatement(sql.get());
      statements.put(key, statement);
      if (statements.size() > CAPACITY) {
        Iterator<PreparedStatement> eldest = statements.values().iterator();
        PreparedStatement evicted = eldest.next();
        eldest.remove();
        evicted.close();
      }
    }
    return statement;
  }

  /** Closes every statement (they belong to a connection that is given back or lost). */
  @Override
  public void close() {
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        // The connection is closing or gone; the statement goes with it.
      }
    }
    statements.clear();
  }
}
