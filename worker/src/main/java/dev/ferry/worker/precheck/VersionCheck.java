package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import java.util.List;

/**
 * Whether the source and target servers are versions and flavours Ferry supports: MySQL 5.7+
 * (Aurora MySQL 2 and 3, RDS, PolarDB) and MariaDB 10.3+ on both sides; TiDB 6.5+ as a target,
 * and as a source only for mode Full (TiDB writes no MySQL binlog).
 */
final class VersionCheck {

  private VersionCheck() {}

  /** The source check; {@code readsBinlog} when the mode replicates changes. */
  static Finding source(ServerInfo source, boolean readsBinlog) {
    if (source.flavor() == Flavor.TIDB) {
      return readsBinlog
          ? Finding.fail(source.describe() + " writes no MySQL binlog to replicate from",
              "use mode Full for a TiDB source, or TiCDC to replicate its changes")
          : Finding.pass(source.describe());
    }
    return common(source);
  }

  /** The target check; warns when a MySQL source is newer than a MySQL target. */
  static Finding target(ServerInfo target, List<ServerInfo> sources) {
    if (target.flavor() == Flavor.TIDB) {
      return target.atLeast(6, 5) ? Finding.pass(target.describe())
          : Finding.warn(target.describe() + " is older than TiDB 6.5, which Ferry is tested with",
              "upgrade the target to TiDB 6.5 or later");
    }
    Finding common = common(target);
    if (common.result() != CheckResult.Pass) {
      return common;
    }
    List<String> newer = sources.stream()
        .filter(source -> source.flavor() == Flavor.MYSQL && target.flavor() == Flavor.MYSQL)
        .filter(source -> source.atLeast(target.major(), target.minor() + 1))
        .map(ServerInfo::describe).distinct().toList();
    return newer.isEmpty() ? common
        : Finding.warn(target.describe() + " is older than the source (" + Listing.of(newer)
            + "): tables may use collations, types or defaults it lacks",
            "use a target of the same or a newer version than the source");
  }

  private static Finding common(ServerInfo server) {
    boolean supported = server.flavor() == Flavor.MARIADB ? server.atLeast(10, 3)
        : server.atLeast(5, 7);
    String oldest = server.flavor() == Flavor.MARIADB ? "MariaDB 10.3" : "MySQL 5.7";
    return supported ? Finding.pass(server.describe())
        : Finding.fail(server.describe() + " is not supported; the oldest supported is " + oldest,
            "upgrade the server to " + oldest + " or later");
  }
}
