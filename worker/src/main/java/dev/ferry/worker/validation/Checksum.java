package dev.ferry.worker.validation;

import dev.ferry.worker.catalog.KeyRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The checksum of one side of a chunk, computed in the database: the row count, the exact
 * (DECIMAL) sum of the first 64 bits of every row's MD5 and the XOR of the last 64 bits. The
 * sum and the count do not cancel out duplicate rows (keyless tables may have them); together
 * with the XOR, two different sets of rows collide with a probability of about 2^-64.
 */
record Checksum(long rows, BigDecimal sum, BigInteger xor) {

  /** The checksum of no rows. */
  static final Checksum EMPTY = new Checksum(0, BigDecimal.ZERO, BigInteger.ZERO);

  /** The checksum of both sets of rows together (shards merged into one target table). */
  Checksum plus(Checksum other) {
    return new Checksum(rows + other.rows, sum.add(other.sum), xor.xor(other.xor));
  }

  /** The checksum of {@code range} of {@code table} on {@code side}. */
  static Checksum of(Connection connection, ComparedTable table, KeyRange range, Side side)
      throws SQLException {
    String sql = "SELECT COUNT(*), COALESCE(SUM(h1), 0), BIT_XOR(h2) FROM (SELECT"
        + " CAST(CONV(LEFT(r, 16), 16, 10) AS UNSIGNED) AS h1,"
        + " CAST(CONV(RIGHT(r, 16), 16, 10) AS UNSIGNED) AS h2 FROM (SELECT MD5("
        + table.rowText(side) + ") AS r FROM " + table.table(side) + " WHERE "
        + range.condition(table.keyColumns(side)) + table.filter(side)
        + ") AS row_md5) AS row_hashes";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      range.bind(statement, 1, table.keyBinary());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return new Checksum(rs.getLong(1), new BigDecimal(rs.getString(2)),
            new BigInteger(rs.getString(3)));
      }
    }
  }
}
