package dev.ferry.api.rules;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of GTID sets as users write them in a start position: MySQL
 * ({@code 3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:11,uuid:tag:1-3} — tags since 8.4) or
 * MariaDB ({@code 0-1-100,1-2-7}: domain-server-sequence).
 */
public final class GtidSets {

  private static final String UUID = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
      + "[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}";
  private static final Pattern MYSQL_MEMBER = Pattern.compile(
      UUID + "(:([a-zA-Z_][a-zA-Z0-9_]{0,31}|\\d+(-\\d+)?))+");
  private static final Pattern MARIADB_MEMBER = Pattern.compile("\\d+-\\d+-\\d+");

  private GtidSets() {}

  /** What is wrong with the set, or empty when it is a valid MySQL or MariaDB GTID set. */
  public static Optional<String> problem(String gtidSet) {
    if (gtidSet == null || gtidSet.isBlank()) {
      return Optional.of("is empty");
    }
    String[] members = gtidSet.strip().split("\\s*,\\s*");
    boolean mysql = MYSQL_MEMBER.matcher(members[0]).matches();
    Pattern member = mysql ? MYSQL_MEMBER : MARIADB_MEMBER;
    for (String candidate : members) {
      if (!member.matcher(candidate).matches()) {
        return Optional.of("is not a GTID set: '" + candidate + "' is neither uuid:1-100 (MySQL)"
            + " nor domain-server-sequence like 0-1-100 (MariaDB)");
      }
    }
    return Optional.empty();
  }
}
