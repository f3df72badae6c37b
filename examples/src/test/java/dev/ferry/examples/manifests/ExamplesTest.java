package dev.ferry.examples.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ferry.api.objects.ObjectFilter;
import dev.ferry.api.plan.PhasePlan;
import dev.ferry.api.secrets.SecretEnvNames.SecretKey;
import dev.ferry.api.secrets.SecretEnvNames;
import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.ConflictPolicy;
import dev.ferry.api.v1alpha1.DmlOperation;
import dev.ferry.api.v1alpha1.FenceMode;
import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.OnlineDdlPolicy;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.api.v1alpha1.ValidationStage;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest in {@code examples/manifests} is a MigrationTask that {@code ferry run} and the
 * operator accept, ships the Secrets its workers read, and keeps the settings of the scenario it
 * documents.
 */
class ExamplesTest {

  static List<Path> examples() {
    return ExampleManifest.files();
  }

  @Test
  void everyScenarioHasAnExample() {
    assertThat(examples()).hasSizeGreaterThanOrEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void isAValidMigrationTask(Path file) {
    ExampleManifest example = ExampleManifest.read(file);

    assertThat(example.task().problems()).as(file.toString()).isEmpty();
    assertThat(example.task().isValid()).isTrue();
    assertThat(example.kinds()).as("documents of " + file)
        .containsOnly("MigrationTask", "Secret");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void shipsASecretWithEveryKeyItsWorkersRead(Path file) {
    ExampleManifest example = ExampleManifest.read(file);
    MigrationTask task = example.validTask();
    List<SecretKey> keys = SecretEnvNames.keysOf(task.getSpec());

    assertThat(keys).isNotEmpty();
    assertThat(SecretEnvNames.collisions(keys)).isEmpty();
    for (SecretKey key : keys) {
      Secret secret = example.secret(key.secret()).orElseThrow(() -> new AssertionError(
          file + ": " + key.field() + " names Secret " + key.secret()
              + ", which is not in the file"));
      assertThat(ExampleManifest.hasKey(secret, key.key()))
          .as(file + ": Secret " + key.secret() + " has key " + key.key()).isTrue();
      assertThat(secret.getMetadata().getNamespace()).as("namespace of Secret " + key.secret())
          .isEqualTo(task.getMetadata().getNamespace());
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void shipsOnlyUsedSecretsWithPlaceholderPasswords(Path file) {
    ExampleManifest example = ExampleManifest.read(file);
    Set<String> used = SecretEnvNames.keysOf(example.validTask().getSpec()).stream()
        .map(SecretKey::secret).collect(Collectors.toSet());

    for (Secret secret : example.secrets()) {
      String name = secret.getMetadata().getName();
      assertThat(used).as(file + ": Secret " + name + " is used by the task").contains(name);
      assertThat(secret.getAdditionalProperties()).as("unknown fields of Secret " + name)
          .isEmpty();
      assertThat(secret.getData()).as("Secret " + name + " keeps its values readable in"
          + " stringData").isNullOrEmpty();
      Map<String, String> values = secret.getStringData();
      assertThat(values).as("stringData of Secret " + name).isNotEmpty();
      if (values.containsKey("password")) {
        assertThat(values.get("password")).as("password in Secret " + name)
            .isEqualTo("change-me");
      }
    }
  }

  @Test
  void auroraToPolarDbMigratesSchemaDataAndChangesWithRetryWindowsAndThrottling() {
    MigrationTaskSpec spec = spec("aurora-to-polardb.yaml");

    assertThat(spec.getMode()).isEqualTo(Mode.All);
    assertThat(PhasePlan.phasesFor(spec)).containsExactly(Phase.Precheck, Phase.Schema,
        Phase.FullLoad, Phase.Incremental, Phase.Validation);
    SourceSpec aurora = onlySource(spec);
    assertThat(aurora.getTls().getMode()).isEqualTo(TlsMode.VerifyIdentity);
    assertThat(aurora.getTls().getCaSecret().getKey()).isEqualTo("global-bundle.pem");
    assertThat(spec.getSchema().getConflictPolicy()).isEqualTo(ConflictPolicy.Fail);
    assertThat(spec.getSchema().isViews() && spec.getSchema().isTriggers()
        && spec.getSchema().isRoutines()).isTrue();
    assertThat(spec.getRetry().getConnectionWindow()).isEqualTo("360m");
    assertThat(spec.getRetry().getOtherWindow()).isEqualTo("30m");
    assertThat(spec.getFullLoad().getThrottle().getRowsPerSecond()).isEqualTo(50_000L);
    assertThat(spec.getFullLoad().getThrottle().getBytesPerSecond())
        .isEqualTo(new Quantity("40Mi"));
    assertThat(spec.getIncremental().getThrottle().getRowsPerSecond()).isEqualTo(20_000L);
    assertThat(spec.getIncremental().getThrottle().getBytesPerSecond())
        .isEqualTo(new Quantity("20Mi"));
    assertThat(spec.getIncremental().getOnlineDdl().getPolicy())
        .isEqualTo(OnlineDdlPolicy.SkipGhost);
    assertThat(spec.getIncremental().getHeartbeat().isEnabled()).isTrue();
    assertThat(spec.getCutover().isRequested()).isFalse();
    assertThat(spec.getCutover().getFence()).as("fenced with triggers: Aurora refuses read_only")
        .isEqualTo(FenceMode.ReadOnly);
    ObjectFilter filter = ObjectFilter.of(spec);
    assertThat(filter.includes("shop", "orders")).isTrue();
    assertThat(filter.includes("analytics", "events")).isFalse();
  }

  @Test
  void selfManagedMysqlToPolarDbFiltersRenamesAndIgnoresConflictingTables() {
    MigrationTaskSpec spec = spec("selfmanaged-mysql-to-polardb.yaml");

    assertThat(spec.getMode()).isEqualTo(Mode.All);
    assertThat(onlySource(spec).getServerId()).isNotNull();
    assertThat(spec.getSchema().getConflictPolicy()).isEqualTo(ConflictPolicy.Ignore);
    ObjectFilter filter = ObjectFilter.of(spec);
    assertThat(filter.includes("shop", "orders")).isTrue();
    assertThat(filter.includes("shop", "tmp_import")).isFalse();
    assertThat(filter.includes("shop", "orders_bak")).isFalse();
    assertThat(filter.includes("crm", "customer")).isTrue();
    assertThat(filter.includes("crm", "leads")).isFalse();
    TableRule rename = filter.ruleFor("crm", "customer").orElseThrow();
    assertThat(rename.getTargetSchema()).isEqualTo("shop");
    assertThat(rename.getTargetTable()).isEqualTo("customers");
    assertThat(rename.getColumns()).extracting(ColumnRename::getFrom, ColumnRename::getTo)
        .containsExactly(tuple("tel", "phone"));
    assertThat(filter.ruleFor("shop", "orders").orElseThrow().getWhere())
        .isEqualTo("created_at >= '2021-01-01' AND status <> 'cancelled'");
    assertThat(filter.ruleFor("shop", "audit_log").orElseThrow().getOperations())
        .containsExactly(DmlOperation.Insert);
    assertThat(filter.ruleFor("shop", "products")).isEmpty();
    assertThat(spec.getIncremental().getHeartbeat().isEnabled()).isTrue();
    assertThat(spec.getCutover().getFence()).isEqualTo(FenceMode.ReadOnly);
  }

  @Test
  void twoAuroraClustersMergeMigrateMeIntoOneTidb() {
    MigrationTaskSpec spec = spec("aurora-shards-to-tidb.yaml");

    assertThat(spec.getMode()).isEqualTo(Mode.All);
    assertThat(spec.getSources()).extracting(SourceSpec::getName)
        .containsExactly("aurora-replica-01", "aurora-replica-02");
    assertThat(spec.getSources()).extracting(SourceSpec::getServerId)
        .doesNotContainNull().doesNotHaveDuplicates();
    assertThat(spec.getSources()).extracting(SourceSpec::getGtid)
        .containsOnly(GtidUsage.Disabled);
    assertThat(spec.getTarget().getPort()).isEqualTo(4000);
    ObjectFilter filter = ObjectFilter.of(spec);
    assertThat(filter.includes("migrate_me", "t1")).isTrue();
    assertThat(filter.includes("migrate_me", "t2")).isTrue();
    assertThat(filter.includes("ignore_me", "ignore_table")).isFalse();
    assertThat(spec.getObjects().getRules()).as("t1 and t2 keep their names").isEmpty();
  }

  @Test
  void auroraToTidbCopiesExistingDataOnlyWithEightThreads() {
    MigrationTaskSpec spec = spec("aurora-to-tidb-full.yaml");

    assertThat(spec.getMode()).isEqualTo(Mode.Full);
    assertThat(PhasePlan.phasesFor(spec)).containsExactly(Phase.Precheck, Phase.Schema,
        Phase.FullLoad, Phase.Validation);
    assertThat(spec.getFullLoad().getThreads()).isEqualTo(8);
    assertThat(spec.getValidation().getWhen()).containsExactly(ValidationStage.AfterFullLoad);
    assertThat(onlySource(spec).getName()).isEqualTo("aurora");
    assertThat(spec.getTarget().getPort()).isEqualTo(4000);
    ObjectFilter filter = ObjectFilter.of(spec);
    assertThat(filter.includes("shop", "orders")).isTrue();
    assertThat(filter.includes("mysql", "user")).isFalse();
  }

  private static MigrationTaskSpec spec(String name) {
    return ExampleManifest.named(name).validTask().getSpec();
  }

  private static SourceSpec onlySource(MigrationTaskSpec spec) {
    assertThat(spec.getSources()).hasSize(1);
    return spec.getSources().get(0);
  }
}
