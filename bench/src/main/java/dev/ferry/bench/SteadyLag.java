package dev.ferry.bench;

import dev.ferry.testing.DatabaseServer;
import java.util.List;

/**
 * Ferry's replication lag under a steady source load: fresh tables, Ferry started at the
 * source's current position, then the paced updates and the {@link LagProbe} side by side; at
 * the end a cutover drains Ferry and the tables are compared.
 */
final class SteadyLag {

  private static final long WARM_UP_MILLIS = 3000;

  private final DatabaseServer source;
  private final DatabaseServer target;
  private final BenchTables tables;
  private final FerryReplication ferry;

  SteadyLag(DatabaseServer source, DatabaseServer target, BenchTables tables,
      FerryReplication ferry) {
    this.source = source;
    this.target = target;
    this.tables = tables;
    this.ferry = ferry;
  }

  /**
   * What one run measured.
   *
   * @param memory this JVM's peak heap and RSS while the load ran ({@link HeapPeak}); the JVM
   *     also runs the load's writers and the probe
   */
  record Result(double sourceEventsPerSecond, LagProbe.Lag lag, boolean tablesEqual,
      String memory) {}

  Result run(String taskId, PacedUpdates load) throws Exception {
    tables.create(source);
    tables.create(target);
    FerryReplication.Running running = ferry.start(taskId, BinlogPoint.current(source));
    Thread.sleep(WARM_UP_MILLIS);
    running.check();
    long written;
    double seconds;
    LagProbe.Lag lag;
    String memory;
    try (HeapPeak peak = HeapPeak.start();
        LagProbe probe = new LagProbe(source, target)) {
      probe.start();
      long started = System.nanoTime();
      written = load.write(source, tables);
      seconds = (System.nanoTime() - started) / 1e9;
      lag = probe.stop();
      memory = peak.report();
    }
    running.check();
    running.stop();
    List<Long> expected = BenchTables.checksums(source);
    return new Result(written / seconds, lag, expected.equals(BenchTables.checksums(target)),
        memory);
  }
}
