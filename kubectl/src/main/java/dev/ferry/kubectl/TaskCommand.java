package dev.ferry.kubectl;

import dev.ferry.api.v1alpha1.MigrationTask;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand about one MigrationTask: its name, {@code -n}, the task read from the API server,
 * and spec edits (JSON merge patches of the spec, printed as they are made).
 */
abstract class TaskCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TASK", description = "Name of the MigrationTask.")
  String name;

  @Option(names = {"-n", "--namespace"},
      description = "Namespace of the task (default: the kubeconfig context's).")
  String namespace;

  @ParentCommand
  PluginCommand root;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    MigrationTask task = resource().get();
    if (task == null) {
      err().println("kubectl ferry: migrationtask " + namespace() + "/" + name + " not found");
      return PluginExitCodes.ERROR;
    }
    return run(task);
  }

  /** Runs the subcommand on {@code task} (as read just now); returns the exit code. */
  abstract int run(MigrationTask task) throws Exception;

  /** The task as the API server has it now (null once deleted). */
  MigrationTask read() {
    return resource().get();
  }

  /**
   * Sets {@code path} (dotted, under the spec) to {@code jsonValue} with a JSON merge patch of
   * the resource (never its status), and prints what it set.
   */
  void setSpec(String path, String jsonValue) {
    String[] keys = ("spec." + path).split("\\.");
    StringBuilder patch = new StringBuilder();
    for (String key : keys) {
      patch.append("{\"").append(key).append("\":");
    }
    patch.append(jsonValue).append("}".repeat(keys.length));
    resource().patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    out().println("set spec." + path + ": " + jsonValue + " on migrationtask " + namespace()
        + "/" + name);
  }

  String namespace() {
    if (namespace == null) {
      String current = client().getNamespace();
      namespace = current == null ? "default" : current;
    }
    return namespace;
  }

  KubernetesClient client() {
    return root.client();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private Resource<MigrationTask> resource() {
    return client().resources(MigrationTask.class).inNamespace(namespace()).withName(name);
  }
}
