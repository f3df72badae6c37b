/**
 * Binlog positions, shared by the worker and the operator so that both order them the same way:
 * the one position type ({@link dev.ferry.api.position.Position}) with its GTID set parsed once,
 * the one comparison ({@link dev.ferry.api.position.Order}), and the conversion to and from the
 * status types. Pure values, no I/O.
 */
package dev.ferry.api.position;
