package dev.ferry.worker.cli;

import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.DatabaseServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a MigrationTask manifest and its Secret files for a pair of test servers. */
final class TaskFiles {

  private final Path dir;
  private final DatabasePair pair;

  TaskFiles(Path dir, DatabasePair pair) {
    this.dir = dir;
    this.pair = pair;
  }

  Path secretsDir() {
    return dir.resolve("secrets");
  }

  Path stateFile(String name) {
    return dir.resolve(name + ".status.yaml");
  }

  /** Writes the manifest (with {@code specExtra} appended under spec) and the Secrets. */
  Path write(String name, String mode, String specExtra) throws IOException {
    secret("source-credentials", pair.source());
    secret("target-credentials", pair.target());
    String yaml = """
        apiVersion: ferry.dev/v1alpha1
        kind: MigrationTask
        metadata:
          name: %s
        spec:
          mode: %s
          sources:
            - name: src
              host: %s
              port: %d
              credentialsSecret: source-credentials
              allowPublicKeyRetrieval: true
              tls:
                mode: Disabled
          target:
            host: %s
            port: %d
            credentialsSecret: target-credentials
            allowPublicKeyRetrieval: true
            tls:
              mode: Disabled
        """.formatted(name, mode, pair.source().host(), pair.source().port(),
        pair.target().host(), pair.target().port()) + specExtra.indent(2);
    Path manifest = dir.resolve(name + ".yaml");
    Files.writeString(manifest, yaml);
    return manifest;
  }

  private void secret(String name, DatabaseServer server) throws IOException {
    Path secret = secretsDir().resolve(name);
    Files.createDirectories(secret);
    Files.writeString(secret.resolve("username"), server.adminUser() + "\n");
    Files.writeString(secret.resolve("password"), server.adminPassword());
  }
}
