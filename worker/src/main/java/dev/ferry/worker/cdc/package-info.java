/**
 * The incremental phase: reads each source's binlog, routes and filters changes, applies them in
 * parallel lanes with exactly-once checkpoints on the target, replays DDL rewritten for the
 * target ({@link dev.ferry.worker.cdc.BinlogDdl}), and drains for the cutover; {@code cdc.change}
 * holds the vocabulary of changes, {@code cdc.read}, {@code cdc.route}, {@code cdc.apply} the
 * stages, {@code cdc.reverse} the stream back after the cutover. It never uses another phase: the
 * engine composes the phases.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.sql},
 * {@link dev.ferry.worker.status}, {@link dev.ferry.worker.throttle},
 * {@link dev.ferry.worker.meta}, {@link dev.ferry.worker.binlog},
 * {@link dev.ferry.worker.catalog}, {@link dev.ferry.worker.target},
 * {@link dev.ferry.worker.task}, {@link dev.ferry.worker.metrics}.
 */
package dev.ferry.worker.cdc;
