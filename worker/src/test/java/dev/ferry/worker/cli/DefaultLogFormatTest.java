package dev.ferry.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.logging.LogFormat;
import org.junit.jupiter.api.Test;

/** Worker pods log JSON unless told otherwise; people at a terminal get text. */
class DefaultLogFormatTest {

  @Test
  void workerPodsLogJsonEverythingElseText() {
    assertThat(FerryCli.defaultLogFormat(new String[] {"worker", "--task", "t"}))
        .isEqualTo(LogFormat.JSON);
    assertThat(FerryCli.defaultLogFormat(new String[] {"run", "-f", "task.yaml"}))
        .isEqualTo(LogFormat.TEXT);
    assertThat(FerryCli.defaultLogFormat(new String[0])).isEqualTo(LogFormat.TEXT);
  }
}
