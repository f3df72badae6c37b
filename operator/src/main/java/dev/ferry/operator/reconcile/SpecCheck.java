package dev.ferry.operator.reconcile;

import dev.ferry.api.rules.SpecProblem;
import dev.ferry.api.rules.SpecValidator;
import dev.ferry.api.secrets.SecretEnvNames;
import dev.ferry.api.secrets.SecretEnvNames.SecretKey;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.operator.OperatorConfig;
import dev.ferry.operator.WorkerAllowList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether a task may run as it is: a valid spec ({@link SpecValidator}, every problem
 * listed), a worker image and service account the cluster admin allows ({@link
 * WorkerAllowList}), every Secret key its workers need present, and no change of source or
 * target once data moved. Reads Secrets only to see that the keys exist; values are never read into
 * messages.
 */
public final class SpecCheck {

  private final KubernetesClient client;
  private final OperatorConfig config;

  public SpecCheck(KubernetesClient client, OperatorConfig config) {
    this.client = client;
    this.config = config;
  }

  /** Why {@code task} cannot run, or empty when it can. */
  public Optional<Refusal> refusal(MigrationTask task) {
    List<SpecProblem> problems = SpecValidator.validate(task.getSpec());
    if (!problems.isEmpty()) {
      return Optional.of(new Refusal("InvalidSpec", problems.stream().map(SpecProblem::toString)
          .collect(Collectors.joining("; "))));
    }
    Optional<String> notAllowed = config.allowList().refusal(task, config);
    if (notAllowed.isPresent()) {
      return Optional.of(new Refusal("WorkerNotAllowed", notAllowed.get()));
    }
    List<SecretKey> keys = SecretEnvNames.keysOf(task.getSpec());
    List<String> secretProblems = new ArrayList<>(SecretEnvNames.collisions(keys));
    secretProblems.addAll(missingSecrets(task.getMetadata().getNamespace(), keys));
    if (!secretProblems.isEmpty()) {
      return Optional.of(new Refusal("MissingSecret", String.join("; ", secretProblems)));
    }
    return unsafeEdit(task);
  }

  /** What is missing of the Secret keys the target needs (for the cleanup pod), with fixes. */
  List<String> missingTargetSecrets(MigrationTask task) {
    return missingSecrets(task.getMetadata().getNamespace(),
        SecretEnvNames.targetKeysOf(task.getSpec()));
  }

  /**
   * Remembers the endpoints of {@code task} (an annotation), once data is about to move between
   * them; later edits of them are refused.
   *
   * @return the task as patched, or empty when it was remembered already
   */
  public Optional<MigrationTask> rememberEndpoints(MigrationTask task) {
    String fingerprint = EndpointFingerprint.of(task.getSpec());
    if (EndpointFingerprint.remembered(task).filter(fingerprint::equals).isPresent()) {
      return Optional.empty();
    }
    String patch = Serialization.asJson(Map.of("metadata", Map.of("annotations",
        Map.of(EndpointFingerprint.ANNOTATION, fingerprint))));
    return Optional.of(client.resources(MigrationTask.class)
        .inNamespace(task.getMetadata().getNamespace())
        .withName(task.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
  }

  /** Whether data has moved, so source and target are fixed from now on. */
  public static boolean dataMoved(MigrationTaskStatus status) {
    return status != null && status.getPhases().stream()
        .anyMatch(record -> record.getPhase() != Phase.Precheck);
  }

  private Optional<Refusal> unsafeEdit(MigrationTask task) {
    Optional<String> remembered = EndpointFingerprint.remembered(task);
    String now = EndpointFingerprint.of(task.getSpec());
    if (remembered.isEmpty() || remembered.get().equals(now) || !dataMoved(task.getStatus())
        || task.getStatus().getPhase() == Phase.Completed) {
      return Optional.empty();
    }
    return Optional.of(new Refusal("UnsafeSpecChange", "spec.sources/spec.target changed"
        + " after data started moving (was " + remembered.get() + ", now " + now + "); the"
        + " target would mix data of two databases. Fix: revert the change, or create a new"
        + " MigrationTask for the new databases"));
  }

  private List<String> missingSecrets(String namespace, List<SecretKey> keys) {
    List<String> problems = new ArrayList<>();
    for (SecretKey key : keys) {
      Secret secret = client.secrets().inNamespace(namespace).withName(key.secret()).get();
      if (secret == null) {
        String problem = key.field() + ": Secret " + key.secret() + " does not exist in"
            + " namespace " + namespace + ". Fix: create it (kubectl create secret generic "
            + key.secret() + " --from-literal=username=... --from-literal=password=...)";
        if (!problems.contains(problem)) {
          problems.add(problem);
        }
      } else if (!hasKey(secret, key.key())) {
        problems.add(key.field() + ": Secret " + key.secret() + " has no key " + key.key()
            + ". Fix: add the key " + key.key() + " to Secret " + key.secret());
      }
    }
    return problems;
  }

  private static boolean hasKey(Secret secret, String key) {
    return (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
  }
}
