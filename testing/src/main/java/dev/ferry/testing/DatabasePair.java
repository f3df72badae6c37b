package dev.ferry.testing;

import java.sql.SQLException;

/**
 * A source and a target server, as a migration sees them.
 *
 * @param source the server migrated from
 * @param target the server migrated to
 */
public record DatabasePair(DatabaseServer source, DatabaseServer target) {

  /** {@linkplain DatabaseServer#reset() Resets} both servers. */
  public void reset() throws SQLException {
    source.reset();
    target.reset();
  }
}
