package dev.ferry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of log files, for exception messages. */
final class LogTail {
  private static final int LINES = 40;

  private LogTail() {}

  /** The last lines of each file that exists, each under a header naming the file. */
  static String of(Path... files) {
    StringBuilder text = new StringBuilder();
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        text.append("\n--- last lines of ").append(file).append(" ---\n");
        text.append(tail(file));
      }
    }
    return text.toString();
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
