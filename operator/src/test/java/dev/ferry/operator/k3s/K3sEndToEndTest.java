package dev.ferry.operator.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.ferry.api.v1alpha1.EndpointSpec;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.operator.FerryOperator;
import dev.ferry.operator.OperatorConfig;
import dev.ferry.operator.pod.WorkerPods;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Ferry on a real Kubernetes API server (K3s) with two MySQL 8 servers, where Docker runs: the
 * chart's CRD, service accounts and RBAC installed as they are, the operator in this JVM acting as
 * the chart's operator account, worker pods running the image built from worker/Dockerfile. It
 * checks what the CRUD mock cannot: schema validation by the API server, server-side apply,
 * RBAC of both accounts, and garbage collection of worker pods through their owner references.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sEndToEndTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CHART = ROOT.resolve("helm").resolve("ferry-operator");
  private static final String K3S_IMAGE = "rancher/k3s:v1.31.2-k3s1";
  private static final String KUBE_VERSION = "v1.31.2";
  private static final String MYSQL_IMAGE = "mysql:8.0.36";
  private static final String RELEASE_NS = "ferry-system";
  private static final String NS = "shop-migration";
  private static final String ROOT_PASSWORD = "ferry-e2e-root";
  private static final int ORDERS = 5_000;
  private static final Duration PATIENCE = Duration.ofMinutes(10);

  private static final Network NETWORK = Network.newNetwork();

  @Container
  private static final MySQLContainer SOURCE = mysql(1);

  @Container
  private static final MySQLContainer TARGET = mysql(2);

  @Container
  private static final K3sContainer K3S = new K3sContainer(DockerImageName.parse(K3S_IMAGE))
      .withNetwork(NETWORK);

  private static KubernetesClient admin;
  private static KubernetesClient operatorClient;
  private static FerryOperator operator;

  private static MySQLContainer mysql(int serverId) {
    return new MySQLContainer(DockerImageName.parse(MYSQL_IMAGE))
        .withUsername("root")
        .withPassword(ROOT_PASSWORD)
        .withNetwork(NETWORK)
        .withCommand("--server-id=" + serverId, "--log-bin=binlog", "--binlog-format=ROW",
            "--binlog-row-image=FULL", "--binlog-row-metadata=FULL", "--gtid-mode=ON",
            "--enforce-gtid-consistency=ON");
  }

  @BeforeAll
  static void installFerry() throws Exception {
    admin = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
    installCrd();
    for (String namespace : List.of(RELEASE_NS, NS)) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
          .endMetadata().build()).create();
    }
    ChartAccess.install(admin, CHART, RELEASE_NS, NS, KUBE_VERSION);
    WorkerImage.build(ROOT);
    WorkerImage.importInto(K3S);
    createShop();
    for (String secret : List.of("source-credentials", "target-credentials")) {
      admin.secrets().inNamespace(NS).resource(new SecretBuilder()
          .withNewMetadata().withName(secret).endMetadata()
          .addToStringData("username", "root")
          .addToStringData("password", ROOT_PASSWORD)
          .build()).create();
    }
    startOperator();
  }

  @AfterAll
  static void stopFerry() {
    if (operator != null) {
      operator.close();
    }
    if (operatorClient != null) {
      operatorClient.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void apiServerRejectsManifestsTheCrdSchemaForbids() {
    GenericKubernetesResource bogusMode = manifest("bogus", Map.of("mode", "Bogus",
        "sources", List.of(Map.of("name", "src", "host", "db", "credentialsSecret", "s")),
        "target", Map.of("host", "db", "credentialsSecret", "s")));
    assertThatThrownBy(() -> create(bogusMode))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains("spec.mode", "Unsupported value", "Bogus");
        });

    GenericKubernetesResource noTarget = manifest("no-target", Map.of("mode", "Full",
        "sources", List.of(Map.of("name", "src", "host", "db", "credentialsSecret", "s"))));
    assertThatThrownBy(() -> create(noTarget))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains("spec.target", "Required value");
        });
    assertThat(admin.resources(MigrationTask.class).inNamespace(NS).list().getItems())
        .extracting(task -> task.getMetadata().getName())
        .doesNotContain("bogus", "no-target");
  }

  @Test
  void appliedFullMigrationCompletesAndItsPodsGoWithIt() throws Exception {
    MigrationTask applied = admin.resource(task("shop")).fieldManager("ferry-e2e")
        .forceConflicts().serverSideApply();
    assertThat(applied.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(tuple("ferry-e2e", "Apply"));

    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
        .failFast("the task failed", () -> phase("shop") == Phase.Failed)
        .until(() -> phase("shop") == Phase.Completed);
    for (String table : List.of("customers", "orders")) {
      assertThat(fingerprint(TARGET, table)).as(table).isEqualTo(fingerprint(SOURCE, table));
    }

    MigrationTask otherMode = task("shop");
    otherMode.getSpec().setMode(Mode.Incremental);
    assertThatThrownBy(() -> admin.resource(otherMode).fieldManager("someone-else")
        .serverSideApply())
        .as("another manager's apply of a field ferry-e2e owns is a conflict")
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(409));

    String uid = stored("shop").getMetadata().getUid();
    List<Pod> pods = workerPods("shop");
    assertThat(pods).isNotEmpty().allSatisfy(pod -> {
      assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(ChartAccess.WORKER_ACCOUNT);
      assertThat(pod.getMetadata().getOwnerReferences())
          .anySatisfy(owner -> assertThat(owner.getUid()).isEqualTo(uid));
    });
    assertThat(pods).extracting(pod -> pod.getStatus().getPhase()).contains("Succeeded");

    admin.resources(MigrationTask.class).inNamespace(NS).withName("shop").delete();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> stored("shop") == null && workerPods("shop").isEmpty());
  }

  private static void installCrd() throws Exception {
    try (InputStream yaml = Files.newInputStream(
        CHART.resolve("files").resolve("crds").resolve("migrationtasks.ferry.dev-v1.yml"))) {
      CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
      admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
              .anyMatch(condition -> "Established".equals(condition.getType())
                  && "True".equals(condition.getStatus())), 1, TimeUnit.MINUTES);
    }
  }

  /** The operator in this JVM, acting as the chart's operator service account. */
  private static void startOperator() {
    Config config = Config.fromKubeconfig(K3S.getKubeConfigYaml());
    config.setImpersonateUsername(ChartAccess.operatorUser(RELEASE_NS));
    config.setImpersonateGroups("system:serviceaccounts",
        "system:serviceaccounts:" + RELEASE_NS, "system:authenticated");
    operatorClient = new KubernetesClientBuilder().withConfig(config).build();
    operator = FerryOperator.create(new OperatorConfig(WorkerImage.NAME, Set.of(NS), 0,
        ChartAccess.WORKER_ACCOUNT, false, null), operatorClient, new SimpleMeterRegistry(),
        Clock.systemUTC());
    operator.start();
  }

  /** Schema {@code shop} on the source: 300 customers, {@link #ORDERS} orders. */
  private static void createShop() throws SQLException {
    try (Connection connection = connect(SOURCE);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE shop");
      statement.execute("CREATE TABLE shop.customers (id INT PRIMARY KEY,"
          + " name VARCHAR(50) NOT NULL, balance DECIMAL(12,2))");
      statement.execute("CREATE TABLE shop.orders (id BIGINT PRIMARY KEY,"
          + " customer_id INT NOT NULL, note VARCHAR(100), created DATETIME(6))");
      connection.setAutoCommit(false);
      try (PreparedStatement customer = connection.prepareStatement(
          "INSERT INTO shop.customers VALUES (?, ?, ?)")) {
        for (int id = 1; id <= 300; id++) {
          customer.setInt(1, id);
          customer.setString(2, "customer " + id);
          customer.setBigDecimal(3, BigDecimal.valueOf(id * 125L, 2));
          customer.addBatch();
        }
        customer.executeBatch();
      }
      try (PreparedStatement order = connection.prepareStatement(
          "INSERT INTO shop.orders VALUES (?, ?, ?, '2024-01-01 00:00:00' + INTERVAL ? SECOND)")) {
        for (int id = 1; id <= ORDERS; id++) {
          order.setLong(1, id);
          order.setInt(2, id % 300 + 1);
          order.setString(3, "x".repeat(id % 90));
          order.setInt(4, id);
          order.addBatch();
        }
        order.executeBatch();
      }
      connection.commit();
    }
  }

  private static MigrationTask task(String name) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(Mode.Full);
    SourceSpec source = new SourceSpec();
    source.setName("src");
    endpoint(source, SOURCE, "source-credentials");
    spec.getSources().add(source);
    TargetSpec target = new TargetSpec();
    endpoint(target, TARGET, "target-credentials");
    spec.setTarget(target);
    spec.getObjects().getInclude().add("shop.*");
    spec.getFullLoad().setChunkRows(1000);
    spec.getWorker().setImagePullPolicy("Never");
    spec.getWorker().setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("512Mi"))
        .addToLimits("memory", new Quantity("768Mi"))
        .build());
    MigrationTask task = new MigrationTask();
    task.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
    task.setSpec(spec);
    return task;
  }

  /** {@code server} as worker pods reach it: its address on the network K3s shares. */
  private static void endpoint(EndpointSpec endpoint, MySQLContainer server, String secret) {
    endpoint.setHost(addressOnNetwork(server));
    endpoint.setPort(3306);
    endpoint.setCredentialsSecret(secret);
    endpoint.setAllowPublicKeyRetrieval(true);
    endpoint.getTls().setMode(TlsMode.Disabled);
  }

  private static String addressOnNetwork(GenericContainer<?> container) {
    return container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
        .filter(network -> NETWORK.getId().equals(network.getNetworkID()))
        .findFirst().orElseThrow().getIpAddress();
  }

  private static GenericKubernetesResource manifest(String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(MigrationTask.GROUP + "/" + MigrationTask.VERSION)
        .withKind("MigrationTask")
        .withNewMetadata().withNamespace(NS).withName(name).endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  private static HasMetadata create(GenericKubernetesResource manifest) {
    return admin.resource(manifest).create();
  }

  private static MigrationTask stored(String name) {
    return admin.resources(MigrationTask.class).inNamespace(NS).withName(name).get();
  }

  private static Phase phase(String name) {
    MigrationTask task = stored(name);
    return task == null || task.getStatus() == null ? null : task.getStatus().getPhase();
  }

  private static List<Pod> workerPods(String task) {
    return admin.pods().inNamespace(NS).withLabel(WorkerPods.TASK, task).list().getItems();
  }

  private static Connection connect(MySQLContainer server) throws SQLException {
    return DriverManager.getConnection(server.getJdbcUrl(), server.getUsername(),
        server.getPassword());
  }

  private static List<Object> fingerprint(MySQLContainer server, String table)
      throws SQLException {
    String columns = table.equals("orders") ? "id, customer_id, note, created"
        : "id, name, balance";
    try (Connection connection = connect(server);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', "
            + columns + "))) FROM shop." + table)) {
      rows.next();
      return List.of(rows.getLong(1), rows.getString(2));
    }
  }
}
