package dev.ferry.worker.cdc.apply;

import dev.ferry.worker.cdc.BinlogCoordinates;
import java.time.Instant;

/**
 * A binlog position up to which something is applied, with the source commit time of the last
 * transaction at or before it.
 *
 * @param eventTime source commit time, or null when unknown
 */
record AppliedPosition(BinlogCoordinates coordinates, Instant eventTime) {}
