package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.Flavor;
import dev.ferry.testing.RealDatabases;
import dev.ferry.worker.catalog.SourceCatalog;
import dev.ferry.worker.sql.TableRef;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The probe that spares small tables a planning query counts a table as fitting its first chunk
 * exactly when it holds no more rows than that chunk takes, over more tables than one statement
 * probes, and leaves the tables of a failed statement to the planner.
 */
class SingleChunkProbeTest {

  private static final int FIRST_ROWS = 4;

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.anyFlavor();

  @ParameterizedTest
  @EnumSource(value = Flavor.class, names = {"MARIADB", "MYSQL"})
  void countsATableAsFittingWhenItHoldsAtMostTheFirstChunksRows(Flavor flavor)
      throws Exception {
    DatabasePair pair = dbs.pair(flavor, flavor);
    pair.reset();
    List<String> statements = new ArrayList<>(List.of("CREATE DATABASE probe"));
    int tables = SingleChunkProbe.PROBED_TOGETHER + 20;
    for (int i = 0; i < tables; i++) {
      statements.add(String.format("CREATE TABLE probe.t%03d (id INT PRIMARY KEY)", i));
    }
    // rows 0..5 by table number: 0 to 4 rows fit, 5 do not
    for (int i = 0; i < tables; i++) {
      for (int row = 1; row <= i % 6; row++) {
        statements.add(String.format("INSERT INTO probe.t%03d VALUES (%d)", i, row));
      }
    }
    statements.add("CREATE TABLE probe.keyless (v INT)");
    pair.source().execute(statements.toArray(String[]::new));

    try (Connection source = pair.source().connect()) {
      List<TableShape> shapes = TableShape.read(source, "src", SourceCatalog.tables(source,
          LoadFixture.spec(pair.source(), pair.target(), "probe")));
      assertThat(shapes).hasSize(tables + 1);

      assertThat(names(SingleChunkProbe.fitting(source, shapes, FIRST_ROWS)))
          .as("tables of 0 to %d rows, keyed", FIRST_ROWS)
          .isEqualTo(names(shapes.stream().map(s -> s.mapping().source())
              .filter(t -> !t.table().equals("keyless"))
              .filter(t -> Integer.parseInt(t.table().substring(1)) % 6 <= FIRST_ROWS)
              .toList()));

      pair.source().execute("DROP TABLE probe.t003");
      assertThat(SingleChunkProbe.fitting(source, shapes, FIRST_ROWS))
          .as("the first statement failed: its tables are left to the planner")
          .noneMatch(t -> t.table().compareTo(String.format("t%03d",
              SingleChunkProbe.PROBED_TOGETHER)) < 0)
          .contains(new TableRef("probe", String.format("t%03d",
              SingleChunkProbe.PROBED_TOGETHER + 2))); // 0 rows
    }
  }

  private static List<String> names(Collection<TableRef> tables) {
    return tables.stream().map(TableRef::toString).sorted().collect(Collectors.toList());
  }
}
