package dev.ferry.worker.validation;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.worker.catalog.Catalog;
import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every included table of every source with its target table's columns. Tables whose rule
 * replicates only some DML operations (say, no deletes) differ from their source by design and
 * are left out, with a log line.
 */
final class ComparedTables {

  private static final Logger LOG = LoggerFactory.getLogger(ComparedTables.class);

  /** Told about a table that cannot be compared now; throwing stops the reading. */
  @FunctionalInterface
  interface Unreadable {
    void skip(TableMapping mapping, FerryException problem);
  }

  /** Rethrows the problem: every table must be comparable. */
  static final Unreadable STRICT = (mapping, problem) -> {
    throw problem;
  };

  private ComparedTables() {}

  /**
   * The compared tables of {@code sources} (by name) against {@code target}; a table whose
   * target table or columns do not fit is passed to {@code unreadable} and left out.
   */
  static List<ComparedTable> read(MigrationTaskSpec spec, Map<String, Database> sources,
      Database target, Unreadable unreadable) throws SQLException {
    List<ComparedTable> tables = new ArrayList<>();
    try (Connection targetConnection = target.connection()) {
      Flavor targetFlavor = ServerInfo.detect(targetConnection).flavor();
      for (Map.Entry<String, Database> source : sources.entrySet()) {
        try (Connection sourceConnection = source.getValue().connection()) {
          Flavor sourceFlavor = ServerInfo.detect(sourceConnection).flavor();
          List<TableMapping> mappings = new ArrayList<>();
          for (TableMapping mapping : SourceCatalog.tables(sourceConnection, spec)) {
            if (!mapping.operations().containsAll(EnumSet.allOf(DmlOperation.class))) {
              LOG.info("not validated: {} replicates only {} (spec.objects.rules operations),"
                  + " so its target differs from the source by design", mapping.source(),
                  mapping.operations());
              continue;
            }
            mappings.add(mapping);
          }
          Catalog sourceCatalog = CatalogReader.read(sourceConnection,
              Scope.schemasOf(mappings.stream().map(TableMapping::source).toList()));
          Catalog targetCatalog = CatalogReader.read(targetConnection,
              Scope.schemasOf(mappings.stream().map(TableMapping::target).toList()));
          for (TableMapping mapping : mappings) {
            try {
              tables.add(ComparedTable.of(sourceCatalog, targetCatalog, source.getKey(),
                  mapping, sourceFlavor, targetFlavor));
            } catch (FerryException problem) {
              unreadable.skip(mapping, problem);
            }
          }
        }
      }
    }
    return tables;
  }
}
