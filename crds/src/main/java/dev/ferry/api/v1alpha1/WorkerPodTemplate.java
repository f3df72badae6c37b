package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pod-level settings of worker pods, over the defaults the cluster admin gave the operator
 * (Helm value worker.podDefaults): labels and annotations are merged key by key, the others
 * replace the default when set. Ferry's own labels and the worker container are not changed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerPodTemplate {

  @JsonPropertyDescription("Labels added to worker pods (for example for a service mesh or cost"
      + " allocation); Ferry's own labels take precedence.")
  private Map<String, String> labels = new LinkedHashMap<>();

  @JsonPropertyDescription("Annotations added to worker pods (for example"
      + " sidecar.istio.io/inject or a Vault agent's settings).")
  private Map<String, String> annotations = new LinkedHashMap<>();

  @SchemaFrom(type = AnyType.class)
  @JsonPropertyDescription("Kubernetes Affinity of worker pods (nodeAffinity, podAffinity,"
      + " podAntiAffinity), as in a pod spec.")
  private Affinity affinity;

  @JsonPropertyDescription("PriorityClass of worker pods.")
  private String priorityClassName;

  @SchemaFrom(type = AnyType.class)
  @JsonPropertyDescription("Kubernetes PodSecurityContext of worker pods, as in a pod spec."
      + " runAsNonRoot and the RuntimeDefault seccomp profile are kept unless set here; no"
      + " runAsUser is set unless given, so platforms that assign one (OpenShift) can.")
  private PodSecurityContext securityContext;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels == null ? new LinkedHashMap<>() : labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations == null ? new LinkedHashMap<>() : annotations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public PodSecurityContext getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(PodSecurityContext securityContext) {
    this.securityContext = securityContext;
  }
}
