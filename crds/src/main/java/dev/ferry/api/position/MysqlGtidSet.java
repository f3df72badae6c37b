package dev.ferry.api.position;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A MySQL GTID set ({@code uuid:1-5:7,uuid2:tag:1-3}) as sorted, merged intervals per source id
 * (uuid, or uuid:tag for MySQL 8.4 tagged GTIDs; case and dashes of the uuid do not matter).
 */
final class MysqlGtidSet extends GtidSet {

  private final Map<String, long[][]> intervals;

  private MysqlGtidSet(String text, Map<String, long[][]> intervals) {
    super(text);
    this.intervals = Collections.unmodifiableMap(intervals);
  }

  static MysqlGtidSet read(String text) {
    Map<String, List<long[]>> ranges = new HashMap<>();
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
          ranges.computeIfAbsent(sid, k -> new ArrayList<>()).add(new long[] {start, end});
        } else {
          sid = uuid + ":" + part.toLowerCase(Locale.ROOT);
        }
      }
    }
    Map<String, long[][]> merged = new HashMap<>();
    ranges.forEach((sid, list) -> merged.put(sid, merge(list)));
    return new MysqlGtidSet(text, merged);
  }

  @Override
  boolean containsAll(GtidSet set) {
    MysqlGtidSet other = (MysqlGtidSet) set;
    for (Map.Entry<String, long[][]> entry : other.intervals.entrySet()) {
      long[][] mine = intervals.getOrDefault(entry.getKey(), new long[0][]);
      for (long[] range : entry.getValue()) {
        if (!covered(mine, range[0], range[1])) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether one of the merged {@code ranges} covers start..end. */
  private static boolean covered(long[][] ranges, long start, long end) {
    for (long[] range : ranges) {
      if (range[0] > start) {
        return false;
      }
      if (range[1] >= start) {
        return range[1] >= end;
      }
    }
    return false;
  }

  /** Sorted, non-overlapping, non-adjacent intervals covering the same numbers. */
  private static long[][] merge(List<long[]> ranges) {
    List<long[]> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] range : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && range[0] <= last[1] + 1) {
        last[1] = Math.max(last[1], range[1]);
      } else {
        merged.add(new long[] {range[0], range[1]});
      }
    }
    return merged.toArray(new long[0][]);
  }
}
