package dev.ferry.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ferry-operator chart of this repository, rendered by helm-java as a release would be. */
final class Chart {

  static final Path DIR = Path.of("ferry-operator");
  static final String RELEASE = "ferry";
  static final String NAMESPACE = "ferry-system";
  /** Name of the release's objects (the release name contains no "ferry-operator"). */
  static final String FULLNAME = "ferry-ferry-operator";
  static final String APP_VERSION = "0.1.0";
  /** A Kubernetes version the chart supports (helm template assumes v1.20 otherwise). */
  static final String KUBE_VERSION = "v1.31.0";

  private Chart() {
  }

  /** The chart rendered with its default values. */
  static Rendered render() {
    return render("");
  }

  /** The chart rendered with {@code valuesYaml} over its default values. */
  static Rendered render(String valuesYaml) {
    return new Rendered(template(valuesYaml).call());
  }

  /** The template command of a release with {@code valuesYaml}, CRDs included. */
  static TemplateCommand template(String valuesYaml) {
    return new Helm(DIR).template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION)
        .withValuesFile(valuesFile(valuesYaml));
  }

  private static Path valuesFile(String valuesYaml) {
    try {
      Path file = Files.createTempFile("ferry-values-", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, valuesYaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
