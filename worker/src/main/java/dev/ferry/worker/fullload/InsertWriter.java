package dev.ferry.worker.fullload;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes rows as batched INSERT statements (Connector/J rewrites a batch into multi-row INSERTs).
 * Used where the target refuses LOAD DATA LOCAL ({@code local_infile} off, the MySQL 8 default).
 * Values are bound from the bytes the source sent: text (utf8mb4, exactly as the server printed
 * it) as strings, binary values as bytes.
 */
final class InsertWriter implements TargetWriter {

  private final PreparedStatement statement;
  private final boolean[] binary;

  InsertWriter(Connection target, TableShape shape) throws SQLException {
    this.statement = target.prepareStatement(RowStatements.insert(shape));
    List<Column> columns = shape.writable();
    this.binary = new boolean[columns.size()];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = columns.get(i).kind() == ValueKind.BINARY;
    }
  }

  @Override
  public RowBatch newBatch() {
    return new Values(binary.length);
  }

  @Override
  public void send(RowBatch batch) throws SQLException {
    Values values = (Values) batch;
    if (values.rows() == 0) {
      return;
    }
    for (byte[][] row : values.rows) {
      for (int i = 0; i < binary.length; i++) {
        byte[] value = row[i];
        if (value == null) {
          statement.setNull(i + 1, binary[i] ? Types.VARBINARY : Types.VARCHAR);
        } else if (binary[i]) {
          statement.setBytes(i + 1, value);
        } else {
          statement.setString(i + 1, new String(value, StandardCharsets.UTF_8));
        }
      }
      statement.addBatch();
    }
    statement.executeBatch();
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }

  /** Rows as the source sent their values. */
  private static final class Values implements RowBatch {

    private final int width;
    private final List<byte[][]> rows = new ArrayList<>();
    private long bytes;

    Values(int width) {
      this.width = width;
    }

    @Override
    public long add(ResultSet rs) throws SQLException {
      byte[][] row = new byte[width][];
      long added = 0;
      for (int i = 0; i < width; i++) {
        row[i] = rs.getBytes(i + 1);
        added += row[i] == null ? 0 : row[i].length;
      }
      rows.add(row);
      bytes += added;
      return added;
    }

    @Override
    public int rows() {
      return rows.size();
    }

    @Override
    public long bytes() {
      return bytes;
    }

    @Override
    public void clear() {
      rows.clear();
      bytes = 0;
    }
  }
}
