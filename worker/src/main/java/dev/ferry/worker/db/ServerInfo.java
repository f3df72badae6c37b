package dev.ferry.worker.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server is: flavour, version, and the managed service it runs on when that can be seen
 * (Aurora, PolarDB).
 *
 * @param variant "Aurora", "PolarDB" or null for a plain server
 */
public record ServerInfo(Flavor flavor, String version, int major, int minor, int patch,
    String variant) {

  private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  /** Asks the server. */
  public static ServerInfo detect(Connection connection) throws SQLException {
    String version = scalar(connection, "SELECT VERSION()");
    String comment = scalar(connection, "SELECT @@version_comment");
    Flavor flavor = version.contains("TiDB") ? Flavor.TIDB
        : version.contains("MariaDB") ? Flavor.MARIADB : Flavor.MYSQL;
    String numbers = flavor == Flavor.TIDB && version.contains("-v")
        ? version.substring(version.indexOf("-v") + 2) : version;
    Matcher m = NUMBERS.matcher(numbers);
    int major = 0;
    int minor = 0;
    int patch = 0;
    if (m.find()) {
      major = Integer.parseInt(m.group(1));
      minor = Integer.parseInt(m.group(2));
      patch = Integer.parseInt(m.group(3));
    }
    return new ServerInfo(flavor, version, major, minor, patch, variant(connection, comment));
  }

  /** Whether the version is at least {@code major.minor}. */
  public boolean atLeast(int wantMajor, int wantMinor) {
    return major > wantMajor || (major == wantMajor && minor >= wantMinor);
  }

  /** A short description like "MySQL 8.0.31 (Aurora)". */
  public String describe() {
    String name = switch (flavor) {
      case MYSQL -> "MySQL";
      case MARIADB -> "MariaDB";
      case TIDB -> "TiDB";
    };
    return name + " " + major + "." + minor + "." + patch
        + (variant == null ? "" : " (" + variant + ")");
  }

  private static String variant(Connection connection, String comment) {
    if (comment != null && comment.toLowerCase().contains("polardb")) {
      return "PolarDB";
    }
    try {
      scalar(connection, "SELECT @@aurora_version");
      return "Aurora";
    } catch (SQLException notAurora) {
      return null;
    }
  }

  private static String scalar(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
