/**
 * Ferry's own schema on the target and the ledger tables in it: their setup
 * ({@link dev.ferry.worker.meta.LedgerTable}) and the chunk key they share.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.sql}.
 */
package dev.ferry.worker.meta;
