package dev.ferry.worker.cdc.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.worker.cdc.change.RowOperation;
import dev.ferry.worker.cdc.change.TableSchema;
import dev.ferry.worker.sql.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the writes of one target transaction are grouped into statements. */
class WriteRunsTest {

  private static final TargetTable A = table("a", List.of());
  private static final TargetTable B = table("b", List.of());
  private static final TargetTable U = table("u",
      List.of(new UniqueIndexes.Index("uq_v", List.of("v"), false)));

  private static TargetTable table(String name, List<UniqueIndexes.Index> unique) {
    TableRef ref = new TableRef("runs", name);
    TableSchema schema = ApplyFixture.schema(ref, List.of("id", "v"), 0);
    return TargetTable.of(schema, ApplyFixture.identity(ref).apply(ref), unique,
        Map.of("v", "utf8mb4_0900_ai_ci"), List.of());
  }

  private static List<RowWrite> writes(boolean safe, TargetChange... changes) {
    List<RowWrite> writes = new ArrayList<>();
    for (TargetChange change : changes) {
      writes.addAll(RowWrite.of(change, CausalityKeys.of(change), change.size(), safe));
    }
    return writes;
  }

  private static TargetChange insert(TargetTable table, long id, String v) {
    return new TargetChange(table, RowOperation.INSERT, null, new Object[] {id, v});
  }

  private static TargetChange update(TargetTable table, long id, String from, long newId,
      String to) {
    return new TargetChange(table, RowOperation.UPDATE, new Object[] {id, from},
        new Object[] {newId, to});
  }

  private static TargetChange delete(TargetTable table, long id, String v) {
    return new TargetChange(table, RowOperation.DELETE, new Object[] {id, v}, null);
  }

  /** Each run as "kind table:id,id". */
  private static List<String> runs(List<RowWrite> writes) {
    return WriteRuns.of(writes).stream().map(run -> {
      StringBuilder text = new StringBuilder(run.get(0).kind() + " "
          + run.get(0).table().target().table() + ":");
      for (int i = 0; i < run.size(); i++) {
        Object[] row = run.get(i).after() != null ? run.get(i).after() : run.get(i).before();
        text.append(i == 0 ? "" : ",").append(row[0]);
      }
      return text.toString();
    }).toList();
  }

  @Test
  void interleavedTablesShareOneStatementPerTableAndKind() {
    assertThat(runs(writes(true, update(A, 1, "x", 1, "y"), update(B, 1, "x", 1, "y"),
        update(A, 2, "x", 2, "y"), update(B, 2, "x", 2, "y"), update(A, 3, "x", 3, "y"))))
        .containsExactly("UPSERT a:1,2,3", "UPSERT b:1,2");
    assertThat(runs(writes(false, update(A, 1, "x", 1, "y"), delete(B, 7, "x"),
        update(A, 2, "x", 2, "y"), delete(B, 8, "x"), insert(A, 4, "z"))))
        .containsExactly("REWRITE a:1,2", "DELETE b:7,8", "INSERT a:4");
  }

  @Test
  void updatesBecomeUpsertsOnlyWhereTheyCannotTouchAnotherRow() {
    assertThat(runs(writes(false, update(A, 1, "x", 1, "y"), update(A, 2, "x", 7, "y"),
        update(U, 1, "x", 1, "y"), update(A, 3, "x", 3, "y"))))
        .as("a key change, or a table with another unique index, stays an UPDATE by key")
        .containsExactly("REWRITE a:1,3", "UPDATE a:7", "UPDATE u:1");
  }

  @Test
  void aWriteNeverOvertakesOneWithTheSameKey() {
    assertThat(runs(writes(true, insert(A, 1, "x"), insert(B, 5, "x"), delete(A, 1, "x"),
        insert(A, 1, "again"), insert(A, 2, "x"), insert(B, 6, "x"))))
        .containsExactly("UPSERT a:1", "UPSERT b:5,6", "DELETE a:1", "UPSERT a:1,2");
    assertThat(runs(writes(true, insert(A, 1, "x"), update(A, 1, "x", 1, "y"),
        update(A, 1, "y", 1, "z"))))
        .as("changes of one row in a row stay in order inside one statement")
        .containsExactly("UPSERT a:1,1,1");
  }

  @Test
  void keyChangesAndUniqueValuesKeepTheirOrder() {
    assertThat(runs(writes(true, update(A, 1, "x", 9, "x"), insert(A, 2, "x"),
        insert(A, 1, "back"))))
        .as("the old key is deleted before a later insert of it")
        .containsExactly("DELETE a:1", "UPSERT a:9,2,1");
    assertThat(runs(writes(false, delete(U, 1, "x"), insert(B, 3, "x"), insert(U, 2, "y"),
        delete(U, 5, "q"), insert(U, 3, "x"))))
        .as("the insert of a freed unique value stays after the delete that frees it")
        .containsExactly("DELETE u:1,5", "INSERT b:3", "INSERT u:2,3");
    assertThat(runs(writes(false, delete(U, 1, "x"), insert(U, 2, "y"), delete(U, 2, "y"),
        insert(U, 3, "z"))))
        .as("the delete of a row inserted earlier in the batch stays after the insert")
        .containsExactly("DELETE u:1", "INSERT u:2,3", "DELETE u:2");
  }
}
