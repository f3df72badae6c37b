package dev.ferry.worker.fullload;

import dev.ferry.api.position.Position;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads the binlog position at which a source's full load starts, where its CDC begins (mode
 * All). The CDC implements it, capturing its schema history at that same moment; the engine
 * hands it over.
 */
@FunctionalInterface
public interface StartCapture {

  /** The start position of source {@code source}, read through {@code connection}. */
  Position capture(String source, Connection connection) throws SQLException;
}
