package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image names and tags: appVersion by default, overridable for both images. */
class ImageValuesTest {

  @Test
  void tagsAndRepositoriesCanBeOverridden() {
    Deployment deployment = Chart.render("""
        image: {repository: registry.example.com/ferry-operator, tag: 1.2.3, pullPolicy: Always}
        worker: {image: {repository: registry.example.com/ferry-worker, tag: 1.2.4}}
        imagePullSecrets: [registry-example]
        """).one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME);
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getImage()).isEqualTo("registry.example.com/ferry-operator:1.2.3");
    assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
    assertThat(operator.getArgs())
        .contains("--worker-image=registry.example.com/ferry-worker:1.2.4");
    assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
        .containsExactly(new LocalObjectReference("registry-example"));
  }

  @Test
  void workerPodsInheritPullSecretsFromTheWorkerServiceAccount() {
    Rendered rendered = Chart.render("""
        watchNamespaces: [shop, crm]
        worker: {serviceAccount: {name: ferry-worker, imagePullSecrets: [registry-example]}}
        """);
    for (String namespace : List.of("shop", "crm")) {
      assertThat(rendered.one(ServiceAccount.class, namespace, "ferry-worker")
          .getImagePullSecrets()).containsExactly(new LocalObjectReference("registry-example"));
    }
    assertThat(Chart.render("watchNamespaces: [shop]\n")
        .one(ServiceAccount.class, "shop", "ferry-worker").getImagePullSecrets()).isEmpty();
  }

  @Test
  void onlyTheOperatorTagCanBeSetAndTheWorkerKeepsTheAppVersion() {
    Container operator = Chart.render("image: {tag: 0.2.0}\n")
        .one(Deployment.class, Chart.NAMESPACE, Chart.FULLNAME)
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getImage()).isEqualTo("ghcr.io/ferry-dev/ferry-operator:0.2.0");
    assertThat(operator.getArgs())
        .contains("--worker-image=ghcr.io/ferry-dev/ferry-worker:" + Chart.APP_VERSION);
  }
}
