package dev.ferry.worker.cdc.read;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.LRUCache;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import dev.ferry.api.position.Position;
import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.worker.cdc.change.SourceTransaction;
import dev.ferry.worker.cdc.memory.ByteBoundedQueue;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.sql.TableRef;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one source's binlog as a replica would ({@code mysql-binlog-connector-java}) on its own
 * thread and hands out committed transactions through a queue bounded in bytes of row images
 * ({@link ReaderSettings#memory()}): when the consumer falls behind, reading pauses. A
 * transaction too large for the heap arrives with its rows spilled to a local file. Every
 * failure ends the stream and is thrown from {@link #poll} once the transactions read before it
 * are taken: communication failures and silence longer than
 * {@link ReaderSettings#silenceLimit()} as Connection, purged or unknown positions as Fatal,
 * undecodable events as Fatal (the library would skip them). The library's own reconnect is off,
 * since a resume must start from a committed checkpoint; TCP keepalive and heartbeats are on.
 */
public final class BinlogReader implements ChangeStream {

  private static final Logger LOG = LoggerFactory.getLogger(BinlogReader.class);
  private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final Duration POLL_SLICE = Duration.ofMillis(100);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final ReaderSettings settings;
  private final BinaryLogClient client;
  private final SchemaTracker tracker;
  private final ByteBoundedQueue<SourceTransaction> queue;
  private final Clock clock = Clock.systemUTC();
  private final Thread thread;
  private final EventAssembler assembler;
  private volatile FerryException failure;
  private volatile Exception communicationFailure;
  private volatile Instant lastSeen;
  /** Last event, or last hand-over to the consumer: a paused reader is not a silent source. */
  private volatile Instant lastActivity;
  private volatile boolean closed;
  private volatile boolean finished;

  private BinlogReader(ReaderSettings settings, Predicate<TableRef> tables,
      BiPredicate<TableRef, Position> inCopy, SchemaHistory history, boolean mariaDb,
      Database source) {
    this.settings = settings;
    this.tracker = new SchemaTracker(source);
    this.queue = new ByteBoundedQueue<>(settings.memory().readerQueueBytes(),
        SourceTransaction::heapBytes);
    this.assembler = new EventAssembler(settings.source(), tables, inCopy,
        new LayoutResolver(tracker, history, mariaDb), tracker, history,
        GtidTracker.of(mariaDb, settings.start().gtidText()), settings.start().file(),
        this::handOver, clock, settings.memory().largeTransactionBytes());
    this.client = client(settings, assembler);
    this.thread = new Thread(this::run, "ferry-binlog-" + settings.source());
    this.thread.setDaemon(true);
  }

  /**
   * Connects to the source and starts reading from {@code settings.start()}.
   *
   * @param tables the tables whose rows are decoded; rows of others are skipped
   */
  public static BinlogReader start(ReaderSettings settings, Predicate<TableRef> tables) {
    return start(settings, tables, (table, end) -> false);
  }

  /**
   * Connects to the source and starts reading from {@code settings.start()}.
   *
   * @param tables the tables whose rows are decoded; rows of others are skipped
   * @param inCopy whether the full-load copy of a table holds its changes in the transaction
   *     ending at a position: rows the reader cannot decode (columns changed since) are then
   *     no failure, as they are dropped anyway
   */
  public static BinlogReader start(ReaderSettings settings, Predicate<TableRef> tables,
      BiPredicate<TableRef, Position> inCopy) {
    return start(settings, tables, inCopy, null);
  }

  /**
   * Connects to the source and starts reading from {@code settings.start()}, decoding rows with
   * the definitions {@code history} has at their position (it must stand at that start).
   *
   * @param tables the tables whose rows are decoded; rows of others are skipped
   * @param inCopy whether the full-load copy of a table holds its changes in the transaction
   *     ending at a position: rows the reader cannot decode (columns changed since) are then
   *     no failure, as they are dropped anyway
   * @param history the schema history, evolved by the reader; null: the source's definitions
   *     now (the reverse stream)
   */
  public static BinlogReader start(ReaderSettings settings, Predicate<TableRef> tables,
      BiPredicate<TableRef, Position> inCopy, SchemaHistory history) {
    Database source;
    boolean mariaDb;
    try {
      source = Database.open(settings.endpoint(), 2);
    } catch (RuntimeException e) {
      throw cannotConnect(settings, e);
    }
    try (Connection connection = source.connection()) {
      mariaDb = ServerInfo.detect(connection).flavor() == Flavor.MARIADB;
    } catch (SQLException e) {
      source.close();
      throw cannotConnect(settings, e);
    }
    BinlogReader reader =
        new BinlogReader(settings, tables, inCopy, history, mariaDb, source);
    reader.thread.start();
    return reader;
  }

  private static FerryException cannotConnect(ReaderSettings settings, Exception cause) {
    Throwable root = cause;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new FerryException(FailureClassifier.classify(cause), "cannot connect to source "
        + settings.source() + " (" + settings.endpoint().address() + "): " + root.getMessage(),
        cause);
  }

  @Override
  public SourceTransaction poll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      SourceTransaction transaction = queue.poll();
      if (transaction != null) {
        return transaction;
      }
      throwIfFailed();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      transaction = queue.poll(Math.min(left, POLL_SLICE.toNanos()), TimeUnit.NANOSECONDS);
      if (transaction != null) {
        return transaction;
      }
    }
  }

  @Override
  public Instant lastSeen() {
    return lastSeen;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      client.disconnect();
      thread.join(STOP_WAIT.toMillis());
    } catch (IOException e) {
      LOG.debug("closing the binlog connection of {} failed", settings.source(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      tracker.close();
      dropSpills();
    }
  }

  /** Deletes the files of the large transactions nobody will take any more. */
  private void dropSpills() {
    if (!thread.isAlive()) {
      assembler.clearRows();
    }
    for (SourceTransaction left = queue.poll(); left != null; left = queue.poll()) {
      if (left.isSpilled()) {
        left.spilled().delete();
      }
    }
  }

  private void handOver(SourceTransaction transaction) throws InterruptedException {
    queue.put(transaction);
    lastActivity = clock.instant();
  }

  private void throwIfFailed() {
    FerryException failed = failure;
    if (failed != null) {
      throw failed;
    }
    Instant active = lastActivity;
    if (!finished && active != null
        && Duration.between(active, clock.instant()).compareTo(settings.silenceLimit()) > 0) {
      fail(new FerryException(FailureClass.Connection, "source " + settings.source() + " ("
          + settings.endpoint().address() + ") sent nothing, not even a heartbeat, for "
          + settings.silenceLimit().toSeconds() + " s; the connection is considered lost"));
      throw failure;
    }
  }

  private void run() {
    try {
      client.connect();
    } catch (Exception e) {
      communicationFailure = communicationFailure == null ? e : communicationFailure;
    } finally {
      if (!closed && failure == null) {
        Exception cause = communicationFailure;
        fail(cause != null ? BinlogFailures.of(cause, settings)
            : new FerryException(FailureClass.Connection, "source " + settings.source() + " ("
                + settings.endpoint().address() + ") closed the binlog connection"));
      }
      finished = true;
    }
  }

  private synchronized void fail(FerryException cause) {
    if (failure == null) {
      failure = cause;
      LOG.warn("binlog reader of {} stopped: {}", settings.source(), cause.getMessage());
    }
  }

  /** Ends the connection from another thread; the library waits for the reading thread. */
  private void stopAsync() {
    Thread stopper = new Thread(() -> {
      try {
        client.disconnect();
      } catch (IOException e) {
        LOG.debug("disconnecting {} failed", settings.source(), e);
      }
    }, "ferry-binlog-stop-" + settings.source());
    stopper.setDaemon(true);
    stopper.start();
  }

  private BinaryLogClient client(ReaderSettings settings, EventAssembler assembler) {
    Endpoint endpoint = settings.endpoint();
    BinaryLogClient binlog = new BinaryLogClient(endpoint.host(), endpoint.port(),
        endpoint.credentials().username(), endpoint.credentials().password());
    binlog.setServerId(settings.serverId());
    binlog.setKeepAlive(false);
    binlog.setHeartbeatInterval(settings.heartbeat().toMillis());
    binlog.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    binlog.setSocketFactory(() -> {
      Socket socket = new Socket();
      socket.setKeepAlive(true);
      return socket;
    });
    binlog.setSSLMode(TlsSockets.mode(endpoint.tlsMode()));
    if (endpoint.caCertificatePem() != null) {
      binlog.setSslSocketFactory(TlsSockets.trusting(endpoint.caCertificatePem(), endpoint.name()));
    }
    Map<Long, TableMapEventData> tableMaps = new LRUCache<>(100, 0.75f, 10_000);
    binlog.setEventDeserializer(ExactRowDeserializers.create(tableMaps, assembler::decodes));
    if (settings.startsByGtid()) {
      binlog.setGtidSet(settings.start().gtidText().replaceAll("\\s+", ""));
      binlog.setGtidSetFallbackToPurged(false);
    } else {
      binlog.setBinlogFilename(settings.start().file());
      binlog.setBinlogPosition(settings.start().offset());
    }
    binlog.registerEventListener(event -> onEvent(assembler, event));
    binlog.registerLifecycleListener(new Lifecycle());
    return binlog;
  }

  private void onEvent(EventAssembler assembler, Event event) {
    if (closed || failure != null) {
      return;
    }
    lastSeen = clock.instant();
    lastActivity = lastSeen;
    try {
      assembler.accept(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (FerryException e) {
      fail(e);
      stopAsync();
    } catch (RuntimeException e) {
      EventHeaderV4 header = event.getHeader();
      fail(new FerryException(FailureClass.Fatal, "the binlog event " + header.getEventType()
          + " at position " + header.getPosition() + " of source " + settings.source()
          + " cannot be turned into changes: " + e, e));
      stopAsync();
    }
  }

  /** Records what the client reports about its connection. */
  private final class Lifecycle implements BinaryLogClient.LifecycleListener {
    @Override
    public void onConnect(BinaryLogClient binlog) {
      lastActivity = clock.instant();
    }

    @Override
    public void onCommunicationFailure(BinaryLogClient binlog, Exception cause) {
      if (communicationFailure == null) {
        communicationFailure = cause;
      }
    }

    @Override
    public void onEventDeserializationFailure(BinaryLogClient binlog, Exception cause) {
      fail(new FerryException(FailureClass.Fatal, "a binlog event of source " + settings.source()
          + " after " + binlog.getBinlogFilename() + ":" + binlog.getBinlogPosition()
          + " cannot be decoded, and skipping it would lose changes: " + cause, cause));
      stopAsync();
    }

    @Override
    public void onDisconnect(BinaryLogClient binlog) {
      LOG.debug("binlog connection of {} closed", settings.source());
    }
  }
}
