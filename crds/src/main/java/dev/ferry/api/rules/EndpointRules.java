package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.StatusLimits;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.api.v1alpha1.TlsSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules for {@code spec.sources} and {@code spec.target}: where, who, TLS, binlog start. */
final class EndpointRules {

  private static final Pattern BINLOG_FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.\\d+");
  private static final long MIN_BINLOG_POSITION = 4;
  /** Most sources of one task; the CRD schema has the same maxItems. */
  static final int MAX_SOURCES = StatusLimits.MAX_SOURCES;

  private EndpointRules() {}

  static void check(MigrationTaskSpec spec, Problems problems) {
    List<SourceSpec> sources = spec.getSources();
    if (sources.isEmpty()) {
      problems.missing("spec.sources", "list at least one source database");
    }
    if (sources.size() > MAX_SOURCES) {
      problems.add("spec.sources", sources.size() + " sources", "lists more than " + MAX_SOURCES,
          "split the sources over several tasks of at most " + MAX_SOURCES + " sources");
    }
    Map<String, Integer> names = new HashMap<>();
    Map<Long, Integer> serverIds = new HashMap<>();
    Map<String, Integer> addresses = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      SourceSpec source = sources.get(i);
      String path = "spec.sources[" + i + "]";
      if (source == null) {
        problems.missing(path, "describe the source or remove the empty list entry");
        continue;
      }
      checkSource(spec.getMode(), source, path, problems);
      Integer sameName = source.getName() == null ? null : names.putIfAbsent(source.getName(), i);
      if (sameName != null) {
        problems.add(path + ".name", source.getName(), "is also the name of spec.sources["
            + sameName + "]", "give every source a unique name");
      }
      Integer sameId = source.getServerId() == null ? null
          : serverIds.putIfAbsent(source.getServerId(), i);
      if (sameId != null) {
        problems.add(path + ".serverId", source.getServerId(), "is also the serverId of"
            + " spec.sources[" + sameId + "]", "give every binlog reader its own server id;"
            + " two readers with one id disconnect each other");
      }
      Integer sameAddress = addresses.putIfAbsent(address(source), i);
      if (sameAddress != null && source.getHost() != null) {
        problems.add(path + ".host", address(source), "is the same server as spec.sources["
            + sameAddress + "]", "list each source server once");
      }
    }
    if (spec.getTarget() == null) {
      problems.missing("spec.target", "describe the target database (host, port,"
          + " credentialsSecret)");
      return;
    }
    checkEndpoint(spec.getTarget(), "spec.target", problems);
    Integer sourceIndex = addresses.get(address(spec.getTarget()));
    if (sourceIndex != null && spec.getTarget().getHost() != null) {
      problems.add("spec.target.host", spec.getTarget().getHost(), "is the server of"
          + " spec.sources[" + sourceIndex + "] on port " + spec.getTarget().getPort()
          + "; a database cannot be migrated onto itself", "point the target at another server");
    }
  }

  private static void checkSource(Mode mode, SourceSpec source, String path, Problems problems) {
    problems.addIf(path + ".name", source.getName(), Names.dnsLabelProblem(source.getName()),
        "name the source with lower-case letters, digits and '-' (for example aurora-east)");
    checkEndpoint(source, path, problems);
    Object gtid = source.getGtidWritten();
    if (gtid != null && GtidUsage.of(gtid).isEmpty()) {
      problems.add(path + ".gtid", gtid, "is not a GTID usage", "use Auto, Required or Disabled");
    }
    if (source.getServerId() != null
        && (source.getServerId() < 1 || source.getServerId() > 4_294_967_295L)) {
      problems.add(path + ".serverId", source.getServerId(), "is out of range",
          "use a server id from 1 to 4294967295 that no replica of the source uses");
    }
    BinlogPosition start = source.getStartPosition();
    if (start != null) {
      checkStartPosition(mode, source.getGtid(), start, path + ".startPosition", problems);
    }
  }

  private static void checkStartPosition(Mode mode, GtidUsage gtid, BinlogPosition start,
      String path, Problems problems) {
    if (mode != null && mode != Mode.Incremental) {
      problems.add(path, describe(start), "is only used in mode Incremental", "remove it; in"
          + " mode " + mode + " replication starts where the full load began");
    }
    boolean hasFile = start.getFile() != null || start.getPosition() != null;
    boolean hasGtid = start.getGtidSet() != null;
    if (!hasFile && !hasGtid) {
      problems.add(path, "{}", "is empty", "give file and position, or gtidSet, or remove"
          + " startPosition to start from the current position");
    }
    if (hasFile && hasGtid) {
      problems.add(path, describe(start), "gives both a file position and a GTID set",
          "give either file and position, or gtidSet");
    }
    if (hasFile) {
      if (start.getFile() == null) {
        problems.missing(path + ".file", "name the binlog file of the position, for example"
            + " mysql-bin.000042 (SHOW BINARY LOGS lists them)");
      } else if (!BINLOG_FILE.matcher(start.getFile()).matches()) {
        problems.add(path + ".file", start.getFile(), "is not a binlog file name",
            "use a name from SHOW BINARY LOGS, for example mysql-bin.000042");
      }
      if (start.getPosition() == null) {
        problems.missing(path + ".position", "give the byte offset in the file (4 is its"
            + " start)");
      } else if (start.getPosition() < MIN_BINLOG_POSITION) {
        problems.add(path + ".position", start.getPosition(), "is before the first event",
            "use 4 or more (4 is the start of a binlog file)");
      }
    }
    if (hasGtid) {
      problems.addIf(path + ".gtidSet", start.getGtidSet(), GtidSets.problem(start.getGtidSet()),
          "copy the set from gtid_executed (MySQL) or gtid_binlog_pos (MariaDB)");
      if (gtid == GtidUsage.Disabled) {
        problems.add(path + ".gtidSet", start.getGtidSet(), "cannot be used with gtid: Disabled",
            "set gtid to Auto or Required, or start from a file and position");
      }
    }
  }

  private static void checkEndpoint(EndpointSpec endpoint, String path, Problems problems) {
    if (endpoint.getHost() == null) {
      problems.missing(path + ".host", "give the host name or IP address of the database");
    } else {
      problems.addIf(path + ".host", endpoint.getHost(), Names.hostProblem(endpoint.getHost()),
          "give a host name like db.example.com or an IP address");
    }
    if (endpoint.getPort() < 1 || endpoint.getPort() > 65535) {
      problems.add(path + ".port", endpoint.getPort(), "is not a TCP port",
          "use a port from 1 to 65535 (MySQL listens on 3306 by default)");
    }
    if (endpoint.getCredentialsSecret() == null) {
      problems.missing(path + ".credentialsSecret", "name a Secret with the keys username and"
          + " password in the task's namespace");
    } else {
      problems.addIf(path + ".credentialsSecret", endpoint.getCredentialsSecret(),
          Names.dnsSubdomainProblem(endpoint.getCredentialsSecret()),
          "use the name of a Secret (lower-case letters, digits, '-' and '.')");
    }
    checkTls(endpoint.getTls(), path + ".tls", problems);
  }

  private static void checkTls(TlsSpec tls, String path, Problems problems) {
    boolean verifies = tls.getMode() == TlsMode.VerifyCA || tls.getMode() == TlsMode.VerifyIdentity;
    if (verifies && tls.getCaSecret() == null) {
      problems.missing(path + ".caSecret", "name the Secret (and key) that holds the CA"
          + " certificate used to verify the server, or use mode Required");
    }
    if (tls.getCaSecret() != null) {
      problems.addIf(path + ".caSecret.name", tls.getCaSecret().getName(),
          Names.dnsSubdomainProblem(tls.getCaSecret().getName()),
          "use the name of a Secret (lower-case letters, digits, '-' and '.')");
      String key = tls.getCaSecret().getKey();
      if (key == null || !key.matches("[-._a-zA-Z0-9]+")) {
        problems.add(path + ".caSecret.key", key, "is not a valid Secret key",
            "use a key of letters, digits, '-', '_' and '.', such as ca.crt");
      }
    }
  }

  private static String address(EndpointSpec endpoint) {
    String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase();
    return host + ":" + endpoint.getPort();
  }

  private static String describe(BinlogPosition position) {
    return position.getGtidSet() != null && position.getFile() == null
        ? "gtidSet " + position.getGtidSet()
        : position.getFile() + ":" + position.getPosition();
  }
}
