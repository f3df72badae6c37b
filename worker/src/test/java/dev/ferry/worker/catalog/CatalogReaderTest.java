package dev.ferry.worker.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.DatabaseServer;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalog reader on real servers: what it reads, and that it reads it in bulk. */
class CatalogReaderTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  private static final String ODD_TABLE = "we`ird ✓ tâble";

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void readsColumnsKeysAndForeignKeys(Flavor flavor) throws SQLException {
    DatabaseServer server = dbs.pair(flavor, flavor).source();
    server.execute("DROP DATABASE IF EXISTS cat2", "DROP DATABASE IF EXISTS cat",
        "CREATE DATABASE cat", "CREATE DATABASE cat2",
        "CREATE TABLE cat.composite (a INT NOT NULL, b VARCHAR(10) CHARACTER SET latin1"
            + " COLLATE latin1_swedish_ci NOT NULL, c TEXT, PRIMARY KEY (b, a))",
        "CREATE TABLE cat.keyless (x INT, y INT)",
        "CREATE TABLE cat.nullable_unique (id INT NULL, v INT NOT NULL, UNIQUE KEY u (id))",
        "CREATE TABLE cat.unique_not_null (code VARCHAR(5) NOT NULL, n INT NULL,"
            + " UNIQUE KEY a_n (n), UNIQUE KEY z_code (code), KEY plain (n, code))",
        "CREATE TABLE cat.shapes (id INT NOT NULL PRIMARY KEY, e ENUM('x', 'y''z') NOT NULL,"
            + " s SET('a', 'b'), u INT UNSIGNED, g INT AS (id + 1) VIRTUAL,"
            + " st INT AS (id * 2) STORED)",
        "CREATE TABLE cat.parent (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB",
        "CREATE TABLE cat.child (id INT NOT NULL PRIMARY KEY, parent_id INT,"
            + " CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES cat.parent (id))"
            + " ENGINE=InnoDB",
        "CREATE TABLE cat2.other_child (id INT NOT NULL PRIMARY KEY, parent_id INT,"
            + " CONSTRAINT fk_other FOREIGN KEY (parent_id) REFERENCES cat.parent (id))"
            + " ENGINE=InnoDB",
        "CREATE TABLE cat.`we``ird ✓ tâble` (`ç``ol` VARCHAR(8) NOT NULL PRIMARY KEY)");

    try (Connection connection = server.connect()) {
      Catalog catalog = CatalogReader.read(connection, Scope.schemas(List.of("cat")));
      assertCatalog(connection, catalog);
    } finally {
      server.execute("DROP DATABASE cat2", "DROP DATABASE cat");
    }
  }

  private static void assertCatalog(Connection connection, Catalog catalog) throws SQLException {
    assertThat(catalog.tables().keySet()).extracting(TableRef::table).containsExactlyInAnyOrder(
        "composite", "keyless", "nullable_unique", "unique_not_null", "shapes", "parent",
        "child", ODD_TABLE);
    CatalogTable composite = table(catalog, "composite");
    assertThat(composite.key()).extracting(CatalogColumn::name).containsExactly("b", "a");
    CatalogColumn b = composite.column("B").orElseThrow();
    assertThat(b.ordinal()).isEqualTo(2);
    assertThat(b.dataType()).isEqualTo("varchar");
    assertThat(b.charset()).isEqualTo("latin1");
    assertThat(b.collation()).isEqualTo("latin1_swedish_ci");
    assertThat(b.nullable()).isFalse();
    assertThat(composite.column("c").orElseThrow().nullable()).isTrue();
    assertThat(composite.column("a").orElseThrow().charset()).isNull();

    assertThat(table(catalog, "keyless").key()).isEmpty();
    assertThat(table(catalog, "keyless").uniqueKeys()).isEmpty();
    assertThat(table(catalog, "nullable_unique").uniqueKeys()).extracting(UniqueKey::name)
        .containsExactly("u");
    assertThat(table(catalog, "nullable_unique").key()).as("only a nullable unique key")
        .isEmpty();
    CatalogTable uniqueNotNull = table(catalog, "unique_not_null");
    assertThat(uniqueNotNull.uniqueKeys()).extracting(UniqueKey::name)
        .containsExactly("a_n", "z_code");
    assertThat(uniqueNotNull.key()).as("the first unique key over NOT NULL columns")
        .extracting(CatalogColumn::name).containsExactly("code");

    CatalogTable shapes = table(catalog, "shapes");
    assertThat(shapes.uniqueKeys()).extracting(UniqueKey::primary).containsExactly(true);
    assertThat(shapes.columns()).extracting(CatalogColumn::name)
        .containsExactly("id", "e", "s", "u", "g", "st");
    assertThat(shapes.columns()).extracting(CatalogColumn::generated)
        .containsExactly(false, false, false, false, true, true);
    assertThat(shapes.column("e").orElseThrow().members()).containsExactly("x", "y'z");
    assertThat(shapes.column("s").orElseThrow().members()).containsExactly("a", "b");
    assertThat(shapes.column("s").orElseThrow().enumOrSet()).isTrue();
    assertThat(shapes.column("id").orElseThrow().members()).isEmpty();
    assertThat(shapes.column("u").orElseThrow().unsigned()).isTrue();
    assertThat(shapes.column("id").orElseThrow().unsigned()).isFalse();

    CatalogTable odd = table(catalog, ODD_TABLE);
    assertThat(odd.key()).extracting(CatalogColumn::name).containsExactly("ç`ol");
    assertThat(catalog.table(new TableRef("CAT", "COMPOSITE"))).as("names ignore case")
        .contains(composite);
    assertThat(catalog.table(new TableRef("cat", "missing"))).isEmpty();

    assertThat(CatalogReader.foreignKeys(connection, Scope.schemas(List.of("cat"))))
        .containsExactlyInAnyOrder(
            new ForeignKey("fk_parent", new TableRef("cat", "child"),
                new TableRef("cat", "parent")),
            new ForeignKey("fk_other", new TableRef("cat2", "other_child"),
                new TableRef("cat", "parent")));
    assertThat(CatalogReader.foreignKeys(connection, Scope.table(new TableRef("cat",
        "keyless")))).isEmpty();

    Map<TableRef, TableInfo> infos = CatalogReader.tables(connection,
        Scope.schemas(List.of("cat")));
    assertThat(infos.get(new TableRef("cat", "composite")).type()).isEqualTo("BASE TABLE");
    assertThat(infos.get(new TableRef("cat", "composite")).charset())
        .isEqualTo(infos.get(new TableRef("cat", "composite")).collation().split("_")[0]);

    Catalog one = CatalogReader.read(connection, Scope.table(new TableRef("cat", ODD_TABLE)));
    assertThat(one.tables().keySet()).containsExactly(new TableRef("cat", ODD_TABLE));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void theNumberOfQueriesDoesNotGrowWithTheTables(Flavor flavor) throws SQLException {
    DatabaseServer server = dbs.pair(flavor, flavor).source();
    server.execute("DROP DATABASE IF EXISTS few", "DROP DATABASE IF EXISTS many",
        "CREATE DATABASE few", "CREATE DATABASE many");
    server.execute(tables("few", 3));
    server.execute(tables("many", 60));
    try (Connection connection = server.connect()) {
      long few = queries(connection, "few", 3);
      long many = queries(connection, "many", 60);
      assertThat(many).as("statements for 60 tables").isEqualTo(few);
      assertThat(few).as("one per kind, and the status reads").isLessThanOrEqualTo(6);
    }
  }

  private static String[] tables(String schema, int count) {
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      statements.add("CREATE TABLE " + schema + ".t" + i + " (id INT NOT NULL PRIMARY KEY,"
          + " v VARCHAR(10), w INT, UNIQUE KEY w_uq (w))");
    }
    return statements.toArray(String[]::new);
  }

  /** Statements the session ran to read every kind of {@code schema}'s catalog. */
  private static long queries(Connection connection, String schema, int tables)
      throws SQLException {
    long before = questions(connection);
    Scope scope = Scope.schemas(List.of(schema));
    Catalog catalog = CatalogReader.read(connection, scope);
    Map<TableRef, TableInfo> infos = CatalogReader.tables(connection, scope);
    CatalogReader.foreignKeys(connection, scope);
    long after = questions(connection);
    assertThat(catalog.tables()).hasSize(tables);
    assertThat(infos).hasSize(tables);
    assertThat(catalog.tables().values()).allSatisfy(t ->
        assertThat(t.key()).extracting(CatalogColumn::name).containsExactly("id"));
    return after - before;
  }

  private static long questions(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  private static CatalogTable table(Catalog catalog, String name) {
    return catalog.table(new TableRef("cat", name)).orElseThrow();
  }
}
