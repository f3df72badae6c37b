package dev.ferry.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The facade's label rules: bounded schema values, task tags, gauges that follow a restart. */
class WorkerMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WorkerMetrics metrics = new WorkerMetrics(registry, "shop/orders");

  @Test
  void schemaLabelsStopAtTheLimitAndTheRestCountAsOther() {
    for (int i = 0; i < BoundedLabel.LIMIT + 20; i++) {
      metrics.copied("schema" + i, 1, 10);
    }
    metrics.copied("schema0", 1, 10);

    Set<String> schemas = registry.find("ferry.fullload.copied.rows").counters().stream()
        .map(counter -> counter.getId().getTag("schema")).collect(Collectors.toSet());
    assertThat(schemas).hasSize(BoundedLabel.LIMIT + 1).contains("schema0", "schema99",
        BoundedLabel.OTHER).doesNotContain("schema100");
    assertThat(registry.get("ferry.fullload.copied.rows").tag("schema", BoundedLabel.OTHER)
        .counter().count()).isEqualTo(20);
    assertThat(registry.get("ferry.fullload.copied.rows").tag("schema", "schema0").counter()
        .count()).isEqualTo(2);
  }

  @Test
  void everyMeterCarriesTheTaskAndCdcMetersTheSource() {
    metrics.copied("app", 1, 1);
    metrics.source("aurora").lag(3);

    assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
        .extracting(tag -> tag.getKey() + "=" + tag.getValue())
        .contains("namespace=shop", "task=orders"));
    assertThat(registry.get("ferry.cdc.lag.seconds").tag("source", "aurora").gauge().value())
        .isEqualTo(3);
  }

  @Test
  void aLaneQueueGaugeReadsTheLaneOfTheLatestApplier() {
    metrics.source("aurora").laneQueue(0, () -> 5);
    metrics.source("aurora").laneQueue(0, () -> 2);

    assertThat(registry.find("ferry.cdc.lane.queue.depth").gauges()).singleElement()
        .satisfies(gauge -> assertThat(gauge.value()).isEqualTo(2));
    assertThat(registry.getMeters()).extracting(Meter::getId)
        .filteredOn(id -> id.getName().equals("ferry.cdc.lane.queue.depth"))
        .singleElement().satisfies(id -> assertThat(id.getTag("lane")).isEqualTo("0"));
  }
}
