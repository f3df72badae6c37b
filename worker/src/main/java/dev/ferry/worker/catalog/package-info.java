/**
 * What the databases say about the migrated tables: tables, columns, keys and foreign keys read
 * in bulk ({@link dev.ferry.worker.catalog.CatalogReader}), the one key rule, name mappings, and
 * the one key range type with its planner, used by full load, validation, precheck and CDC.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.sql}.
 */
package dev.ferry.worker.catalog;
