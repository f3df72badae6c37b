package dev.ferry.worker.precheck;

import dev.ferry.worker.catalog.CatalogReader;
import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.catalog.Scope;
import dev.ferry.worker.catalog.TableInfo;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether the target knows every character set and collation the migrated schemas, tables and
 * columns of a source use. The target is asked directly (a {@code CONVERT ... COLLATE} of an empty
 * string), so aliases and compatibility collations count as the server decides. A collation the
 * target lacks but the schema step maps ({@link CollationMapping}, such as MySQL's
 * {@code utf8mb4_0900_ai_ci} on MariaDB) is a warning; one without an equivalent fails.
 */
final class CharsetCheck {

  /** Character set and collation names as servers print them; anything else is not probed. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Set<Integer> UNKNOWN = Set.of(
      1115, // ER_UNKNOWN_CHARACTER_SET
      1253, // ER_COLLATION_CHARSET_MISMATCH
      1273); // ER_UNKNOWN_COLLATION

  private static final String SCHEMAS = "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME,"
      + " DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (%s)";
  private CharsetCheck() {}

  static Finding check(SourceServer source, Connection target, CollationMapping mapping)
      throws SQLException {
    Map<String, Set<String>> usedBy = used(source);
    List<String> unsupported = new ArrayList<>();
    List<String> mapped = new ArrayList<>();
    for (Map.Entry<String, Set<String>> use : usedBy.entrySet()) {
      String[] charsetAndCollation = use.getKey().split(" ", 2);
      String charset = charsetAndCollation[0];
      String collation = charsetAndCollation[1];
      if (supported(target, charset, collation)) {
        continue;
      }
      String equivalent = mapping.map(collation);
      String users = " (" + charset + ", used by " + Listing.of(use.getValue()) + ")";
      if (!equivalent.equals(collation) && supported(target, charset, equivalent)) {
        mapped.add(collation + " -> " + equivalent + users);
      } else {
        unsupported.add(collation + users);
      }
    }
    if (!unsupported.isEmpty()) {
      return Finding.fail("the target does not know " + unsupported.size() + " collation(s): "
              + String.join("; ", unsupported),
          "convert those tables or columns to a collation both servers know (ALTER TABLE ... "
              + "CONVERT TO CHARACTER SET ... COLLATE ...), or use a target version that has it");
    }
    if (!mapped.isEmpty()) {
      return Finding.warn("the target lacks " + mapped.size() + " collation(s); the schema step"
              + " uses the closest one it has, whose sorting and comparison may differ slightly"
              + " (language-specific rules are lost): " + String.join("; ", mapped),
          "accept the mapping, or convert those columns to a collation both servers know before"
              + " the migration, or create the target tables yourself");
    }
    return Finding.pass("the target supports the " + usedBy.size()
        + " character set/collation pair(s) in use");
  }

  /** "charset collation" pairs in use, each with the schemas or tables that use it. */
  private static Map<String, Set<String>> used(SourceServer source) throws SQLException {
    Map<String, Set<String>> usedBy = new TreeMap<>();
    List<String> schemas = SchemaQuery.sourceSchemas(source.tables());
    Set<TableRef> migrated = source.tables().stream().map(TableMapping::source)
        .collect(Collectors.toSet());
    SchemaQuery.forEachRow(source.connection(), SCHEMAS, schemas, rs ->
        use(usedBy, rs.getString(2), rs.getString(3), "schema " + rs.getString(1)));
    Scope scope = Scope.schemas(schemas);
    for (TableInfo table : CatalogReader.tables(source.connection(), scope).values()) {
      if (table.collation() != null && migrated.contains(table.ref())) {
        use(usedBy, table.charset(), table.collation(), table.ref().toString());
      }
    }
    CatalogReader.columns(source.connection(), scope).forEach((table, columns) -> {
      if (migrated.contains(table)) {
        columns.stream().filter(c -> c.collation() != null)
            .forEach(c -> use(usedBy, c.charset(), c.collation(), table.toString()));
      }
    });
    return usedBy;
  }

  private static void use(Map<String, Set<String>> usedBy, String charset, String collation,
      String user) {
    usedBy.computeIfAbsent(charset + " " + collation, key -> new TreeSet<>()).add(user);
  }

  private static boolean supported(Connection target, String charset, String collation)
      throws SQLException {
    if (!NAME.matcher(charset).matches() || !NAME.matcher(collation).matches()) {
      return false;
    }
    try (Statement statement = target.createStatement()) {
      statement.executeQuery("SELECT CONVERT('' USING " + charset + ") COLLATE " + collation)
          .close();
      return true;
    } catch (SQLException e) {
      if (UNKNOWN.contains(e.getErrorCode())) {
        return false;
      }
      throw e;
    }
  }
}
