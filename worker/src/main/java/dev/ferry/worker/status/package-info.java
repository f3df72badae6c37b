/**
 * Where the engine reports progress and checkpoints and reads the current spec: the
 * {@link dev.ferry.worker.status.StatusSink} and the one way every sink applies a change
 * ({@link dev.ferry.worker.status.StatusChange}).
 *
 * <p>May use: no other package of the worker.
 */
package dev.ferry.worker.status;
