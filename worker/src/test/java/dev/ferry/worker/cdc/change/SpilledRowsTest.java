package dev.ferry.worker.cdc.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.worker.sql.TableRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpilledRowsTest {

  private static final TableSchema ITEMS = new TableSchema(new TableRef("shop", "items"),
      List.of(new SourceColumn("id", false), new SourceColumn("v", false)), List.of(0));
  private static final TableSchema NOTES = new TableSchema(new TableRef("shop", "notes"),
      List.of(new SourceColumn("id", false)), List.of(0));

  @Test
  void readsBackEveryValueBitForBit() throws Exception {
    Object[] values = {null, "caf\u00e9 \ud83d\ude00 \ud800", new byte[] {0, -1, 7}, 42L,
        new BigInteger("18446744073709551615"), new BigDecimal("-12.3400"),
        Float.intBitsToFloat(0x7fc00001), -0.0d, 7};
    SpilledRows.Writer writer = SpilledRows.create();
    writer.add(new RowChange(ITEMS, RowOperation.UPDATE, new Object[] {1L, "a"}, values));
    writer.add(new RowChange(NOTES, RowOperation.DELETE, new Object[] {2L}, null));
    SpilledRows spilled = writer.finish();

    List<RowChange> read = new ArrayList<>();
    spilled.forEachChunk(Long.MAX_VALUE, read::addAll);

    assertThat(read).hasSize(2);
    assertThat(read.get(0).schema()).isSameAs(ITEMS);
    assertThat(read.get(0).operation()).isEqualTo(RowOperation.UPDATE);
    assertThat(read.get(0).before()).containsExactly(1L, "a");
    Object[] after = read.get(0).after();
    assertThat(after[0]).isNull();
    assertThat(after[1]).isEqualTo(values[1]);
    assertThat((byte[]) after[2]).containsExactly(0, -1, 7);
    assertThat(after[3]).isEqualTo(42L);
    assertThat(after[4]).isEqualTo(values[4]);
    assertThat(after[5]).isEqualTo(new BigDecimal("-12.3400"));
    assertThat(Float.floatToRawIntBits((Float) after[6])).isEqualTo(0x7fc00001);
    assertThat(Double.doubleToRawLongBits((Double) after[7]))
        .isEqualTo(Double.doubleToRawLongBits(-0.0d));
    assertThat(after[8]).isEqualTo(7);
    assertThat(read.get(1).schema()).isSameAs(NOTES);
    assertThat(read.get(1).after()).isNull();
    assertThat(spilled.count()).isEqualTo(2);
    assertThat(spilled.operations()).containsEntry(RowOperation.UPDATE, 1)
        .containsEntry(RowOperation.DELETE, 1);
    spilled.delete();
  }

  /** Strings of Latin-1 chars take one byte a char in the file; any other char keeps two. */
  @Test
  void keepsEveryCharOnBothSidesOfLatin1() throws Exception {
    List<String> texts = List.of("", "\u0000", "plain", "\u00e9\u00ff\u0080", "\u00ff\u0100",
        "\u0100", "\udc00\ud800", "\uffff", "x".repeat(70_000) + "\u4e2d");
    SpilledRows.Writer writer = SpilledRows.create();
    for (String text : texts) {
      writer.add(new RowChange(ITEMS, RowOperation.INSERT, null, new Object[] {1L, text}));
    }
    SpilledRows spilled = writer.finish();
    assertThat(fileBytes("\u00ff".repeat(10_000))).as("Latin-1: a byte a char")
        .isBetween(10_000L, 10_100L);
    assertThat(fileBytes("\u00ff".repeat(9_999) + "\u0100")).as("else two bytes a char")
        .isBetween(20_000L, 20_100L);

    List<String> read = new ArrayList<>();
    spilled.forEachChunk(Long.MAX_VALUE, chunk -> chunk.forEach(row ->
        read.add((String) row.after()[1])));
    assertThat(read).containsExactlyElementsOf(texts);
    spilled.delete();
  }

  private static long fileBytes(String text) {
    SpilledRows.Writer writer = SpilledRows.create();
    writer.add(new RowChange(ITEMS, RowOperation.INSERT, null, new Object[] {1L, text}));
    SpilledRows spilled = writer.finish();
    long bytes = spilled.fileBytes();
    spilled.delete();
    return bytes;
  }

  @Test
  void readsInChunksOfBoundedSizeThroughItsFiltersAsOftenAsAsked() throws Exception {
    SpilledRows.Writer writer = SpilledRows.create();
    for (long id = 0; id < 1000; id++) {
      writer.add(new RowChange(ITEMS, RowOperation.INSERT, null,
          new Object[] {id, "x".repeat(100)}));
    }
    SpilledRows spilled = writer.finish().filtered(chunk -> chunk.stream()
        .filter(row -> (Long) row.after()[0] % 2 == 0).toList());
    long rowBytes = new RowChange(ITEMS, RowOperation.INSERT, null,
        new Object[] {1L, "x".repeat(100)}).heapBytes();

    for (int pass = 0; pass < 2; pass++) {
      List<Integer> sizes = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      spilled.forEachChunk(100 * rowBytes, chunk -> {
        sizes.add(chunk.size());
        chunk.forEach(row -> ids.add((Long) row.after()[0]));
      });
      assertThat(sizes).as("pass %d: 100 rows read a chunk, half kept", pass)
          .hasSize(10).allMatch(size -> size == 50);
      assertThat(ids).hasSize(500).isSorted().allMatch(id -> id % 2 == 0);
    }
    spilled.delete();
  }

  @Test
  void removesTheFilesOfProcessesThatNoLongerRun(@TempDir Path dir) throws Exception {
    long gone = ProcessHandle.current().pid() + 4_000_000_000L;
    Path abandoned = Files.createFile(dir.resolve("ferry-transaction-" + gone + "-12.rows"));
    Path mine = Files.createFile(dir.resolve("ferry-transaction-"
        + ProcessHandle.current().pid() + "-34.rows"));
    Path other = Files.createFile(dir.resolve("ferry-transaction-notes.txt"));

    SpilledRows.removeAbandoned(dir);

    assertThat(abandoned).doesNotExist();
    assertThat(mine).exists();
    assertThat(other).exists();
  }
}
