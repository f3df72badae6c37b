package dev.ferry.operator;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.WorkerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a task author may choose for its worker pods, as the cluster admin allowed it (Helm
 * values worker.allowedImages and worker.allowedServiceAccounts): glob patterns ({@code *}
 * matches anything) of images and of service account names. An empty list allows any; the
 * operator's own worker image and service account are always allowed.
 *
 * @param images allowed images for spec.worker.image ({@code --allowed-worker-images})
 * @param serviceAccounts allowed spec.worker.serviceAccountName
 *     ({@code --allowed-worker-service-accounts})
 */
public record WorkerAllowList(List<String> images, List<String> serviceAccounts) {

  public WorkerAllowList {
    images = List.copyOf(images);
    serviceAccounts = List.copyOf(serviceAccounts);
  }

  /** Allows everything. */
  public static WorkerAllowList any() {
    return new WorkerAllowList(List.of(), List.of());
  }

  /** From comma separated patterns. */
  public static WorkerAllowList of(String images, String serviceAccounts) {
    return new WorkerAllowList(split(images), split(serviceAccounts));
  }

  /** Why {@code task}'s worker choice is not allowed, or empty when it is. */
  public Optional<String> refusal(MigrationTask task, OperatorConfig config) {
    WorkerSpec worker = task.getSpec().getWorker();
    List<String> problems = new ArrayList<>();
    String image = worker.getImage();
    if (image != null && !image.equals(config.workerImage()) && !matches(images, image)) {
      problems.add("spec.worker.image " + image + " is not among the images the cluster admin"
          + " allows (" + String.join(", ", images) + "). Fix: remove spec.worker.image to use"
          + " the operator's image " + config.workerImage() + ", use an allowed one, or ask"
          + " the admin to allow it (Helm value worker.allowedImages)");
    }
    String account = worker.getServiceAccountName();
    if (account != null && !account.equals(config.workerServiceAccount())
        && !matches(serviceAccounts, account)) {
      problems.add("spec.worker.serviceAccountName " + account + " is not among the service"
          + " accounts the cluster admin allows (" + String.join(", ", serviceAccounts)
          + "). Fix: remove it to use " + config.workerServiceAccount() + ", use an allowed"
          + " one, or ask the admin to allow it (Helm value worker.allowedServiceAccounts)");
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private static boolean matches(List<String> patterns, String value) {
    return patterns.isEmpty() || patterns.stream().anyMatch(p -> glob(p).matcher(value).matches());
  }

  /** {@code *} matches any text, everything else itself. */
  private static Pattern glob(String pattern) {
    return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
        .collect(Collectors.joining(".*")));
  }

  private static List<String> split(String patterns) {
    return patterns == null ? List.of() : Arrays.stream(patterns.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
