package dev.ferry.operator.status;

import dev.ferry.api.v1alpha1.MigrationTask;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a task ({@code kubectl describe mt}): phase changes, retries, failures. */
public final class TaskEvents {

  /** Event type of normal progress. */
  public static final String NORMAL = "Normal";
  /** Event type of problems. */
  public static final String WARNING = "Warning";

  private static final Logger LOG = LoggerFactory.getLogger(TaskEvents.class);

  private final KubernetesClient client;
  private final Clock clock;

  public TaskEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Records an event; failures to record are logged, never thrown. */
  public void record(MigrationTask task, String type, String reason, String message) {
    String now = clock.instant().toString();
    Event event = new EventBuilder()
        .withNewMetadata()
          .withName(task.getMetadata().getName() + "." + UUID.randomUUID().toString()
              .replace("-", "").substring(0, 16))
          .withNamespace(task.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(task.getApiVersion())
            .withKind(task.getKind())
            .withName(task.getMetadata().getName())
            .withNamespace(task.getMetadata().getNamespace())
            .withUid(task.getMetadata().getUid())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message.length() > 1024 ? message.substring(0, 1023) + "…" : message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent("ferry-operator").endSource()
        .build();
    try {
      client.v1().events().inNamespace(task.getMetadata().getNamespace()).resource(event)
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}: {}", reason, task.getMetadata().getName(),
          e.getMessage());
    }
  }
}
