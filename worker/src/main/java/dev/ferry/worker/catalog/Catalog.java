package dev.ferry.worker.catalog;

import dev.ferry.worker.sql.TableRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of a {@link Scope} as {@link CatalogReader} read them, by name. A name is looked up
 * exactly first, then ignoring case (as the servers' information_schema compares names).
 */
public record Catalog(Map<TableRef, CatalogTable> tables) {

  public Catalog {
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /** The table named {@code ref}, if it exists. */
  public Optional<CatalogTable> table(TableRef ref) {
    CatalogTable exact = tables.get(ref);
    if (exact != null) {
      return Optional.of(exact);
    }
    return tables.values().stream()
        .filter(t -> t.ref().schema().equalsIgnoreCase(ref.schema())
            && t.ref().table().equalsIgnoreCase(ref.table()))
        .findFirst();
  }
}
