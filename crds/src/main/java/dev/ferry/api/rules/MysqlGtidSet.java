package dev.ferry.api.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A MySQL GTID set ({@code uuid:1-5:7,uuid2:tag:1-3}) as intervals per source id (uuid, or
 * uuid:tag for MySQL 8.4 tagged GTIDs), for containment checks.
 */
final class MysqlGtidSet {

  private final Map<String, List<long[]>> intervals;

  private MysqlGtidSet(Map<String, List<long[]>> intervals) {
    this.intervals = intervals;
  }

  static MysqlGtidSet parse(String text) {
    Map<String, List<long[]>> intervals = new HashMap<>();
    for (String member : text.strip().split("\\s*,\\s*")) {
      if (member.isEmpty()) {
        continue;
      }
      String[] parts = member.split(":");
      String uuid = parts[0].replace("-", "").toLowerCase(Locale.ROOT);
      String sid = uuid;
      for (int i = 1; i < parts.length; i++) {
        String part = parts[i];
        if (!part.isEmpty() && Character.isDigit(part.charAt(0))) {
          String[] range = part.split("-");
          long start = Long.parseLong(range[0]);
          long end = range.length > 1 ? Long.parseLong(range[1]) : start;
          intervals.computeIfAbsent(sid, k -> new ArrayList<>()).add(new long[] {start, end});
        } else {
          sid = uuid + ":" + part.toLowerCase(Locale.ROOT);
        }
      }
    }
    return new MysqlGtidSet(intervals);
  }

  /** Whether every transaction of {@code other} is in this set. */
  boolean containsAll(MysqlGtidSet other) {
    for (Map.Entry<String, List<long[]>> entry : other.intervals.entrySet()) {
      List<long[]> mine = intervals.getOrDefault(entry.getKey(), List.of());
      for (long[] range : entry.getValue()) {
        if (!covered(mine, range[0], range[1])) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean covered(List<long[]> ranges, long start, long end) {
    List<long[]> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    long next = start;
    for (long[] range : sorted) {
      if (range[0] > next) {
        break;
      }
      if (range[1] >= next) {
        next = range[1] + 1;
      }
      if (next > end) {
        return true;
      }
    }
    return next > end;
  }
}
