/**
 * Writes to the target exactly: statements that must store values the target's strict mode
 * refuses (the ENUM error value).
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.catalog}.
 */
package dev.ferry.worker.target;
