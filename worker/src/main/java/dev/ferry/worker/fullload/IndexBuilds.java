package dev.ferry.worker.fullload;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Counts the deferred index builds of a load and logs them in aggregate: one line every {@link
 * #EVERY_TABLES} tables or {@link #EVERY_SECONDS} seconds, and a summary, never a line per table
 * at INFO (a schema may hold 10,000 tables). Each table's build is logged at DEBUG.
 */
final class IndexBuilds {

  static final int EVERY_TABLES = 1000;
  static final long EVERY_SECONDS = 10;

  private final Logger log;
  private int tables;
  private int indexes;
  private long nanos;
  private long lastLine = System.nanoTime();
  private int tablesAtLastLine;

  IndexBuilds(Logger log) {
    this.log = log;
  }

  /** One table's build: the names of the indexes built, and how long it took. */
  synchronized void built(List<String> names, long tookNanos) {
    if (names.isEmpty()) {
      return;
    }
    tables++;
    indexes += names.size();
    nanos += tookNanos;
    log.debug("built indexes {} in {} ms", names, TimeUnit.NANOSECONDS.toMillis(tookNanos));
    long now = System.nanoTime();
    if (tables - tablesAtLastLine >= EVERY_TABLES
        || now - lastLine >= TimeUnit.SECONDS.toNanos(EVERY_SECONDS)) {
      line("so far");
      lastLine = now;
      tablesAtLastLine = tables;
    }
  }

  /** Logs the totals, when there were builds since the last line. */
  synchronized void summary() {
    if (tables > tablesAtLastLine) {
      line("in all");
      tablesAtLastLine = tables;
    }
  }

  private void line(String when) {
    log.info("built {} deferred indexes of {} tables {}, {} ms of index builds", indexes, tables,
        when, TimeUnit.NANOSECONDS.toMillis(nanos));
  }
}
