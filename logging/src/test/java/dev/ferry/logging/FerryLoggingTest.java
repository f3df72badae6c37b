package dev.ferry.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FerryLoggingTest {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStandardError() {
    originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    FerryLogging.configure(LogFormat.TEXT, "info");
  }

  @Test
  void jsonIsOneObjectPerLineWithTimestampLevelLoggerAndMessage() throws Exception {
    FerryLogging.configure(LogFormat.JSON, "info");
    LoggerFactory.getLogger("dev.ferry.test.Json").info("copied {} rows of \"{}\"", 3, "a\nb");
    LoggerFactory.getLogger("dev.ferry.test.Json").warn("failed",
        new IllegalStateException("boom"));

    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(2);
    JsonNode first = lines.get(0);
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("logger").asText()).isEqualTo("dev.ferry.test.Json");
    assertThat(first.get("message").asText()).isEqualTo("copied 3 rows of \"a\nb\"");
    assertThat(Instant.parse(first.get("timestamp").asText()))
        .isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(lines.get(1).get("level").asText()).isEqualTo("WARN");
    assertThat(lines.get(1).get("stack_trace").asText()).contains("IllegalStateException: boom");
  }

  @Test
  void javaUtilLoggingGoesThroughTheSameBackend() throws Exception {
    FerryLogging.configure(LogFormat.JSON, "info");
    java.util.logging.Logger.getLogger("dev.ferry.test.Jul").warning("from java.util.logging");
    java.util.logging.Logger.getLogger("dev.ferry.test.Jul").fine("below the level");

    assertThat(jsonLines()).singleElement().satisfies(line -> {
      assertThat(line.get("logger").asText()).isEqualTo("dev.ferry.test.Jul");
      assertThat(line.get("level").asText()).isEqualTo("WARN");
      assertThat(line.get("message").asText()).isEqualTo("from java.util.logging");
    });
  }

  @Test
  void textLinesStartWithAnIsoTimestamp() {
    FerryLogging.configure(LogFormat.TEXT, "info");
    LoggerFactory.getLogger("dev.ferry.test.Text").info("hello");
    LoggerFactory.getLogger("dev.ferry.test.Text").debug("hidden");

    String line = text().strip();
    assertThat(line).endsWith("INFO  Text - hello").doesNotContain("hidden");
    assertThat(OffsetDateTime.parse(line.substring(0, line.indexOf(' ')))).isNotNull();
  }

  @Test
  void theEnvironmentChoosesFormatAndLevel() throws Exception {
    FerryLogging.configure(Map.of(FerryLogging.FORMAT_VARIABLE, "JSON",
        FerryLogging.LEVEL_VARIABLE, "debug"), LogFormat.TEXT);
    LoggerFactory.getLogger("dev.ferry.test.Env").debug("shown at debug");

    assertThat(jsonLines()).singleElement()
        .satisfies(line -> assertThat(line.get("level").asText()).isEqualTo("DEBUG"));
  }

  @Test
  void withoutAFormatInTheEnvironmentTheFallbackApplies() throws Exception {
    FerryLogging.configure(Map.of(), LogFormat.JSON);
    LoggerFactory.getLogger("dev.ferry.test.Fallback").info("json by default");

    assertThat(jsonLines()).singleElement()
        .satisfies(line -> assertThat(line.get("message").asText()).isEqualTo("json by default"));
  }

  @Test
  void anUnknownFormatIsRefused() {
    assertThatThrownBy(() -> LogFormat.parse("xml"))
        .hasMessageContaining("use text or json");
    assertThat(LogFormat.parse(null)).isEqualTo(LogFormat.TEXT);
  }

  private String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  private List<JsonNode> jsonLines() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text().split("\n")) {
      if (!line.isEmpty()) {
        lines.add(mapper.readTree(line));
      }
    }
    return lines;
  }
}
