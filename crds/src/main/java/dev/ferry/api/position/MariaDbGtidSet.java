package dev.ferry.api.position;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MariaDB GTID set: per replication domain the highest sequence number
 * ({@code domain-server-sequence}, comma-separated). One set contains another when each domain of
 * the other has a sequence at least as high in it; server ids play no part. This orders one
 * binlog's positions only while each domain's sequence grows, which {@code gtid_strict_mode=OFF}
 * does not promise (another server id or {@code gtid_seq_no} may log a lower one): the worker's
 * positions carry no set from such a transaction on, and are ordered by file and offset.
 */
final class MariaDbGtidSet extends GtidSet {

  private static final Pattern MEMBER = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");

  private final Map<Long, Long> sequenceByDomain;

  private MariaDbGtidSet(String text, Map<Long, Long> sequenceByDomain) {
    super(text);
    this.sequenceByDomain = Collections.unmodifiableMap(sequenceByDomain);
  }

  static boolean matches(String text) {
    return MEMBER.matcher(text.strip().split("\\s*,\\s*")[0]).matches();
  }

  /** Members not of the form {@code d-s-n} are ignored. */
  static MariaDbGtidSet read(String text) {
    Map<Long, Long> domains = new TreeMap<>();
    for (String member : text.strip().split("\\s*,\\s*")) {
      Matcher m = MEMBER.matcher(member);
      if (m.matches()) {
        domains.merge(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), Math::max);
      }
    }
    return new MariaDbGtidSet(text, domains);
  }

  @Override
  boolean containsAll(GtidSet set) {
    MariaDbGtidSet other = (MariaDbGtidSet) set;
    for (Map.Entry<Long, Long> domain : other.sequenceByDomain.entrySet()) {
      if (sequenceByDomain.getOrDefault(domain.getKey(), -1L) < domain.getValue()) {
        return false;
      }
    }
    return true;
  }
}
