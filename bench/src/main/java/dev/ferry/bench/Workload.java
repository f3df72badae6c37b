package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;

/** A backlog of changes written to the source; every change touches exactly one row. */
interface Workload {

  /** Short name for the results table. */
  String name();

  /** Writes the backlog to {@code source}; returns the number of row changes. */
  long write(DatabaseServer source, BenchTables tables) throws Exception;
}
