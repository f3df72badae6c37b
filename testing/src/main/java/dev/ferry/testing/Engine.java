package dev.ferry.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What differs between the flavours in installing, initializing and running a server. */
interface Engine {

  /** Unpacks the server binaries once per workspace and returns their base directory. */
  Path binaries() throws IOException, InterruptedException;

  /**
   * Creates the system tables in an absent or empty data directory.
   *
   * @param args the server options' extra arguments, some of which matter at initialization
   */
  void initialize(Path baseDir, Path dataDir, Path tmpDir, Path log, List<String> args)
      throws IOException, InterruptedException;

  /** Removes what must differ between servers from a copy of an initialized data directory. */
  default void makeUnique(Path dataDir) throws IOException {}

  /** Environment variables the server executable needs, such as a library path. */
  default Map<String, String> environment(Path baseDir) {
    return Map.of();
  }

  /** The server executable. */
  Path server(Path baseDir);

  /** Server arguments of this flavour only; {@link ServerCommand} adds the common ones. */
  List<String> flavorArgs(boolean binlog);

  /** A query returning every account as user, host, and whether it is a role. */
  String accountsQuery();
}
