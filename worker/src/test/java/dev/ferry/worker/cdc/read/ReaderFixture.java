package dev.ferry.worker.cdc.read;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabaseServer;
import dev.ferry.worker.binlog.BinlogStart;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.memory.MemoryBudget;
import dev.ferry.worker.db.Credentials;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Helpers to read a test source's binlog. */
final class ReaderFixture {

  static final Duration WAIT = Duration.ofSeconds(20);

  private ReaderFixture() {}

  static Endpoint endpoint(DatabaseServer server) {
    return endpoint(server, server.adminUser(), server.adminPassword());
  }

  static Endpoint endpoint(DatabaseServer server, String user, String password) {
    return new Endpoint("source", server.host(), server.port(), new Credentials(user, password),
        TlsMode.Disabled, null, true);
  }

  static Position now(DatabaseServer server) throws SQLException {
    try (Connection connection = server.connect()) {
      return BinlogStart.current(connection);
    }
  }

  static BinlogReader reader(Endpoint endpoint, Position start, boolean gtid,
      Predicate<TableRef> tables) {
    return BinlogReader.start(new ReaderSettings("src", endpoint, 4_000_000_001L, start, gtid,
        Duration.ofSeconds(1), MemoryBudget.ofThisJvm(1, 1)), tables);
  }

  /**
   * The first {@code count} transactions of {@code source}'s binlog from {@code start}, decoded
   * with {@code history}.
   */
  static List<SourceTransaction> read(DatabaseServer source, Position start,
      SchemaHistory history, int count) throws Exception {
    try (BinlogReader reader = BinlogReader.start(new ReaderSettings("src", endpoint(source),
        4_000_000_001L, start, false, Duration.ofSeconds(1), MemoryBudget.ofThisJvm(1, 1)),
        table -> true,
        (table, end) -> false, history)) {
      return take(reader, count);
    }
  }

  /** The next {@code count} transactions, failing when they do not arrive in time. */
  static List<SourceTransaction> take(ChangeStream stream, int count)
      throws InterruptedException {
    List<SourceTransaction> result = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (result.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + result.size() + " of " + count + " transactions: "
            + result);
      }
      SourceTransaction transaction = stream.poll(Duration.ofMillis(200));
      if (transaction != null && (transaction.isDdl() || !transaction.rows().isEmpty())) {
        result.add(transaction);
      }
    }
    return result;
  }
}
