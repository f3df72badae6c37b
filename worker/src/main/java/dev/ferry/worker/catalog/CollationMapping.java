package dev.ferry.worker.catalog;

import static dev.ferry.worker.sql.TokenScan.isSymbol;
import static dev.ferry.worker.sql.TokenScan.next;

import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TokenScan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces collations the target does not have by their closest equivalent there. Only names
 * missing on the target are mapped:
 *
 * <ul>
 *   <li>MySQL 8's {@code utf8mb4_0900_ai_ci}, {@code _as_ci}, {@code _as_cs} and the language
 *       variants {@code utf8mb4_xx_0900_*} on MariaDB and MySQL 5.7: {@code
 *       utf8mb4_uca1400_ai_ci} (and {@code _as_ci}, {@code _as_cs}) on MariaDB 10.10 and later,
 *       {@code utf8mb4_unicode_520_ci} (or {@code utf8mb4_bin} for the case-sensitive ones) on
 *       older MariaDB and on MySQL 5.7; {@code utf8mb4_0900_bin} becomes {@code utf8mb4_bin}.
 *       Language-specific ordering is lost.
 *   <li>MariaDB's {@code utf8mb4_uca1400_*} on MySQL: {@code utf8mb4_0900_*}
 *       ({@code ai_cs} becomes {@code as_cs}; on MySQL 5.7 as above); other character sets'
 *       {@code uca1400} collations become {@code <charset>_unicode_520_ci}; {@code *_nopad_*}
 *       collations lose {@code nopad_}.
 * </ul>
 *
 * <p>The precheck uses the same mapping to warn about the collations it replaces.
 */
public final class CollationMapping {

  private static final Pattern MYSQL_0900 =
      Pattern.compile("utf8mb4_(?:[a-z]+_)*0900_(ai_ci|as_ci|as_cs|bin)");
  private static final Pattern MARIADB_UCA1400 =
      Pattern.compile("([a-z0-9]+)_uca1400_(?:[a-z]+_)*?(?:nopad_)?(ai_ci|ai_cs|as_ci|as_cs)");

  private final ServerInfo target;
  private final Set<String> available;

  /**
   * The mapping for a target that has {@code available} collations.
   *
   * @param target the target server
   * @param available the collations the target has (lower case)
   */
  public CollationMapping(ServerInfo target, Set<String> available) {
    this.target = target;
    this.available = Set.copyOf(available);
  }

  /** The mapping for a target server, from the collations it lists. */
  public static CollationMapping forTarget(Connection target, ServerInfo info)
      throws SQLException {
    Set<String> names = new HashSet<>();
    try (Statement statement = target.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT COLLATION_NAME FROM information_schema.COLLATIONS")) {
      while (rs.next()) {
        names.add(rs.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    return new CollationMapping(info, names);
  }

  /** The collation to use on the target for {@code collation}. */
  public String map(String collation) {
    String name = collation.toLowerCase(Locale.ROOT);
    if (available.contains(name)) {
      return collation;
    }
    // MySQL 5.7 (Aurora MySQL 2) predates the 0900 collations
    boolean has0900 = target.flavor() != Flavor.MARIADB
        && (target.flavor() != Flavor.MYSQL || target.atLeast(8, 0));
    Matcher mysql = MYSQL_0900.matcher(name);
    if (!has0900 && mysql.matches()) {
      return without0900(mysql.group(1));
    }
    Matcher mariadb = MARIADB_UCA1400.matcher(name);
    if (target.flavor() != Flavor.MARIADB && mariadb.matches()) {
      String strength = mariadb.group(2).equals("ai_cs") ? "as_cs" : mariadb.group(2);
      if (!mariadb.group(1).equals("utf8mb4")) {
        return mariadb.group(1) + "_unicode_520_ci";
      }
      return has0900 ? "utf8mb4_0900_" + strength : without0900(strength);
    }
    if (target.flavor() != Flavor.MARIADB && name.contains("_nopad_")) {
      return name.replace("_nopad_", "_");
    }
    return collation;
  }

  /** Maps every collation name written after COLLATE (or COLLATE=) in {@code tokens}. */
  public void apply(List<SqlToken> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isWord("COLLATE")) {
        int name = next(tokens, i);
        if (isSymbol(tokens, name, "=")) {
          name = next(tokens, name);
        }
        if (TokenScan.isName(tokens, name)) {
          String mapped = map(tokens.get(name).name());
          if (!mapped.equals(tokens.get(name).name())) {
            tokens.set(name, SqlToken.word(mapped));
          }
        }
      }
    }
  }

  /** The closest utf8mb4 collation on a target without the 0900 ones. */
  private String without0900(String strength) {
    if (strength.equals("bin")) {
      return "utf8mb4_bin";
    }
    if (target.atLeast(10, 10)) {
      return "utf8mb4_uca1400_" + strength;
    }
    return strength.equals("as_cs") ? "utf8mb4_bin" : "utf8mb4_unicode_520_ci";
  }
}
