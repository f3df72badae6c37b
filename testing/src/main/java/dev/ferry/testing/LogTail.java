package dev.ferry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The telling lines of log files, for exception messages: every error line (the first one
 * usually names the cause, even when the server crashed afterwards) and the last lines.
 */
final class LogTail {
  private static final int LINES = 40;

  private LogTail() {}

  /** The error lines and the last lines of each file that exists, under headers. */
  static String of(Path... files) {
    StringBuilder text = new StringBuilder();
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        text.append(excerpt(file));
      }
    }
    return text.toString();
  }

  private static String excerpt(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "\n--- " + file + " is unreadable: " + e + " ---\n";
    }
    int tailStart = Math.max(0, lines.size() - LINES);
    List<String> errors = lines.subList(0, tailStart).stream()
        .filter(line -> line.contains("[ERROR]")).toList();
    StringBuilder text = new StringBuilder();
    if (!errors.isEmpty()) {
      text.append("\n--- error lines of ").append(file).append(" ---\n")
          .append(String.join("\n", errors));
    }
    return text.append("\n--- last lines of ").append(file).append(" ---\n")
        .append(String.join("\n", lines.subList(tailStart, lines.size()))).toString();
  }
}
