/**
 * The JDBC floor: endpoints and credentials from Secrets, connection pools, server detection
 * (flavour, version), identifier quoting and small statement helpers. Knows nothing of
 * migrations.
 *
 * <p>May use: no other package of the worker.
 */
package dev.ferry.worker.db;
