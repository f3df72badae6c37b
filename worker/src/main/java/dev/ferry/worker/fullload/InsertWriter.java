package dev.ferry.worker.fullload;

import dev.ferry.worker.target.EnumErrorWrites;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes rows as batched INSERT statements (Connector/J rewrites a batch into multi-row INSERTs).
 * Used where the target refuses LOAD DATA LOCAL ({@code local_infile} off, the MySQL 8 default).
 * Values are bound from the bytes the source sent: text (utf8mb4, exactly as the server printed
 * it) as strings, binary values as bytes. A row holding an ENUM error value is written on its own
 * through {@link EnumErrorWrites}, which strict mode requires.
 */
final class InsertWriter implements TargetWriter {

  private final Connection target;
  private final String sqlMode;
  private final PreparedStatement statement;
  private final boolean[] binary;
  private final boolean[] enumErrors;
  private final Set<String> enumErrorColumns;

  /**
   * @param types the target table's columns as they are now
   * @param sqlMode the SQL mode of the target session
   */
  InsertWriter(Connection target, TableShape shape, TargetColumns types, String sqlMode)
      throws SQLException {
    this.target = target;
    this.sqlMode = sqlMode;
    List<Column> columns = shape.writable();
    this.enumErrors = types.enumErrorValues(columns);
    this.enumErrorColumns = TargetColumns.names(columns, enumErrors);
    this.statement = target.prepareStatement(RowStatements.insert(shape));
    this.binary = Column.binary(columns);
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
    List<byte[][]> alone = new ArrayList<>();
    for (byte[][] row : values.rows) {
      if (holdsEnumError(row)) {
        alone.add(row);
      } else {
        bind(row);
        statement.addBatch();
      }
    }
    statement.executeBatch();
    for (byte[][] row : alone) {
      EnumErrorWrites.run(target, sqlMode, enumErrorColumns, () -> {
        bind(row);
        return statement.executeUpdate();
      });
    }
  }

  private boolean holdsEnumError(byte[][] row) {
    for (int i = 0; i < row.length; i++) {
      if (enumErrors[i] && row[i] != null && row[i].length == 0) {
        return true;
      }
    }
    return false;
  }

  private void bind(byte[][] row) throws SQLException {
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
