package dev.ferry.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/**
 * The catalog statements counted on each server during one run of a task (by kind, as {@link
 * CatalogQueryCounter} sorts them), for the tests that compare a run over few tables with one
 * over many.
 */
record CatalogRun(Map<String, Long> source, Map<String, Long> target) {

  /**
   * Asserts that on neither server this run of {@code tables} tables sent more {@code
   * information_schema} reads or other SHOW statements than {@code few}, a run of {@code
   * fewTables}.
   */
  void assertNoMoreThan(CatalogRun few, int fewTables, int tables) {
    for (String server : List.of("source", "target")) {
      for (String kind : List.of("information_schema", "other SHOW")) {
        assertThat(counts(server).get(kind))
            .as("%s on the %s: %s for %d tables, %s for %d tables", kind, server,
                counts(server), tables, few.counts(server), fewTables)
            .isLessThanOrEqualTo(few.counts(server).get(kind));
      }
    }
  }

  private Map<String, Long> counts(String server) {
    return server.equals("source") ? source : target;
  }
}
