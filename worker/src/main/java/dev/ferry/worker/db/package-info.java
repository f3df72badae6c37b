/**
 * The JDBC floor: endpoints and credentials from Secrets, connection pools, server detection
 * (flavour, version) and names for the objects Ferry creates on a server. Knows nothing of
 * migrations.
 *
 * <p>May use: {@link dev.ferry.worker.sql}.
 */
package dev.ferry.worker.db;
