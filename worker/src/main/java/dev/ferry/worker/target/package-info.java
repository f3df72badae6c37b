/**
 * Writes to the target that need more than plain SQL to stay exact, such as the error value of
 * an ENUM column ({@code EnumErrorWrites}).
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.catalog}.
 */
package dev.ferry.worker.target;
