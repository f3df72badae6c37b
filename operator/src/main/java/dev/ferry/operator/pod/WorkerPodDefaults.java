package dev.ferry.operator.pod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.api.v1alpha1.WorkerPodTemplate;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster admin's defaults for every worker pod (Helm value worker.podDefaults, passed as
 * JSON in {@code --worker-pod-defaults} or {@code FERRY_WORKER_POD_DEFAULTS}): the pod-level
 * settings a task's spec.worker.podTemplate may override, plus tolerations and a node selector
 * that a task's own are added to.
 */
public class WorkerPodDefaults extends WorkerPodTemplate {

  private List<Toleration> tolerations = new ArrayList<>();
  private Map<String, String> nodeSelector = new LinkedHashMap<>();

  /** No defaults. */
  public static WorkerPodDefaults none() {
    return new WorkerPodDefaults();
  }

  /** The defaults in {@code json}; unknown fields are refused. */
  public static WorkerPodDefaults parse(String json) {
    try {
      return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .readValue(json, WorkerPodDefaults.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the worker pod defaults are not valid JSON of labels,"
          + " annotations, affinity, priorityClassName, securityContext, tolerations and"
          + " nodeSelector: " + e.getOriginalMessage(), e);
    }
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations == null ? new ArrayList<>() : tolerations;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector == null ? new LinkedHashMap<>() : nodeSelector;
  }
}
