package dev.ferry.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON Patch (RFC 6902) of the status subresource holding only the operator's fields:
 * observedGeneration, phase, conditions, phases, retry and worker, each replaced whole. The
 * worker's fields (precheck, fullLoad, checkpoints, replication, validation, cutover, reverse,
 * progress) are never in it, so the operator cannot overwrite, let alone rewind, what a worker
 * reported.
 */
public final class OperatorFieldsPatch {

  /** The status fields the operator owns, as JSON field names. */
  public static final List<String> OPERATOR_FIELDS = List.of("observedGeneration", "phase",
      "conditions", "phases", "retry", "worker");

  private static final ObjectMapper JSON = new ObjectMapper();

  private OperatorFieldsPatch() {}

  /**
   * The patch from {@code stored} to {@code next}; empty when no operator field changed.
   *
   * @param firstWrite whether the operator never wrote this status (no observedGeneration):
   *     then no worker ran yet, and the patch creates the status object
   */
  public static Optional<String> between(MigrationTaskStatus stored, MigrationTaskStatus next,
      boolean firstWrite) {
    JsonNode before = stored == null || firstWrite ? JSON.createObjectNode()
        : JSON.valueToTree(stored);
    JsonNode after = JSON.valueToTree(next);
    ArrayNode operations = JSON.createArrayNode();
    ObjectNode created = JSON.createObjectNode();
    for (String field : OPERATOR_FIELDS) {
      JsonNode was = before.get(field);
      JsonNode now = after.get(field);
      if (Objects.equals(was, now)) {
        continue;
      }
      if (firstWrite) {
        created.set(field, now);
      } else if (now == null) {
        operations.addObject().put("op", "remove").put("path", "/status/" + field);
      } else {
        operations.addObject().put("op", "add").put("path", "/status/" + field).set("value", now);
      }
    }
    if (firstWrite) {
      operations.addObject().put("op", "add").put("path", "/status").set("value", created);
    }
    return operations.isEmpty() ? Optional.empty() : Optional.of(operations.toString());
  }
}
