package dev.ferry.worker.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.FullLoadStatus;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.worker.fullload.ChunkLedger.TableTotals;
import dev.ferry.worker.metrics.WorkerMetrics;
import dev.ferry.worker.status.InMemoryStatusSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void totalsAreTheLedgersOverEveryShardOfTheIncludedTables() {
    InMemoryStatusSink sink = new InMemoryStatusSink(new MigrationTaskSpec(),
        new MigrationTaskStatus());
    Progress progress = new Progress(sink, WorkerMetrics.disabled());
    progress.table("src/shop.orders", 12_000);
    progress.table("src/shop.customers", 300);
    progress.ledger(Map.of(
        "src/shop.orders", new TableTotals(12, 7, 7_000, 70_000),
        "src/shop.customers", new TableTotals(1, 1, 300, 3_000),
        "src/shop.dropped", new TableTotals(5, 5, 999, 9_990)));

    progress.report(false);

    FullLoadStatus fullLoad = sink.status().getFullLoad();
    assertThat(fullLoad.getRowsCopied()).isEqualTo(7_300);
    assertThat(fullLoad.getBytesCopied()).isEqualTo(73_000);
    assertThat(fullLoad.getChunksTotal()).isEqualTo(13);
    assertThat(fullLoad.getChunksDone()).isEqualTo(8);
    assertThat(fullLoad.getTablesTotal()).isEqualTo(2);
    assertThat(fullLoad.getTablesDone()).isEqualTo(1);
    assertThat(fullLoad.getRowsEstimated()).isEqualTo(12_300);
    assertThat(fullLoad.getTables()).singleElement().satisfies(table -> {
      assertThat(table.getTable()).isEqualTo("src/shop.orders");
      assertThat(table.getChunksDone()).isEqualTo(7);
    });
    assertThat(sink.status().getProgress()).isEqualTo("59% (7.3k/12.3k rows)");
  }

  @Test
  void anEarlierViewOfTheSamePlanDoesNotOverwriteALaterOne() {
    InMemoryStatusSink sink = new InMemoryStatusSink(new MigrationTaskSpec(),
        new MigrationTaskStatus());
    Progress late = new Progress(sink, WorkerMetrics.disabled());
    late.table("src/shop.orders", 1_000);
    late.ledger(Map.of("src/shop.orders", new TableTotals(4, 4, 1_000, 10_000)));
    Progress early = new Progress(sink, WorkerMetrics.disabled());
    early.table("src/shop.orders", 1_000);
    early.ledger(Map.of("src/shop.orders", new TableTotals(4, 3, 750, 7_500)));

    late.report(true);
    early.report(false);

    assertThat(sink.status().getFullLoad().getRowsCopied()).isEqualTo(1_000);
    assertThat(sink.status().getFullLoad().getCompletedAt()).isNotNull();
  }

  @Test
  void aViewOfAnotherPlanIsWritten() {
    FullLoadStatus stored = new FullLoadStatus();
    stored.setChunksTotal(10L);
    stored.setChunksDone(10L);
    stored.setRowsCopied(500L);
    FullLoadStatus mine = new FullLoadStatus();
    mine.setChunksTotal(12L);
    mine.setChunksDone(1L);
    mine.setRowsCopied(50L);

    assertThat(Progress.behind(mine, stored)).isFalse();
    assertThat(Progress.behind(mine, null)).isFalse();
  }
}
