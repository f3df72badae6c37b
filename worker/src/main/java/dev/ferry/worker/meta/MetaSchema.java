package dev.ferry.worker.meta;

import dev.ferry.api.objects.ObjectFilter;
import dev.ferry.worker.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ferry's own schema on the target ({@value ObjectFilter#META_SCHEMA}): the ledgers that make
 * phases resumable and exactly-once (created schema objects, full-load chunks, CDC checkpoints)
 * live here, each table created by the component that owns it, keyed in its {@code task_id}
 * column by one run of one task ({@code namespace/name@runId}).
 */
public final class MetaSchema {

  /** Name of the schema. */
  public static final String NAME = ObjectFilter.META_SCHEMA;

  /**
   * The name prefix of the scratch databases beside it, where the CDC's schema history replays
   * each DDL on empty copies of the source's tables (one per source schema and stream).
   */
  public static final String SCRATCH_PREFIX = "ferry_h_";

  private MetaSchema() {}

  /** Creates the schema when missing. */
  public static void ensure(Connection target) throws SQLException {
    try (Statement statement = target.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS " + Sql.quote(NAME)
          + " DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }
  }

  /** {@code `ferry_meta`.`table`}. */
  public static String table(String table) {
    return Sql.qualified(NAME, table);
  }
}
