package dev.ferry.api.retry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.api.v1alpha1.FailureClass;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a failed worker tells the operator through its pod's termination message:
 * {@code {"class":"Connection|Other|Fatal","message":"..."}}. The JSON always fits the 4096
 * bytes Kubernetes keeps; text that is not such JSON (a log tail, nothing at all) reads as an
 * {@link FailureClass#Other} failure with the text as its message.
 */
public record TerminationMessage(FailureClass failureClass, String message) {

  /** Most bytes Kubernetes keeps of a container's termination message. */
  public static final int MAX_BYTES = 4096;

  private static final String CLASS_FIELD = "class";
  private static final String MESSAGE_FIELD = "message";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A message; a null {@code message} becomes empty. */
  public TerminationMessage {
    Objects.requireNonNull(failureClass, "failureClass");
    message = message == null ? "" : message;
  }

  /** The message a worker reports for {@code failure}, classified by {@link FailureClassifier}. */
  public static TerminationMessage of(Throwable failure) {
    return new TerminationMessage(FailureClassifier.classify(failure), describe(failure));
  }

  /**
   * Reads a termination message. Anything but a JSON object with a known {@code class} and a
   * string (or absent) {@code message} is {@link FailureClass#Other} with the raw text, cut to
   * {@link #MAX_BYTES} chars, as its message.
   */
  public static TerminationMessage parse(String text) {
    String raw = text == null ? "" : text;
    return fromJson(raw).orElseGet(
        () -> new TerminationMessage(FailureClass.Other, Ellipsis.shorten(raw, MAX_BYTES)));
  }

  /** This message as JSON of at most {@link #MAX_BYTES} UTF-8 bytes, the message cut if need be. */
  public String toJson() {
    String whole = render(message);
    if (fits(whole)) {
      return whole;
    }
    // Longest prefix (in chars) that fits with the ellipsis; no prefix longer than MAX_BYTES
    // chars can fit, since every char takes at least one byte.
    int low = 0;
    int high = Math.min(message.length(), MAX_BYTES);
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (fits(cutTo(middle))) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return cutTo(low);
  }

  private String cutTo(int chars) {
    return render(Ellipsis.prefix(message, chars) + Ellipsis.MARK);
  }

  private String render(String text) {
    ObjectNode node = JSON.createObjectNode()
        .put(CLASS_FIELD, failureClass.name())
        .put(MESSAGE_FIELD, text);
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("cannot write a tree of two strings", impossible);
    }
  }

  private static boolean fits(String json) {
    return json.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  private static Optional<TerminationMessage> fromJson(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    Optional<FailureClass> failureClass = classNamed(node.get(CLASS_FIELD));
    JsonNode message = node.get(MESSAGE_FIELD);
    if (failureClass.isEmpty() || (message != null && !message.isTextual())) {
      return Optional.empty();
    }
    String bounded = message == null ? "" : Ellipsis.shorten(message.asText(), MAX_BYTES);
    return Optional.of(new TerminationMessage(failureClass.get(), bounded));
  }

  private static Optional<FailureClass> classNamed(JsonNode name) {
    if (name == null || !name.isTextual()) {
      return Optional.empty();
    }
    return Arrays.stream(FailureClass.values())
        .filter(value -> value.name().equals(name.asText()))
        .findFirst();
  }

  private static String describe(Throwable failure) {
    List<Throwable> chain = CauseChain.of(failure);
    Throwable root = chain.get(chain.size() - 1);
    return root == failure ? failure.toString() : failure + "; caused by: " + root;
  }
}
