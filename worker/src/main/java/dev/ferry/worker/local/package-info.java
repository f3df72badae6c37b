/**
 * Running a task without Kubernetes: the state file beside the manifest as status sink, and
 * Secrets read from files.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.status}.
 */
package dev.ferry.worker.local;
