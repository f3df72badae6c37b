package dev.ferry.worker.cdc;

/**
 * A point in one source's binlog: right after a committed transaction (or DDL).
 *
 * @param file binlog file name
 * @param position offset of the next event in {@code file} (the event header's next position)
 * @param gtidSet GTID set executed up to here (MySQL: uuid:1-n,...; MariaDB: domain-server-seq
 *     per domain), or null when the source does not use GTIDs
 */
public record BinlogCoordinates(String file, long position, String gtidSet) {

  @Override
  public String toString() {
    return file + ":" + position + (gtidSet == null || gtidSet.isEmpty() ? "" : " [" + gtidSet
        + "]");
  }
}
