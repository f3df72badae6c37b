package dev.ferry.operator;

import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.operator.pod.WorkerPods;
import dev.ferry.worker.cli.CleanupWorkerCommand;
import dev.ferry.worker.cli.WorkerCommand;
import dev.ferry.worker.db.SecretReader;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.engine.PhaseExecutor;
import dev.ferry.worker.task.TaskContext;
import dev.ferry.worker.kube.EnvSecretReader;
import dev.ferry.worker.kube.WorkerEnvironment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;

/**
 * A test kubelet: runs {@code ferry worker} (or {@code ferry cleanup-worker}) in-process (a
 * thread) for every Ferry pod created on the mock API server, with the pod's args and env
 * (secretKeyRefs resolved from the mock's Secrets), then sets the pod's phase and the
 * container's terminated state with the termination message, as a kubelet would. Deleting a
 * pod sends its worker the stop request (SIGTERM). Tests can put {@link Fault}s into the next
 * runs of a phase; every other run is the real engine.
 */
final class TestKubelet implements AutoCloseable {

  /** What a phase does instead of (or around) the real engine. */
  @FunctionalInterface
  interface Fault {
    void run(PhaseExecutor engine, Phase phase, TaskContext context) throws Exception;
  }

  /** A fault for the next {@code runs} runs of {@code phase}. */
  private static final class Injection {
    private final Phase phase;
    private final Fault fault;
    private int runs;

    Injection(Phase phase, int runs, Fault fault) {
      this.phase = phase;
      this.runs = runs;
      this.fault = fault;
    }

    synchronized boolean take(Phase ran) {
      if (ran != phase || runs == 0) {
        return false;
      }
      runs--;
      return true;
    }
  }

  private final KubernetesClient client;
  private final Clock clock;
  private final SharedIndexInformer<Pod> informer;
  private final Map<String, Runnable> stops = new ConcurrentHashMap<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final List<Injection> injections = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private volatile Integer metricsPort;

  TestKubelet(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.informer = client.pods().inAnyNamespace()
        .withLabel(WorkerPods.MANAGED_BY, WorkerPods.OPERATOR)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
              launch(pod);
            }
          }

          @Override
          public void onUpdate(Pod before, Pod after) {
          }

          @Override
          public void onDelete(Pod pod, boolean finalStateUnknown) {
            Runnable stop = stops.remove(key(pod));
            if (stop != null) {
              Thread stopper = new Thread(stop, "sigterm-" + pod.getMetadata().getName());
              stopper.start();
            }
          }
        });
  }

  /** Runs {@code fault} instead of the engine in the next {@code runs} runs of {@code phase}. */
  void inject(Phase phase, int runs, Fault fault) {
    injections.add(new Injection(phase, runs, fault));
  }

  /**
   * Worker pods started from now on serve their metrics on {@code port} of this machine
   * ({@code --metrics-port}; one pod at a time can), not on a worker pod's 9400.
   */
  void serveMetricsOn(int port) {
    metricsPort = port;
  }

  /** Forgets every fault and the metrics port (between tests). */
  void reset() {
    injections.clear();
    metricsPort = null;
  }

  private void launch(Pod pod) {
    if (!started.add(key(pod))) {
      return;
    }
    Thread thread = new Thread(() -> runWorker(pod), "kubelet-" + pod.getMetadata().getName());
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void runWorker(Pod pod) {
    Container container = pod.getSpec().getContainers().get(0);
    Map<String, String> env = environment(pod, container);
    try {
      Path log = Files.createTempFile("termination-", ".log");
      setStatus(pod, "Running", null, null);
      List<String> args = new ArrayList<>(container.getArgs());
      String command = args.remove(0);
      args.addAll(List.of("--termination-log", log.toString()));
      Integer port = metricsPort;
      if ("worker".equals(command) && port != null) {
        args.addAll(List.of("--metrics-port", port.toString()));
      }
      WorkerEnvironment environment = environment(pod, new EnvSecretReader(env));
      Object ferry = switch (command) {
        case "worker" -> new WorkerCommand(() -> environment);
        case "cleanup-worker" -> new CleanupWorkerCommand(() -> environment);
        default -> throw new IllegalStateException("a Ferry pod runs 'ferry worker' or 'ferry"
            + " cleanup-worker', not " + command);
      };
      int exit = new CommandLine(ferry)
          .setCaseInsensitiveEnumValuesAllowed(true)
          .execute(args.toArray(String[]::new));
      Thread.interrupted();
      String message = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      setStatus(pod, exit == 0 ? "Succeeded" : "Failed", exit, message);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      stops.remove(key(pod));
    }
  }

  private WorkerEnvironment environment(Pod pod, SecretReader secrets) {
    String key = key(pod);
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
        PhaseExecutor engine = new EnginePhases(shard, shards);
        return (phase, context) -> {
          Injection injection = injections.stream().filter(i -> i.take(phase)).findFirst()
              .orElse(null);
          if (injection == null) {
            engine.run(phase, context);
          } else {
            injection.fault.run(engine, phase, context);
          }
        };
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public void onStopRequest(Runnable stop) {
        stops.put(key, stop);
      }
    };
  }

  /** The pod's env, with every secretKeyRef resolved from the mock's Secrets. */
  private Map<String, String> environment(Pod pod, Container container) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValue() != null) {
        env.put(variable.getName(), variable.getValue());
        continue;
      }
      SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
      Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace())
          .withName(ref.getName()).get();
      if (secret != null && secret.getData() != null && secret.getData().containsKey(
          ref.getKey())) {
        env.put(variable.getName(), new String(Base64.getDecoder().decode(
            secret.getData().get(ref.getKey())), StandardCharsets.UTF_8));
      } else if (secret != null && secret.getStringData() != null) {
        env.put(variable.getName(), secret.getStringData().get(ref.getKey()));
      }
    }
    return env;
  }

  private void setStatus(Pod pod, String phase, Integer exitCode, String message) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .editStatus(current -> {
            PodStatus status = current.getStatus() == null ? new PodStatus()
                : current.getStatus();
            status.setPhase(phase);
            if (exitCode != null) {
              status.setContainerStatuses(List.of(new ContainerStatusBuilder()
                  .withName(current.getSpec().getContainers().get(0).getName())
                  .withNewState().withNewTerminated()
                    .withExitCode(exitCode)
                    .withReason(exitCode == 0 ? "Completed" : "Error")
                    .withMessage(message == null || message.isEmpty() ? null : message)
                  .endTerminated().endState()
                  .build()));
            }
            current.setStatus(status);
            return current;
          });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  @Override
  public void close() throws InterruptedException {
    informer.close();
    for (Runnable stop : stops.values()) {
      stop.run();
    }
    for (Thread thread : threads) {
      thread.join(30_000);
    }
  }
}
