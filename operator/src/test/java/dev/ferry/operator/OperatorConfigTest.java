package dev.ferry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.logging.LogFormat;
import dev.ferry.operator.pod.WorkerLogging;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void flagsWinOverTheEnvironmentAndDefaultsFillTheRest() {
    OperatorConfig config = OperatorConfig.from(
        new String[] {"--worker-image=ferry/worker:2", "--namespaces=shop, crm"},
        Map.of("FERRY_WORKER_IMAGE", "ferry/worker:1", "FERRY_METRICS_PORT", "9090"));

    assertThat(config.workerImage()).isEqualTo("ferry/worker:2");
    assertThat(config.namespaces()).containsExactlyInAnyOrder("shop", "crm");
    assertThat(config.watchesAllNamespaces()).isFalse();
    assertThat(config.metricsPort()).isEqualTo(9090);
    assertThat(config.workerServiceAccount()).isEqualTo("ferry-worker");
    assertThat(config.leaderElection()).isTrue();
  }

  @Test
  void noNamespacesMeansAll() {
    OperatorConfig config = OperatorConfig.from(new String[0],
        Map.of("FERRY_WORKER_IMAGE", "ferry/worker:1", "FERRY_LEADER_ELECTION", "false"));

    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.leaderElection()).isFalse();
  }

  @Test
  void aMissingImageSaysHowToSetIt() {
    assertThatThrownBy(() -> OperatorConfig.from(new String[0], Map.of()))
        .hasMessageContaining("--worker-image").hasMessageContaining("FERRY_WORKER_IMAGE");
    assertThatThrownBy(() -> OperatorConfig.from(new String[] {"--verbose"}, Map.of()))
        .hasMessageContaining("--verbose");
    assertThatThrownBy(() -> OperatorConfig.from(new String[] {"--metrics-port=http"},
        Map.of("FERRY_WORKER_IMAGE", "ferry/worker:1")))
        .hasMessageContaining("metrics port http").hasMessageContaining("FERRY_METRICS_PORT");
  }

  @Test
  void workerPodDefaultsAndAllowListsAsTheChartPassesThem() {
    OperatorConfig config = OperatorConfig.from(new String[] {
        "--worker-image=ferry/worker:1",
        "--worker-pod-defaults={\"labels\":{\"team\":\"data\"},\"priorityClassName\":"
            + "\"batch-low\",\"securityContext\":{\"fsGroup\":2000}}",
        "--allowed-worker-images=registry.example.com/ferry/*, ghcr.io/ferry-dev/*",
        "--allowed-worker-service-accounts=migrations-*"}, Map.of());

    assertThat(config.workerPodDefaults().getLabels()).containsEntry("team", "data");
    assertThat(config.workerPodDefaults().getPriorityClassName()).isEqualTo("batch-low");
    assertThat(config.workerPodDefaults().getSecurityContext().getFsGroup()).isEqualTo(2000L);
    assertThat(config.allowList().images())
        .containsExactly("registry.example.com/ferry/*", "ghcr.io/ferry-dev/*");
    assertThat(config.allowList().serviceAccounts()).containsExactly("migrations-*");
    assertThatThrownBy(() -> OperatorConfig.from(new String[] {"--worker-image=w",
        "--worker-pod-defaults={\"lables\":{}}"}, Map.of()))
        .hasMessageContaining("worker pod defaults");
  }

  @Test
  void workerLoggingIsJsonAtInfoUnlessSetAndAnUnknownValueIsRefused() {
    Map<String, String> image = Map.of("FERRY_WORKER_IMAGE", "ferry/worker:1");
    assertThat(OperatorConfig.from(new String[0], image).workerLogging())
        .isEqualTo(new WorkerLogging("info", LogFormat.JSON));
    assertThat(OperatorConfig.from(new String[] {"--worker-log-level=Trace",
        "--worker-log-format=TEXT"}, image).workerLogging())
        .isEqualTo(new WorkerLogging("trace", LogFormat.TEXT));

    assertThatThrownBy(() -> OperatorConfig.from(new String[] {"--worker-log-level=verbose"},
        image)).hasMessageContaining("worker log level verbose")
        .hasMessageContaining("error, warn, info, debug, trace")
        .hasMessageContaining("--worker-log-level");
    assertThatThrownBy(() -> OperatorConfig.from(new String[0], Map.of("FERRY_WORKER_IMAGE",
        "w", "FERRY_WORKER_LOG_FORMAT", "xml"))).hasMessageContaining("unknown log format 'xml'")
        .hasMessageContaining("FERRY_WORKER_LOG_FORMAT");
  }
}
