/**
 * The full-load phase: plans every table into key ranges, copies them in parallel with a
 * per-chunk ledger on the target so a resume continues per chunk, defers secondary indexes, and
 * records where the incremental phase must start. It never uses another phase: the engine
 * composes the phases.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.sql},
 * {@link dev.ferry.worker.status}, {@link dev.ferry.worker.throttle},
 * {@link dev.ferry.worker.meta}, {@link dev.ferry.worker.binlog},
 * {@link dev.ferry.worker.catalog}, {@link dev.ferry.worker.target},
 * {@link dev.ferry.worker.task}, {@link dev.ferry.worker.metrics}.
 */
package dev.ferry.worker.fullload;
