package dev.ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Servers by flavour, role and options, created on first request and closed together. JUnit closes
 * a pool when the store holding it ends: the root store for servers shared by all test classes, a
 * class store for servers of one class.
 */
final class ServerPool implements AutoCloseable {
  private static final AtomicInteger NEXT_SERVER_ID = new AtomicInteger(1);

  private record Key(Flavor flavor, Role role, ServerOptions options) {}

  private final Map<Key, DatabaseServer> servers = new HashMap<>();

  /** The pool's server for these settings, created (not started) if needed. */
  synchronized DatabaseServer server(Flavor flavor, Role role, ServerOptions options) {
    return servers.computeIfAbsent(new Key(flavor, role, options), ServerPool::create);
  }

  /** Stops all servers in parallel (MySQL takes over a second) and deletes their directories. */
  @Override
  public synchronized void close() {
    CompletableFuture.allOf(
            servers.values().stream()
                .map(server -> CompletableFuture.runAsync(server::close))
                .toArray(CompletableFuture[]::new))
        .join();
    servers.clear();
  }

  private static DatabaseServer create(Key key) {
    try {
      return new DatabaseServer(
          key.flavor(), key.role(), key.options(), NEXT_SERVER_ID.getAndIncrement());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
