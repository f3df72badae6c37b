/**
 * Rows/s and bytes/s limits of the full load and the incremental apply (token buckets that follow
 * spec edits).
 *
 * <p>May use: no other package of the worker.
 */
package dev.ferry.worker.throttle;
