package dev.ferry.worker.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import java.util.List;
import java.util.Objects;

/**
 * A JSON Patch (RFC 6902) of the status subresource that writes only the worker's fields of a
 * MigrationTask status: precheck, fullLoad, checkpoints, replication, validation, cutover,
 * reverse and progress, each replaced whole. The operator's fields (phase, observedGeneration,
 * conditions, phases, retry, worker) are never part of it. The patch first sets
 * {@code metadata.resourceVersion} to the version the status was read at, so the API server
 * refuses it with 409 Conflict when the task changed in between.
 */
public final class StatusFieldsPatch {

  /** The status fields the worker owns, as JSON field names. */
  public static final List<String> WORKER_FIELDS = List.of("precheck", "fullLoad",
      "checkpoints", "replication", "validation", "cutover", "reverse", "progress");

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusFieldsPatch() {}

  /**
   * The patch from {@code stored} (read at {@code resourceVersion}) to {@code next}; null when
   * no worker field changed.
   *
   * @param statusExists whether the stored task has a status object at all
   */
  public static String between(MigrationTaskStatus stored, MigrationTaskStatus next,
      String resourceVersion, boolean statusExists) {
    JsonNode before = stored == null ? JSON.createObjectNode() : JSON.valueToTree(stored);
    JsonNode after = JSON.valueToTree(next);
    ArrayNode operations = JSON.createArrayNode();
    operations.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
        .put("value", resourceVersion);
    if (!statusExists) {
      operations.addObject().put("op", "add").put("path", "/status")
          .set("value", JSON.createObjectNode());
    }
    boolean changed = false;
    for (String field : WORKER_FIELDS) {
      JsonNode was = before.get(field);
      JsonNode now = after.get(field);
      if (Objects.equals(was, now)) {
        continue;
      }
      changed = true;
      ObjectNode operation = operations.addObject();
      if (now == null) {
        operation.put("op", "remove").put("path", "/status/" + field);
      } else {
        operation.put("op", "add").put("path", "/status/" + field).set("value", now);
      }
    }
    return changed ? operations.toString() : null;
  }
}
