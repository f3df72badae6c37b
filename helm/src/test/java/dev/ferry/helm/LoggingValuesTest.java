package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * logLevel and logFormat reach the operator as FERRY_LOG_LEVEL and FERRY_LOG_FORMAT;
 * worker.logLevel and worker.logFormat as its flags for the worker pods (OperatorConfigTest
 * parses them).
 */
class LoggingValuesTest {

  @Test
  void theOperatorLogsJsonAtInfoByDefault() {
    assertThat(env(Chart.render(""))).containsEntry("FERRY_LOG_LEVEL", "info")
        .containsEntry("FERRY_LOG_FORMAT", "json");
  }

  @Test
  void levelAndFormatAreValues() {
    assertThat(env(Chart.render("logLevel: debug\nlogFormat: text\n")))
        .containsEntry("FERRY_LOG_LEVEL", "debug").containsEntry("FERRY_LOG_FORMAT", "text");
  }

  @Test
  void anUnknownLevelIsRefused() {
    assertThatThrownBy(() -> Chart.render("logLevel: verbose\n")).hasMessageContaining("logLevel");
    assertThatThrownBy(() -> Chart.render("worker: {logFormat: xml}\n"))
        .hasMessageContaining("logFormat");
  }

  @Test
  void workerPodsLogJsonAtTheOperatorsLevelUnlessTheirOwnAreSet() {
    assertThat(args(Chart.render("logLevel: warn\nlogFormat: text\n"))).contains(
        "--worker-log-level=warn", "--worker-log-format=json");
    assertThat(args(Chart.render("worker: {logLevel: debug, logFormat: text}\n"))).contains(
        "--worker-log-level=debug", "--worker-log-format=text");
  }

  private static List<String> args(Rendered rendered) {
    return rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME).getSpec()
        .getTemplate().getSpec().getContainers().get(0).getArgs();
  }

  private static Map<String, String> env(Rendered rendered) {
    Deployment deployment = rendered.one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME);
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }
}
