/**
 * Runs a task: picks each phase with the operator's phase plan and retry windows
 * ({@link dev.ferry.worker.engine.TaskRunner}) and runs it with the phase that implements it
 * ({@link dev.ferry.worker.engine.EnginePhases}), composing the replicating validation beside the
 * incremental phase.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.sql},
 * {@link dev.ferry.worker.status}, {@link dev.ferry.worker.throttle},
 * {@link dev.ferry.worker.meta}, {@link dev.ferry.worker.binlog},
 * {@link dev.ferry.worker.catalog}, {@link dev.ferry.worker.target},
 * {@link dev.ferry.worker.task}, {@link dev.ferry.worker.metrics},
 * {@link dev.ferry.worker.precheck},
 * {@link dev.ferry.worker.schema}, {@link dev.ferry.worker.fullload},
 * {@link dev.ferry.worker.cdc}, {@link dev.ferry.worker.validation}.
 */
package dev.ferry.worker.engine;
