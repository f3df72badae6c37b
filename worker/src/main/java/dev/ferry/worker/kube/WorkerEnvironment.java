package dev.ferry.worker.kube;

import dev.ferry.worker.db.SecretReader;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.engine.PhaseExecutor;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What {@code ferry worker} takes from its surroundings: the API server, the Secrets, the engine,
 * where the termination message goes, and how a stop request (SIGTERM) reaches it. In a pod all
 * of it is real ({@link #inPod}); tests run workers in-process with their own.
 */
public interface WorkerEnvironment {

  /** Kubernetes' default termination message path of a container. */
  Path TERMINATION_LOG = Path.of("/dev/termination-log");

  /** The API server client. */
  KubernetesClient client();

  /** Where the Secret values come from. */
  SecretReader secrets();

  /** The engine that runs one phase, for shard {@code shard} of {@code shards}. */
  PhaseExecutor executor(int shard, int shards);

  /** The clock of the status sink. */
  Clock clock();

  /** Registers {@code stop}, to be run when the worker is asked to stop (SIGTERM). */
  void onStopRequest(Runnable stop);

  /** The environment of a worker pod: in-cluster client, env Secrets, the real engine. */
  static WorkerEnvironment inPod(Map<String, String> environment) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    SecretReader secrets = new EnvSecretReader(environment);
    return new WorkerEnvironment() {
      @Override
      public KubernetesClient client() {
        return client;
      }

      @Override
      public SecretReader secrets() {
        return secrets;
      }

      @Override
      public PhaseExecutor executor(int shard, int shards) {
        return new EnginePhases(shard, shards);
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public void onStopRequest(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "sigterm"));
      }
    };
  }
}
