/**
 * The validation phase: proves that the target holds exactly the source's rows, by chunked
 * checksums computed in the databases ({@link dev.ferry.worker.validation.Validation}).
 *
 * <p><b>Canonical row text.</b> Each compared column (every column but generated ones, which the
 * servers compute from the others) becomes ASCII text that is equal for equal values on MySQL and
 * MariaDB and in any session ({@link dev.ferry.worker.validation.TypeClass}): integers and DECIMAL
 * as decimal text (DECIMAL with the column's scale); FLOAT/DOUBLE as sign, tier and the shortest
 * round-trip text of the magnitude scaled by an exact power of two into [1, 2^40), where both
 * flavours print plain notation and MySQL does not cut the text; temporal values as text in the UTC
 * session; CHAR, VARCHAR, ENUM and SET as HEX of their bytes in the column's character set (utf8mb4
 * when the two sides' sets differ); TEXT and BLOB as MD5 of their bytes; BINARY/VARBINARY as HEX;
 * BIT as its integer; JSON as MD5 of MySQL's printed form (on MariaDB, {@code
 * JSON_LOOSE(JSON_COMPACT(...))}; MariaDB to MariaDB compares the stored text). The parts are
 * joined by {@code '#'}, which no part contains, followed by one NULL marker per column, so NULL
 * and the empty string differ.
 *
 * <p><b>Chunk checksum.</b> {@code COUNT(*)}, the exact sum of the first 64 bits of each row's
 * MD5 and the XOR of the last 64 bits ({@link dev.ferry.worker.validation.Checksum}): order
 * independent, duplicates do not cancel, about 2^-64 chance that two different chunks agree.
 * MD5, CONV, BIT_XOR and CONCAT_WS exist on MySQL 5.7/8.x and MariaDB 10.x/11.x.
 *
 * <p><b>Limits.</b> +0 and -0 compare equal. JSON from MariaDB to MySQL matches only when the
 * MariaDB text lists object keys in MySQL's order and has no escaped characters that MySQL
 * prints unescaped; numbers in JSON compare as printed. Range membership is decided by each
 * server's collation of the key, so a key collation that differs between source and target can
 * move edge rows between chunks and report them as differing. A mismatching chunk's rows are
 * held in memory (key and hash) to locate the differing keys. A keyless table is compared whole
 * and its differing rows are not located.
 *
 * <p><b>While replicating.</b> {@link dev.ferry.worker.validation.ReplicatingValidation} runs
 * passes inside the incremental phase (stages Continuous, and AfterFullLoad in mode All). A chunk
 * that differs there may only show changes in flight, so it is compared again once the apply has
 * committed, on the target, every change up to the source position read right after the source
 * checksum ({@link dev.ferry.worker.validation.InFlightCheck}), and reported only when the target
 * still differs from an unchanged source ({@link dev.ferry.worker.validation.Recheck}). Chunks
 * whose rows keep changing stay undecided for that pass. Such passes never repair (re-copying
 * rows the apply is writing could lose changes) and keep no ledger.
 *
 * <p>May use: {@link dev.ferry.worker.db}, {@link dev.ferry.worker.sql},
 * {@link dev.ferry.worker.status}, {@link dev.ferry.worker.throttle},
 * {@link dev.ferry.worker.meta}, {@link dev.ferry.worker.binlog},
 * {@link dev.ferry.worker.catalog}, {@link dev.ferry.worker.target},
 * {@link dev.ferry.worker.task}, {@link dev.ferry.worker.metrics}. It never uses another phase:
 * the engine runs the replicating validation beside the incremental phase.
 */
package dev.ferry.worker.validation;
