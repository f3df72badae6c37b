package dev.ferry.examples.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.status.Kstatus;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Flux (kstatus) reads from the same statuses the Argo CD health check is tested on: a task
 * replicating as intended or completed is Current (a Kustomization with {@code wait: true}
 * becomes ready), a task that cannot progress is Failed, everything in between is InProgress;
 * Reconciling and Stalled are never True together.
 */
class KstatusTest {

  private static final Path TESTDATA = Path.of("gitops", "argocd", "testdata");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** kstatus of each test status; no status at all reads Current (kstatus' own rule). */
  private static final Map<String, Kstatus> EXPECTED = Map.ofEntries(
      Map.entry("progressing_no_status.yaml", Kstatus.Current),
      Map.entry("progressing_generation_mismatch.yaml", Kstatus.InProgress),
      Map.entry("progressing_precheck_starting.yaml", Kstatus.InProgress),
      Map.entry("progressing_schema.yaml", Kstatus.InProgress),
      Map.entry("progressing_full_load.yaml", Kstatus.InProgress),
      Map.entry("progressing_validation.yaml", Kstatus.InProgress),
      Map.entry("progressing_retry_scheduled.yaml", Kstatus.InProgress),
      Map.entry("progressing_cutover.yaml", Kstatus.InProgress),
      Map.entry("progressing_incremental_lagging.yaml", Kstatus.Current),
      Map.entry("healthy_incremental_caught_up.yaml", Kstatus.Current),
      Map.entry("healthy_reverse.yaml", Kstatus.Current),
      Map.entry("healthy_completed.yaml", Kstatus.Current),
      Map.entry("suspended.yaml", Kstatus.InProgress),
      Map.entry("degraded_failed.yaml", Kstatus.Failed),
      Map.entry("degraded_stalled.yaml", Kstatus.Failed),
      Map.entry("degraded_worker_cannot_start.yaml", Kstatus.Failed));

  static Stream<Arguments> cases() {
    return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("cases")
  void fluxReadsTheExpectedStatus(String file, Kstatus expected) throws IOException {
    MigrationTask task = read(file);
    MigrationTaskStatus status = task.getStatus();

    assertThat(Kstatus.read(task.getMetadata().getGeneration(), status)).isEqualTo(expected);
    if (status != null) {
      assertThat(Conditions.isTrue(status, ConditionType.Reconciling)
          && Conditions.isTrue(status, ConditionType.Stalled))
          .as("Reconciling and Stalled both True").isFalse();
    }
  }

  @Test
  void everyTestStatusHasAnExpectationAndEveryPhaseIsCovered() throws IOException {
    try (Stream<Path> files = Files.list(TESTDATA)) {
      Set<String> present = files.map(f -> f.getFileName().toString())
          .collect(Collectors.toSet());
      assertThat(EXPECTED.keySet()).isEqualTo(present);
    }
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (String file : EXPECTED.keySet()) {
      MigrationTaskStatus status = read(file).getStatus();
      if (status != null && status.getPhase() != null) {
        phases.add(status.getPhase());
      }
    }
    assertThat(phases).containsExactlyInAnyOrder(Phase.values());
  }

  private static MigrationTask read(String file) throws IOException {
    return YAML.readValue(TESTDATA.resolve(file).toFile(), MigrationTask.class);
  }
}
