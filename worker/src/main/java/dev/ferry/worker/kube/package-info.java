/**
 * Running a phase in a worker pod: the MigrationTask on the API server as status sink, Secrets
 * from the environment, the termination message the operator reads.
 *
 * <p>May use: {@link dev.ferry.worker.engine}, {@link dev.ferry.worker.task},
 * {@link dev.ferry.worker.status}, {@link dev.ferry.worker.db},
 * {@link dev.ferry.worker.metrics}.
 */
package dev.ferry.worker.kube;
