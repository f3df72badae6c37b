package dev.ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the shared libraries of an executable loadable. {@code mysqld} 8.0.31 and 5.7.22 link
 * {@code libaio.so.1}, which slim Debian images lack; when the loader cannot find it, a replacement
 * is compiled from {@code libaio-shim.c} (the three calls mysqld uses, as plain system calls) with
 * the machine's C compiler into {@code lib/private}, where 8.0's RPATH looks first and where 5.7 is
 * pointed with {@code LD_LIBRARY_PATH} ({@link Engine#environment}). Any other missing library is
 * reported.
 */
final class NativeLibraries {
  private static final String LIBAIO = "libaio.so.1";
  private static final Pattern NOT_FOUND =
      Pattern.compile("^\\s*(\\S+) => not found", Pattern.MULTILINE);

  private NativeLibraries() {}

  static void makeLoadable(Path executable, Path privateLibDir)
      throws IOException, InterruptedException {
    if (missing(executable, privateLibDir).contains(LIBAIO)) {
      buildLibaioShim(privateLibDir);
    }
    List<String> missing = missing(executable, privateLibDir);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          executable
              + " needs shared libraries this machine lacks: "
              + missing
              + ". Install them with the system's package manager.");
    }
  }

  /** The libraries {@code ldd} reports as not found. */
  private static List<String> missing(Path executable, Path privateLibDir)
      throws IOException, InterruptedException {
    String output =
        Commands.output(
            List.of("ldd", executable.toString()),
            Map.of("LD_LIBRARY_PATH", privateLibDir.toString()));
    Matcher matcher = NOT_FOUND.matcher(output);
    return matcher.results().map(result -> result.group(1)).distinct().toList();
  }

  private static void buildLibaioShim(Path libDir) throws IOException, InterruptedException {
    Path source = copyResource("libaio-shim.c", libDir);
    Path versions = copyResource("libaio-shim.map", libDir);
    try {
      Commands.run(
          List.of(
              "cc",
              "-shared",
              "-fPIC",
              "-O2",
              "-Wl,-soname," + LIBAIO,
              "-Wl,--version-script=" + versions,
              "-o",
              libDir.resolve(LIBAIO).toString(),
              source.toString()),
          libDir.resolve("libaio-shim.log"),
          Duration.ofMinutes(1));
    } catch (IOException e) {
      throw new IllegalStateException(
          "mysqld needs "
              + LIBAIO
              + ", which this machine lacks, and building a replacement with cc"
              + " failed. Install libaio (Debian: apt-get install libaio1) or a C"
              + " compiler.",
          e);
    }
  }

  private static Path copyResource(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = NativeLibraries.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
