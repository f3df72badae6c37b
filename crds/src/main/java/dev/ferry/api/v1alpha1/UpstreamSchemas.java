package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Schema-only twins of the Kubernetes types the API embeds (Condition, Toleration,
 * ResourceRequirements), with the descriptions {@code kubectl explain} shows. They shape the
 * CRD through {@code @SchemaFrom}; the Java fields keep the Kubernetes types.
 */
final class UpstreamSchemas {

  private UpstreamSchemas() {}

  /** One metav1-style condition. */
  static final class Condition {
    @JsonPropertyDescription("Condition type: Ready, Reconciling, Stalled or a milestone such as"
        + " PrecheckPassed, FullLoadComplete, CaughtUp, Validated, BinlogAtRisk.")
    public String type;
    @JsonPropertyDescription("True, False or Unknown.")
    public String status;
    @JsonPropertyDescription("Machine-readable CamelCase reason of the last transition.")
    public String reason;
    @JsonPropertyDescription("Human-readable details, with what to do when action is needed.")
    public String message;
    @JsonPropertyDescription("When the status last changed (RFC 3339).")
    public String lastTransitionTime;
    @JsonPropertyDescription("The spec generation this condition was set for.")
    public Long observedGeneration;
  }

  /** One toleration of a worker pod. */
  static final class Toleration {
    @JsonPropertyDescription("Taint key the toleration matches; empty with operator Exists"
        + " matches every taint.")
    public String key;
    @JsonPropertyDescription("Equal (default) or Exists.")
    public String operator;
    @JsonPropertyDescription("Taint value matched with operator Equal; empty with Exists.")
    public String value;
    @JsonPropertyDescription("NoSchedule, PreferNoSchedule or NoExecute; empty matches all.")
    public String effect;
    @JsonPropertyDescription("With effect NoExecute: seconds the pod stays bound after the taint"
        + " appears; absent means forever.")
    public Long tolerationSeconds;
  }

  /** CPU and memory of a worker container. */
  static final class Resources {
    @JsonPropertyDescription("Minimum resources per name (cpu: 500m, memory: 1Gi); the"
        + " scheduler reserves them.")
    public Map<String, Quantity> requests;
    @JsonPropertyDescription("Maximum resources per name (cpu: 2, memory: 2Gi); not below the"
        + " request.")
    public Map<String, Quantity> limits;
  }

  /** Conditions as a list, for {@code @SchemaFrom}. */
  static final class ConditionList extends ArrayList<Condition> {}

  /** Tolerations as a list, for {@code @SchemaFrom}. */
  static final class TolerationList extends ArrayList<Toleration> {}
}
