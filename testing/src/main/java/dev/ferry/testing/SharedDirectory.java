package dev.ferry.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A directory that is filled once and then reused by every test class and every JVM: a lock file
 * serializes the JVMs, and a marker file written after a complete fill tells them it is ready. A
 * fill that failed half way is deleted and done again.
 */
final class SharedDirectory {

  /** Fills an empty directory. */
  interface Filler {
    void fill(Path dir) throws IOException, InterruptedException;
  }

  private static final Object JVM_LOCK = new Object();

  private SharedDirectory() {}

  static Path ensure(Path dir, Filler filler) throws IOException, InterruptedException {
    Path marker = dir.resolveSibling(dir.getFileName() + ".complete");
    synchronized (JVM_LOCK) {
      if (Files.exists(marker)) {
        return dir;
      }
      Files.createDirectories(dir.getParent());
      Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        channel.lock();
        if (!Files.exists(marker)) {
          Workspace.delete(dir);
          Files.createDirectories(dir);
          filler.fill(dir);
          Files.createFile(marker);
        }
      }
    }
    return dir;
  }
}
