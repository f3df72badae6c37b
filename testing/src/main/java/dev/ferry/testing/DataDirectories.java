package dev.ferry.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Creates data directories by copying a template: initializing one takes seconds (about 3 s of CPU
 * for MySQL), copying a fraction of that. Each template is made once per workspace for each
 * binaries and set of extra server arguments, since some arguments (such as {@code
 * --lower-case-table-names}) only take effect at initialization.
 */
final class DataDirectories {

  private DataDirectories() {}

  static void create(Flavor flavor, Path baseDir, ServerOptions options, Path dataDir)
      throws IOException, InterruptedException {
    Engine engine = flavor.engine();
    String name = baseDir.getFileName() + "-" + Integer.toHexString(options.args().hashCode());
    Path template =
        SharedDirectory.ensure(
            Workspace.templates(name),
            dir -> {
              Path tmp = Files.createDirectories(dir.resolve("tmp"));
              engine.initialize(
                  baseDir, dir.resolve("data"), tmp, dir.resolve("install.log"), options.args());
            });
    copy(template.resolve("data"), dataDir);
    engine.makeUnique(dataDir);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> tree = Files.walk(from)) {
      for (Path source : tree.toList()) {
        Files.copy(
            source,
            to.resolve(from.relativize(source).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
