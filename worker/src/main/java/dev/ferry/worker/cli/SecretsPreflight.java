package dev.ferry.worker.cli;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.db.MissingSecretException;
import dev.ferry.worker.db.SecretReader;
import java.util.ArrayList;
import java.util.List;

/** Reads every Secret a task needs before it starts, so a missing file is reported at once. */
final class SecretsPreflight {

  private SecretsPreflight() {}

  /** The problems found (each names the missing file); empty when every Secret is there. */
  static List<String> problems(MigrationTaskSpec spec, SecretReader secrets) {
    List<String> problems = new ArrayList<>();
    spec.getSources().forEach(source -> check(source.getName(), source, secrets, problems));
    check("target", spec.getTarget(), secrets, problems);
    return problems;
  }

  private static void check(String name, EndpointSpec endpoint, SecretReader secrets,
      List<String> problems) {
    try {
      Endpoint.of(name, endpoint, secrets);
    } catch (MissingSecretException e) {
      problems.add(name + ": " + e.getMessage());
    }
  }
}
