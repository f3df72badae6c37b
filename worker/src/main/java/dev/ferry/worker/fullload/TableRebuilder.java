package dev.ferry.worker.fullload;

import dev.ferry.worker.catalog.TableMapping;
import java.sql.SQLException;
import java.util.List;

/**
 * Makes a target table again from a source definition the full load read together with the
 * table's copy boundary, when the table changed after the schema phase made it (the schema phase
 * implements it; the engine hands it over).
 */
@FunctionalInterface
public interface TableRebuilder {

  /**
   * Drops the target table of {@code table} and, unless {@code showCreate} is null (the source
   * table no longer exists), creates it from {@code showCreate}.
   *
   * @param sourceTables every migrated table of the same source
   */
  void rebuild(List<TableMapping> sourceTables, TableMapping table, String showCreate)
      throws SQLException;
}
