package dev.ferry.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.rules.SpecProblem;
import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.TlsMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestReaderTest {

  private static final String VALID = """
      apiVersion: v1
      kind: Secret
      metadata:
        name: aurora-credentials
      stringData:
        username: ferry
        password: not-printed
      ---
      apiVersion: ferry.dev/v1alpha1
      kind: MigrationTask
      metadata:
        name: orders-to-polardb
      spec:
        mode: All
        sources:
          - name: aurora
            host: aurora.example.com
            credentialsSecret: aurora-credentials
            tls:
              mode: Disabled
        target:
          host: polardb.example.com
          credentialsSecret: polardb-credentials
        fullLoad:
          threads: 8
          throttle:
            bytesPerSecond: 50Mi
      """;

  @Test
  void readsTheTaskOutOfAMultiDocumentFileAndAppliesDefaults() {
    ManifestResult result = ManifestReader.read(VALID);

    assertThat(result.problems()).isEmpty();
    assertThat(result.isValid()).isTrue();
    assertThat(result.task().getMetadata().getName()).isEqualTo("orders-to-polardb");
    assertThat(result.task().getSpec().getMode()).isEqualTo(Mode.All);
    assertThat(result.task().getSpec().getSources().get(0).getTls().getMode())
        .isEqualTo(TlsMode.Disabled);
    assertThat(result.task().getSpec().getSources().get(0).getPort()).isEqualTo(3306);
    assertThat(result.task().getSpec().getTarget().getTls().getMode()).isEqualTo(TlsMode.Required);
    assertThat(result.task().getSpec().getFullLoad().getThreads()).isEqualTo(8);
    assertThat(result.task().getSpec().getFullLoad().getChunkRows()).isEqualTo(50000);
    assertThat(result.task().getSpec().getRetry().getConnectionWindow()).isEqualTo("720m");
  }

  @Test
  void reportsUnknownFieldsBadEnumsWrongTypesAndSpecProblemsTogether() {
    String yaml = VALID
        .replace("mode: All", "mode: Everything")
        .replace("threads: 8", "threds: 8")
        .replace("host: polardb.example.com", "host: polardb.example.com\n    port: [1]")
        .replace("name: orders-to-polardb", "name: Orders");

    ManifestResult result = ManifestReader.read(yaml);

    assertThat(result.isValid()).isFalse();
    assertThat(result.problems()).extracting(SpecProblem::path).contains(
        "spec.mode", "spec.fullLoad.threds", "spec.target.port", "metadata.name");
    assertThat(result.problems()).filteredOn(p -> p.path().equals("spec.mode")).singleElement()
        .satisfies(p -> assertThat(p.fix()).contains("Full", "Incremental", "All"));
  }

  @Test
  void reportsYamlSyntaxErrors() {
    ManifestResult result = ManifestReader.read("kind: MigrationTask\n  bad: [indent");

    assertThat(result.task()).isNull();
    assertThat(result.problems()).singleElement().satisfies(
        p -> assertThat(p.problem()).contains("not valid YAML"));
  }

  @Test
  void requiresExactlyOneTaskAndTheServedApiVersion() {
    assertThat(ManifestReader.read("kind: Secret\n").problems()).singleElement()
        .satisfies(p -> assertThat(p.problem()).contains("0 MigrationTask"));
    assertThat(ManifestReader.read(VALID.replace("ferry.dev/v1alpha1", "ferry.dev/v1"))
        .problems()).extracting(SpecProblem::path).containsExactly("apiVersion");
  }

  @Test
  void problemsNeverEchoSecretValues() {
    ManifestResult result = ManifestReader.read(VALID.replace("mode: All", "mode: x"));

    assertThat(result.problems()).allSatisfy(p -> assertThat(p.toString())
        .doesNotContain("not-printed"));
  }

  @ParameterizedTest(name = "gtid: {0}")
  @CsvSource({"On, Required", "Off, Disabled", "'\"On\"', Required", "'\"Off\"', Disabled",
      "true, Required", "false, Disabled"})
  void readsTheDeprecatedGtidSpellingsAndTheirBooleansWithAWarning(String written,
      GtidUsage expected) {
    ManifestResult result = ManifestReader.read(VALID.replace("credentialsSecret:"
        + " aurora-credentials", "credentialsSecret: aurora-credentials\n      gtid: " + written));

    assertThat(result.problems()).isEmpty();
    assertThat(result.task().getSpec().getSources().get(0).getGtid()).isEqualTo(expected);
    assertThat(result.warnings()).singleElement().satisfies(w -> {
      assertThat(w.path()).isEqualTo("spec.sources[0].gtid");
      assertThat(w.fix()).isEqualTo("write gtid: " + expected);
    });
  }

  @Test
  void readsTheCurrentGtidNamesWithoutWarningAndRefusesOthers() {
    ManifestResult current = ManifestReader.read(VALID.replace("credentialsSecret:"
        + " aurora-credentials", "credentialsSecret: aurora-credentials\n      gtid: Required"));
    assertThat(current.problems()).isEmpty();
    assertThat(current.warnings()).isEmpty();
    assertThat(current.task().getSpec().getSources().get(0).getGtid())
        .isEqualTo(GtidUsage.Required);

    ManifestResult unknown = ManifestReader.read(VALID.replace("credentialsSecret:"
        + " aurora-credentials", "credentialsSecret: aurora-credentials\n      gtid: Maybe"));
    assertThat(unknown.problems()).extracting(SpecProblem::path)
        .containsExactly("spec.sources[0].gtid");
  }
}
