package dev.ferry.operator.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The worker image built from {@code worker/Dockerfile} as users build it, then imported into
 * the K3s node's containerd so that pods run it without a registry.
 */
final class WorkerImage {

  /** The image name pods use (imagePullPolicy Never: it must be on the node). */
  static final String NAME = "ferry-worker:k3s-e2e";

  private WorkerImage() {
  }

  /**
   * Builds the image from the repository at {@code root}, with the same context as
   * {@code docker build -f worker/Dockerfile .} minus what .dockerignore leaves out: the Maven
   * wrapper, every module's pom and sources. (withDockerfilePath is deprecated in favour of
   * withDockerfile(Path), which makes the Dockerfile's own folder the context: worker/ alone
   * cannot build, the Dockerfile needs the whole reactor.)
   */
  @SuppressWarnings("deprecation")
  static void build(Path root) throws IOException {
    ImageFromDockerfile image = new ImageFromDockerfile(NAME, true)
        .withDockerfilePath("worker/Dockerfile");
    for (String file : List.of("pom.xml", "mvnw", ".mvn")) {
      image.withFileFromPath(file, root.resolve(file));
    }
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
          .toList()) {
        String name = module.getFileName().toString();
        for (String part : List.of("pom.xml", "src", "Dockerfile")) {
          if (Files.exists(module.resolve(part))) {
            image.withFileFromPath(name + "/" + part, module.resolve(part));
          }
        }
      }
    }
    assertThat(image.get()).isEqualTo(NAME);
  }

  /** Copies the image from the Docker engine into the containerd of {@code k3s}. */
  static void importInto(K3sContainer k3s) throws IOException, InterruptedException {
    DockerImageName name = DockerImageName.parse(NAME);
    Path tar = Files.createTempFile("ferry-worker-", ".tar");
    try {
      try (InputStream saved = DockerClientFactory.instance().client()
          .saveImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart()).exec()) {
        Files.copy(saved, tar, StandardCopyOption.REPLACE_EXISTING);
      }
      k3s.copyFileToContainer(MountableFile.forHostPath(tar), "/tmp/ferry-worker.tar");
    } finally {
      Files.deleteIfExists(tar);
    }
    ExecResult imported = k3s.execInContainer(
        "ctr", "-n", "k8s.io", "images", "import", "/tmp/ferry-worker.tar");
    assertThat(imported.getExitCode()).as("ctr images import: %s", imported.getStderr()).isZero();
  }
}
