package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The worker pods that run the phases. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.memory) || !has(self.resources)"
    + " || ((!has(self.resources.requests) || !('memory' in self.resources.requests))"
    + " && (!has(self.resources.limits) || !('memory' in self.resources.limits)))",
    fieldPath = ".memory", message = "spec.worker.memory and memory under spec.worker.resources"
    + " (requests.memory, limits.memory) both size the worker; keep spec.worker.memory and remove"
    + " memory from spec.worker.resources")
public class WorkerSpec {

  @JsonPropertyDescription("Worker container image. Default: the image the operator is "
      + "configured with.")
  private String image;

  @JsonPropertyDescription("Always, IfNotPresent or Never. Default: Kubernetes' default for "
      + "the image.")
  @Pattern("^(Always|IfNotPresent|Never)$")
  private String imagePullPolicy;

  @JsonPropertyDescription("Memory of a worker pod, for example 1Gi: the worker container's"
      + " memory request and limit, and with them the worker's JVM heap (75% of it), from which"
      + " the worker derives its queue and batch bounds. At least 256Mi. Default: 1Gi, or the"
      + " memory set under resources. Set it here or under resources, not both.")
  private Quantity memory;

  @JsonPropertyDescription("CPU and other requests and limits of a worker container. Size its"
      + " memory with spec.worker.memory instead.")
  @SchemaFrom(type = UpstreamSchemas.Resources.class)
  private ResourceRequirements resources;

  @JsonPropertyDescription("Service account of the worker pods. Default: the operator's worker "
      + "service account.")
  private String serviceAccountName;

  @JsonPropertyDescription("Node labels a worker pod must run on.")
  private Map<String, String> nodeSelector = new LinkedHashMap<>();

  @ValidationRule(value = "self.all(t, !has(t.operator) || t.operator in ['Equal', 'Exists'])",
      message = "a toleration's operator is Equal or Exists")
  @ValidationRule(value = "self.all(t, !has(t.operator) || t.operator != 'Exists'"
      + " || !has(t.value) || t.value == '')", message = "a toleration with operator Exists has"
      + " no value")
  @ValidationRule(value = "self.all(t, !has(t.effect) || t.effect in ['', 'NoSchedule',"
      + " 'PreferNoSchedule', 'NoExecute'])", message = "a toleration's effect is NoSchedule,"
      + " PreferNoSchedule or NoExecute")
  @JsonPropertyDescription("Tolerations of the worker pods (Kubernetes' Toleration: key,"
      + " operator Equal or Exists, value, effect, tolerationSeconds).")
  @SchemaFrom(type = UpstreamSchemas.TolerationList.class)
  private List<Toleration> tolerations = new ArrayList<>();

  @JsonPropertyDescription("Pod-level settings of worker pods: labels, annotations, affinity,"
      + " priorityClassName, securityContext; over the operator's defaults.")
  private WorkerPodTemplate podTemplate;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(String imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public Quantity getMemory() {
    return memory;
  }

  public void setMemory(Quantity memory) {
    this.memory = memory;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector == null ? new LinkedHashMap<>() : nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations == null ? new ArrayList<>() : tolerations;
  }

  public WorkerPodTemplate getPodTemplate() {
    return podTemplate;
  }

  public void setPodTemplate(WorkerPodTemplate podTemplate) {
    this.podTemplate = podTemplate;
  }
}
