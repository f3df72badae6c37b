/**
 * The precheck phase: every item a migration needs from sources, target and settings, each with a
 * result and a remedy; throws {@link dev.ferry.worker.precheck.PrecheckFailedException} when an
 * item fails. It never uses another phase: the engine composes the phases.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.sql},
 * {@link dev.ferry.worker.status}, {@link dev.ferry.worker.throttle},
 * {@link dev.ferry.worker.meta}, {@link dev.ferry.worker.binlog},
 * {@link dev.ferry.worker.catalog}, {@link dev.ferry.worker.target},
 * {@link dev.ferry.worker.task}, {@link dev.ferry.worker.metrics}.
 */
package dev.ferry.worker.precheck;
