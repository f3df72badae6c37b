/**
 * The {@code ferry} command line: {@code ferry run|precheck|validate|status} locally and
 * {@code ferry worker} inside a pod.
 *
 * <p>May use: {@link dev.ferry.worker.engine}, {@link dev.ferry.worker.kube},
 * {@link dev.ferry.worker.local}, {@link dev.ferry.worker.precheck},
 * {@link dev.ferry.worker.validation}, {@link dev.ferry.worker.task},
 * {@link dev.ferry.worker.status}, {@link dev.ferry.worker.db},
 * {@link dev.ferry.worker.metrics}.
 */
package dev.ferry.worker.cli;
