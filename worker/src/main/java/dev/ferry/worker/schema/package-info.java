/**
 * The schema phase: reads the source's tables, views, routines and triggers and creates them on
 * the target under the task's name mappings and the target's collations. It never uses another
 * phase: the engine composes the phases.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.sql},
 * {@link dev.ferry.worker.status}, {@link dev.ferry.worker.throttle},
 * {@link dev.ferry.worker.meta}, {@link dev.ferry.worker.binlog},
 * {@link dev.ferry.worker.catalog}, {@link dev.ferry.worker.target},
 * {@link dev.ferry.worker.task}, {@link dev.ferry.worker.metrics}.
 */
package dev.ferry.worker.schema;
