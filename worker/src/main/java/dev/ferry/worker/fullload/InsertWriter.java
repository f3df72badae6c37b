package dev.ferry.worker.fullload;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writes rows as batched INSERT statements (Connector/J rewrites a batch into multi-row INSERTs).
 * Used where the target refuses LOAD DATA LOCAL ({@code local_infile} off, the MySQL 8 default).
 * Values are bound from the bytes the source sent: text (utf8mb4, exactly as the server printed
 * it) as strings, binary values as bytes.
 */
final class InsertWriter implements TargetWriter {

  private final PreparedStatement statement;
  private final List<Column> columns;

  InsertWriter(Connection target, TableShape shape) throws SQLException {
    this.statement = target.prepareStatement(RowStatements.insert(shape));
    this.columns = shape.writable();
  }

  @Override
  public long add(ResultSet rs) throws SQLException {
    long bytes = 0;
    for (int i = 1; i <= columns.size(); i++) {
      byte[] value = rs.getBytes(i);
      boolean binary = columns.get(i - 1).kind() == ValueKind.BINARY;
      if (value == null) {
        statement.setNull(i, binary ? Types.VARBINARY : Types.VARCHAR);
      } else if (binary) {
        statement.setBytes(i, value);
      } else {
        statement.setString(i, new String(value, StandardCharsets.UTF_8));
      }
      bytes += value == null ? 0 : value.length;
    }
    statement.addBatch();
    return bytes;
  }

  @Override
  public void flush() throws SQLException {
    statement.executeBatch();
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
