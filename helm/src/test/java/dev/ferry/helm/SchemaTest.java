package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** values.schema.json refuses bad values before anything renders, naming the value. */
class SchemaTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      replicas: 2 | additional properties 'replicas' not allowed
      replicaCount: 0 | at '/replicaCount'
      replicaCount: two | at '/replicaCount'
      watchNamespaces: [Shop_Prod] | at '/watchNamespaces/0'
      watchNamespaces: [shop, shop] | at '/watchNamespaces'
      watchNamespaces: shop | at '/watchNamespaces'
      image: {pullPolicy: Sometimes} | at '/image/pullPolicy'
      image: {tag: 'latest please'} | at '/image/tag'
      worker: {image: {registry: docker.io}} | additional properties 'registry' not allowed
      metrics: {port: 80} | at '/metrics/port'
      leaderElection: {enabled: 'yes'} | at '/leaderElection/enabled'
      networkPolicy: {apiServer: {cidrs: [everywhere]}} | at '/networkPolicy/apiServer/cidrs/0'
      serviceMonitor: {interval: soon} | at '/serviceMonitor/interval'
      """)
  void refusesABadValue(String values, String problem) {
    assertThatThrownBy(() -> Chart.render(values + "\n"))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "watchNamespaces: [shop, billing-eu]\n",
      "image: {repository: registry.example.com:5000/ferry/ferry-operator, tag: 0.1.0-rc.1}\n",
      "leaderElection: {enabled: true, leaseNamespace: ferry-leases}\n",
      "resources: {requests: {cpu: 1, memory: 1Gi}, limits: {memory: 2Gi}}\n"})
  void acceptsGoodValues(String values) {
    assertThatNoException().isThrownBy(() -> Chart.render(values));
  }
}
