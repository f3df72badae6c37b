/**
 * One run of one task as the phases see it: its spec, status sink, endpoints and secrets
 * ({@link dev.ferry.worker.task.TaskContext}), and how a phase notices it is asked to stop.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.status},
 * {@link dev.ferry.worker.metrics}.
 */
package dev.ferry.worker.task;
