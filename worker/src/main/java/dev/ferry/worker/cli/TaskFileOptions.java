package dev.ferry.worker.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every task command shares: the manifest, its Secrets and its state file. */
public final class TaskFileOptions {

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "MigrationTask manifest (YAML; other documents such as Secrets are skipped).")
  Path manifest;

  @Option(names = "--secrets-dir", paramLabel = "DIR", defaultValue = "secrets",
      description = "Directory with Secrets laid out as DIR/<secret-name>/<key>, like a mounted"
          + " Secret. Default: ${DEFAULT-VALUE}.")
  Path secretsDir;

  @Option(names = "--state", paramLabel = "FILE",
      description = "State file (status, checkpoints). Default: <task-name>.status.yaml beside"
          + " the manifest.")
  Path stateFile;
}
