package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** NOTES.txt, printed after install: it tells the next step and leaves no silent gap. */
class NotesTest {

  @Test
  void namespacedModeShowsHowToApplyAnExampleAndFollowIt() throws IOException {
    String notes = notes("watchNamespaces: [shop, billing]\n");
    assertThat(notes)
        .contains("It watches MigrationTasks in: shop, billing (namespaced mode).")
        .contains("kubectl -n " + Chart.NAMESPACE + " rollout status deployment/"
            + Chart.FULLNAME)
        .contains("kubectl -n shop apply -f examples/manifests/aurora-to-polardb.yaml")
        .contains("kubectl -n shop get mt -w")
        .doesNotContain("create serviceaccount");
  }

  @Test
  void clusterModeTellsHowToGiveOtherNamespacesTheWorkerAccount() throws IOException {
    String notes = notes("workerNamespaces: [team-a]\n");
    assertThat(notes)
        .contains("every namespace (cluster mode)")
        .contains("Worker pods can run in: team-a")
        .contains("kubectl -n NS create serviceaccount ferry-worker")
        .contains("--clusterrole=" + Chart.FULLNAME + "-worker --serviceaccount=NS:ferry-worker")
        .contains("kubectl -n team-a get mt -w");
  }

  private static String notes(String values) throws IOException {
    Path file = Files.createTempFile("ferry-values-", ".yaml");
    try {
      Files.writeString(file, values);
      return new Helm(Chart.DIR).install()
          .withName(Chart.RELEASE)
          .withNamespace(Chart.NAMESPACE)
          .withKubeVersion(Chart.KUBE_VERSION)
          .withValuesFile(file)
          .clientOnly()
          .dryRun()
          .call()
          .getOutput();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
