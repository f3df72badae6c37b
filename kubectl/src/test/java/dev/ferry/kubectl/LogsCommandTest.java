package dev.ferry.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.WorkerStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code kubectl ferry logs} against a mock API server: the current worker pod's log, else the
 * last pod the task owns, else a clear error.
 */
class LogsCommandTest {

  private static final String NS = "shop";
  private static final String TASK = "orders";
  private static final String UID = "uid-orders";
  private static final String TASK_PATH = "/apis/ferry.dev/v1alpha1/namespaces/" + NS
      + "/migrationtasks/" + TASK;

  private KubernetesMockServer server;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  @Test
  void printsTheLogOfTheWorkerPodTheStatusNames() {
    task(Phase.FullLoad, "orders-fullload-a0-s0-x7k2p");
    log("orders-fullload-a0-s0-x7k2p", "", "{\"message\":\"copied shop.items chunk 3\"}\n");

    Result logs = kubectl("logs", TASK, "-n", NS);

    assertThat(logs.code()).as(logs.err()).isZero();
    assertThat(logs.out()).isEqualTo("{\"message\":\"copied shop.items chunk 3\"}\n");
    assertThat(logs.err()).isEmpty();
  }

  @Test
  void eachShardsPodIsHeadedAndTailIsPassedOn() {
    task(Phase.FullLoad, "orders-fullload-a0-s0-aaaaa", "orders-fullload-a0-s1-bbbbb");
    log("orders-fullload-a0-s0-aaaaa", "&tailLines=1", "shard 0\n");
    log("orders-fullload-a0-s1-bbbbb", "&tailLines=1", "shard 1\n");

    Result logs = kubectl("logs", TASK, "-n", NS, "--tail", "1");

    assertThat(logs.code()).as(logs.err()).isZero();
    assertThat(logs.out()).isEqualTo(String.join(System.lineSeparator(),
        "==> pod orders-fullload-a0-s0-aaaaa <==", "shard 0",
        "==> pod orders-fullload-a0-s1-bbbbb <==", "shard 1\n"));
  }

  @Test
  void aFailedTaskShowsTheLogOfTheLastPodItOwns() {
    task(Phase.Failed);
    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods").andReturn(200,
        new PodListBuilder().withItems(
            pod("orders-precheck-a0-s0-aaaaa", UID, "2026-12-07T04:00:00Z"),
            pod("orders-precheck-a1-s0-bbbbb", UID, "2026-12-07T04:05:00Z"),
            pod("orders-precheck-a2-s0-ccccc", "uid-of-an-earlier-orders", "2026-12-07T04:09:00Z"),
            pod("billing-precheck-a0-s0-ddddd", "uid-billing", "2026-12-07T04:10:00Z"))
            .build()).always();
    log("orders-precheck-a1-s0-bbbbb", "", "binlog_format is STATEMENT\n");

    Result logs = kubectl("logs", TASK, "-n", NS);

    assertThat(logs.code()).as(logs.err()).isZero();
    assertThat(logs.out()).isEqualTo("binlog_format is STATEMENT\n");
    assertThat(logs.err()).contains("migrationtask shop/orders has no worker pod running now"
        + " (phase Failed); the logs of its last pod, orders-precheck-a1-s0-bbbbb:");
  }

  @Test
  void noPodAtAllIsAClearError() {
    task(null);
    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods")
        .andReturn(200, new PodListBuilder().build()).always();

    Result logs = kubectl("logs", TASK, "-n", NS);

    assertThat(logs.code()).isEqualTo(PluginExitCodes.NOT_APPLICABLE);
    assertThat(logs.out()).isEmpty();
    assertThat(logs.err()).contains("migrationtask shop/orders has no worker pod (phase none"
        + " yet): none runs now and none is left", "kubectl ferry status orders");
  }

  /** The task as the API server returns it: in {@code phase}, its worker running {@code pods}. */
  private void task(Phase phase, String... pods) {
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(TASK).withUid(UID)
        .build());
    if (phase != null) {
      MigrationTaskStatus status = new MigrationTaskStatus();
      status.setPhase(phase);
      if (pods.length > 0) {
        WorkerStatus worker = new WorkerStatus();
        worker.setPhase(phase);
        worker.setPods(List.of(pods));
        status.setWorker(worker);
      }
      task.setStatus(status);
    }
    server.expect().get().withPath(TASK_PATH).andReturn(200, task).always();
  }

  /** Pod {@code pod}'s worker container has logged {@code text} ({@code query}: more options). */
  private void log(String pod, String query, String text) {
    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod
        + "/log?pretty=false&container=worker" + query).andReturn(200, text).always();
  }

  private static Pod pod(String name, String ownerUid, String created) {
    return new PodBuilder().withNewMetadata().withNamespace(NS).withName(name)
        .withCreationTimestamp(created)
        .addNewOwnerReference().withApiVersion("ferry.dev/v1alpha1").withKind("MigrationTask")
          .withName(TASK).withUid(ownerUid).withController(true).endOwnerReference()
        .endMetadata().build();
  }

  private Result kubectl(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine plugin = KubectlFerry.commandLine(server::createClient);
    plugin.setOut(new PrintWriter(out, true));
    plugin.setErr(new PrintWriter(err, true));
    int code = plugin.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
