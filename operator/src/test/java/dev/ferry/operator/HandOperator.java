package dev.ferry.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator running against a fresh mock cluster whose worker pods the test drives by hand
 * ({@link HandPods}), for test classes that start it once; each test takes a namespace of its
 * own.
 */
final class HandOperator implements AutoCloseable {

  private final MockCluster cluster = new MockCluster();
  private final KubernetesClient operatorClient = cluster.newClient();
  private final FerryOperator operator;
  private final HandPods pods = new HandPods(cluster);
  private final AtomicInteger namespaces = new AtomicInteger();

  private HandOperator(OperatorConfig config) {
    operator = FerryOperator.create(config, operatorClient, new SimpleMeterRegistry(),
        Clock.systemUTC());
    operator.start();
  }

  /** The operator with the default test configuration. */
  static HandOperator start() {
    return start(new OperatorConfig("ferry/worker:test", Set.of(), 0, "ferry-worker", false,
        null));
  }

  /** The operator with {@code config}. */
  static HandOperator start(OperatorConfig config) {
    return new HandOperator(config);
  }

  MockCluster cluster() {
    return cluster;
  }

  HandPods pods() {
    return pods;
  }

  /** A new namespace, named {@code prefix-N}. */
  String namespace(String prefix) {
    String ns = prefix + "-" + namespaces.incrementAndGet();
    cluster.createNamespace(ns);
    return ns;
  }

  @Override
  public void close() {
    operator.close();
    operatorClient.close();
    cluster.close();
  }
}
