package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.SourceCheckpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders binlog checkpoints of one source, so that no writer ever stores an older checkpoint over
 * a newer one. A GTID set is compared by containment (MySQL: every transaction of the older set is
 * in the newer; MariaDB: every domain's sequence number is at least as high); otherwise the binlog
 * file number and the offset are compared.
 */
public final class CheckpointOrder {

  private static final Pattern FILE = Pattern.compile("(.*)\\.(\\d+)");
  private static final Pattern MARIADB = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");

  private CheckpointOrder() {}

  /**
   * Whether {@code next} is behind {@code previous}: storing it would move the checkpoint
   * backwards. Incomparable checkpoints (different binlog base names, no common form) are
   * not considered behind.
   */
  public static boolean isBehind(SourceCheckpoint previous, SourceCheckpoint next) {
    if (previous == null) {
      return false;
    }
    if (previous.getGtidSet() != null && next.getGtidSet() != null
        && !previous.getGtidSet().isBlank()) {
      return !contains(next.getGtidSet(), previous.getGtidSet());
    }
    Optional<Long> previousFile = fileNumber(previous.getFile());
    Optional<Long> nextFile = fileNumber(next.getFile());
    if (previousFile.isEmpty() || nextFile.isEmpty()
        || !baseName(previous.getFile()).equals(baseName(next.getFile()))) {
      return false;
    }
    int byFile = Long.compare(nextFile.get(), previousFile.get());
    if (byFile != 0) {
      return byFile < 0;
    }
    long previousPosition = previous.getPosition() == null ? 0 : previous.getPosition();
    long nextPosition = next.getPosition() == null ? 0 : next.getPosition();
    return nextPosition < previousPosition;
  }

  /**
   * Whether the two checkpoints can be ordered: both carry GTID sets, or both name files of the
   * same binlog base name.
   */
  public static boolean comparable(SourceCheckpoint a, SourceCheckpoint b) {
    if (a.getGtidSet() != null && b.getGtidSet() != null && !a.getGtidSet().isBlank()) {
      return true;
    }
    return fileNumber(a.getFile()).isPresent() && fileNumber(b.getFile()).isPresent()
        && baseName(a.getFile()).equals(baseName(b.getFile()));
  }

  /** Whether GTID set {@code outer} contains every transaction of {@code inner}. */
  static boolean contains(String outer, String inner) {
    if (MARIADB.matcher(firstMember(inner)).matches()) {
      Map<Long, Long> outerDomains = mariaDbDomains(outer);
      return mariaDbDomains(inner).entrySet().stream().allMatch(
          domain -> outerDomains.getOrDefault(domain.getKey(), -1L) >= domain.getValue());
    }
    return MysqlGtidSet.parse(outer).containsAll(MysqlGtidSet.parse(inner));
  }

  private static Map<Long, Long> mariaDbDomains(String set) {
    Map<Long, Long> domains = new HashMap<>();
    for (String member : set.strip().split("\\s*,\\s*")) {
      Matcher m = MARIADB.matcher(member);
      if (m.matches()) {
        domains.merge(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), Math::max);
      }
    }
    return domains;
  }

  private static String firstMember(String set) {
    return set.strip().split("\\s*,\\s*")[0];
  }

  private static Optional<Long> fileNumber(String file) {
    if (file == null) {
      return Optional.empty();
    }
    Matcher m = FILE.matcher(file);
    return m.matches() ? Optional.of(Long.parseLong(m.group(2))) : Optional.empty();
  }

  private static String baseName(String file) {
    Matcher m = FILE.matcher(file);
    return m.matches() ? m.group(1) : file;
  }
}
