package dev.ferry.api.retry;

import static dev.ferry.api.v1alpha1.FailureClass.Connection;
import static dev.ferry.api.v1alpha1.FailureClass.Fatal;
import static dev.ferry.api.v1alpha1.FailureClass.Other;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.api.v1alpha1.FailureClass;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TerminationMessageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(FailureClass.class)
  void roundTripsEveryClass(FailureClass failureClass) {
    TerminationMessage message = new TerminationMessage(failureClass, "it broke");

    assertThat(message.toJson())
        .isEqualTo("{\"class\":\"" + failureClass + "\",\"message\":\"it broke\"}");
    assertThat(TerminationMessage.parse(message.toJson())).isEqualTo(message);
  }

  @Test
  void roundTripsQuotesNewlinesControlCharsAndNonAscii() throws Exception {
    String text = "Table \"shop\".`orders` failed:\n\tline 2 \\ back\u0001slash — "
        + "Größe 数据 😀 'single'\r\n";
    TerminationMessage message = new TerminationMessage(Other, text);

    String json = message.toJson();

    assertThat(JSON.readTree(json).get("message").asText()).isEqualTo(text);
    assertThat(TerminationMessage.parse(json)).isEqualTo(message);
  }

  @Test
  void aMessageThatFitsIsNotCut() {
    String overhead = new TerminationMessage(Fatal, "").toJson();
    String text = "m".repeat(TerminationMessage.MAX_BYTES - overhead.length());

    String json = new TerminationMessage(Fatal, text).toJson();

    assertThat(utf8Bytes(json)).isEqualTo(TerminationMessage.MAX_BYTES);
    assertThat(TerminationMessage.parse(json).message()).isEqualTo(text);
  }

  @Test
  void aLongAsciiMessageIsCutToFitWithAnEllipsis() throws Exception {
    String text = "0123456789".repeat(1000);

    String json = new TerminationMessage(Connection, text).toJson();

    assertThat(utf8Bytes(json)).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES)
        .as("as much as fits is kept").isGreaterThan(TerminationMessage.MAX_BYTES - 3);
    String kept = JSON.readTree(json).get("message").asText();
    assertThat(kept).endsWith("…");
    assertThat(text).startsWith(kept.substring(0, kept.length() - 1));
    assertThat(TerminationMessage.parse(json).failureClass()).isEqualTo(Connection);
  }

  @ParameterizedTest
  @ValueSource(strings = {"😀", "é", "\"", "\n", "\u0001", "a😀"})
  void aLongMessageOfWideCharactersIsCutToValidJson(String unit) throws Exception {
    String text = unit.repeat(5000);

    String json = new TerminationMessage(Other, text).toJson();

    assertThat(utf8Bytes(json)).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES)
        .isGreaterThan(TerminationMessage.MAX_BYTES - 12);
    JsonNode node = JSON.readTree(json);
    String kept = node.get("message").asText();
    assertThat(kept).endsWith("…");
    assertThat(text).startsWith(kept.substring(0, kept.length() - 1));
    assertThat(kept.codePoints()).noneMatch(point -> Character.getType(point) == Character.SURROGATE);
  }

  @Test
  void readsAMessageWithoutMessageFieldAsEmpty() {
    assertThat(TerminationMessage.parse("{\"class\":\"Fatal\"}"))
        .isEqualTo(new TerminationMessage(Fatal, ""));
  }

  @Test
  void toleratesWhitespaceAroundTheJson() {
    assertThat(TerminationMessage.parse("\n {\"class\":\"Connection\",\"message\":\"x\"}\n"))
        .isEqualTo(new TerminationMessage(Connection, "x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   ",
      "panic: worker crashed\n\tat dev.ferry.Worker.main(Worker.java:42)",
      "[\"Connection\",\"x\"]",
      "\"Connection\"",
      "{\"class\":\"Network\",\"message\":\"x\"}",
      "{\"class\":\"connection\",\"message\":\"x\"}",
      "{\"class\":7,\"message\":\"x\"}",
      "{\"message\":\"x\"}",
      "{\"class\":\"Fatal\",\"message\":{\"nested\":true}}",
      "{\"class\":\"Fatal\",\"message\":\"x\"} trailing",
      "{\"class\":\"Fatal\",\"message\":\"x\""})
  void anythingElseIsAnOtherFailureWithTheRawText(String text) {
    assertThat(TerminationMessage.parse(text)).isEqualTo(new TerminationMessage(Other, text));
  }

  @Test
  void nullReadsAsAnEmptyOtherFailure() {
    assertThat(TerminationMessage.parse(null)).isEqualTo(new TerminationMessage(Other, ""));
  }

  @Test
  void longRawTextIsBounded() {
    String log = "log line\n".repeat(2000);

    TerminationMessage message = TerminationMessage.parse(log);

    assertThat(message.failureClass()).isEqualTo(Other);
    assertThat(message.message()).hasSize(TerminationMessage.MAX_BYTES).endsWith("…");
  }

  @Test
  void describesAFailureWithItsClassAndRootCause() {
    RuntimeException failure = new RuntimeException("copy of orders failed",
        new SQLException("Communications link failure", "08S01",
            new ConnectException("Connection refused")));

    TerminationMessage message = TerminationMessage.of(failure);

    assertThat(message.failureClass()).isEqualTo(Connection);
    assertThat(message.message()).isEqualTo("java.lang.RuntimeException: copy of orders failed; "
        + "caused by: java.net.ConnectException: Connection refused");
  }

  @Test
  void describesAFailureWithoutCauseByItself() {
    TerminationMessage message = TerminationMessage.of(
        new FerryException(Fatal, "binlog mysql-bin.000042 was purged"));

    assertThat(message).isEqualTo(new TerminationMessage(Fatal,
        "dev.ferry.api.retry.FerryException: binlog mysql-bin.000042 was purged"));
  }

  @Test
  void aNullMessageIsEmptyButTheClassIsRequired() {
    assertThat(new TerminationMessage(Other, null).message()).isEmpty();
    assertThatThrownBy(() -> new TerminationMessage(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }

  private static int utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
