package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.DdlOverride;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SecretKeyRef;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.api.v1alpha1.ValidationStage;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD's CEL rules and their Java twin, {@link SpecValidator}, judge the same examples the
 * same way: a spec the API server accepts passes the validator, and each broken rule is reported
 * by both at the same field.
 */
class CelRulesAgreeTest {

  private static final CrdCelRules CEL = CrdCelRules.ofSpec();

  static Stream<Arguments> examples() {
    return Stream.of(
        valid("minimal Full", Mode.Full, s -> { }),
        valid("minimal Incremental", Mode.Incremental, s -> { }),
        valid("minimal All", Mode.All, s -> { }),
        valid("two distinct sources", Mode.All, s -> s.getSources()
            .add(ValidSpecs.source("aurora-2", "aurora-2.example.com"))),
        valid("same host, other port", Mode.All, s -> {
          s.getSources().add(ValidSpecs.source("aurora-2", "AURORA.example.com"));
          s.getSources().get(1).setPort(3307);
        }),
        valid("file start in Incremental", Mode.Incremental,
            s -> src(s).setStartPosition(position("mysql-bin.000042", 4L, null))),
        valid("gtid start with gtid Auto", Mode.Incremental, s -> src(s).setStartPosition(
            position(null, null, "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"))),
        valid("deprecated gtid On written as a boolean", Mode.Incremental,
            s -> src(s).readGtid(true)),
        valid("reverse with one source", Mode.All, s -> s.getCutover().setReverse(true)),
        valid("Verify with a CA", Mode.All, s -> {
          s.getTarget().getTls().setMode(TlsMode.VerifyIdentity);
          s.getTarget().getTls().setCaSecret(caSecret());
        }),
        valid("windows at their limits", Mode.All, s -> {
          s.getRetry().setConnectionWindow("1440m");
          s.getRetry().setOtherWindow("23h59m");
        }),
        valid("tolerations", Mode.All, s -> s.getWorker().setTolerations(List.of(
            toleration("Exists", null, "NoSchedule"), toleration(null, "db", "")))),
        valid("memory beside cpu resources", Mode.All, s -> {
          s.getWorker().setMemory(new Quantity("2Gi"));
          s.getWorker().setResources(new ResourceRequirementsBuilder()
              .addToRequests("cpu", new Quantity("1")).build());
        }),
        valid("memory under resources alone", Mode.All, s -> s.getWorker().setResources(
            new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("2Gi")).build())),
        valid("validation disabled without stages", Mode.Full, s -> {
          s.getValidation().setEnabled(false);
          s.getValidation().setWhen(new ArrayList<>());
        }),

        valid("DDL overrides by position and by GTID", Mode.All, s -> {
          s.getIncremental().getDdlOverrides().add(override("binlog.000003:1234", null));
          s.getIncremental().getDdlOverrides().add(override(null, "0-1-42"));
        }),

        invalid("DDL override by position and GTID", Mode.All, s -> s.getIncremental()
            .getDdlOverrides().add(override("binlog.000003:1234", "0-1-42")),
            "spec.incremental.ddlOverrides[0]"),
        invalid("DDL override by neither", Mode.All, s -> s.getIncremental()
            .getDdlOverrides().add(override(null, null)),
            "spec.incremental.ddlOverrides[0].position"),
        invalid("duplicate source name", Mode.All, s -> s.getSources()
            .add(ValidSpecs.source("aurora", "aurora-2.example.com")), "spec.sources[1].name"),
        invalid("duplicate serverId", Mode.All, s -> {
          s.getSources().add(ValidSpecs.source("aurora-2", "aurora-2.example.com"));
          s.getSources().forEach(source -> source.setServerId(7L));
        }, "spec.sources[1].serverId"),
        invalid("same server twice", Mode.All, s -> s.getSources()
            .add(ValidSpecs.source("aurora-2", "Aurora.Example.com")), "spec.sources[1].host"),
        invalid("target is a source", Mode.All,
            s -> s.getTarget().setHost("AURORA.example.com"), "spec.target.host"),
        invalid("startPosition outside Incremental", Mode.All,
            s -> src(s).setStartPosition(position("mysql-bin.000042", 4L, null)),
            "spec.sources[0].startPosition"),
        invalid("empty startPosition", Mode.Incremental,
            s -> src(s).setStartPosition(new BinlogPosition()), "spec.sources[0].startPosition"),
        invalid("file and gtidSet", Mode.Incremental, s -> src(s).setStartPosition(
            position("mysql-bin.000042", 4L, "0-1-100")), "spec.sources[0].startPosition"),
        invalid("position without file", Mode.Incremental,
            s -> src(s).setStartPosition(position(null, 4L, null)),
            "spec.sources[0].startPosition.file"),
        invalid("file without position", Mode.Incremental,
            s -> src(s).setStartPosition(position("mysql-bin.000042", null, null)),
            "spec.sources[0].startPosition.position"),
        invalid("not a binlog file", Mode.Incremental,
            s -> src(s).setStartPosition(position("mysql-bin", 4L, null)),
            "spec.sources[0].startPosition.file"),
        invalid("position before the first event", Mode.Incremental,
            s -> src(s).setStartPosition(position("mysql-bin.000001", 3L, null)),
            "spec.sources[0].startPosition.position"),
        invalid("gtidSet with gtid Disabled", Mode.Incremental, s -> {
          src(s).setStartPosition(position(null, null, "0-1-100"));
          src(s).readGtid("Disabled");
        }, "spec.sources[0].startPosition.gtidSet"),
        invalid("gtidSet with deprecated gtid Off", Mode.Incremental, s -> {
          src(s).setStartPosition(position(null, null, "0-1-100"));
          src(s).readGtid("Off");
        }, "spec.sources[0].startPosition.gtidSet"),
        invalid("gtidSet with gtid false (an unquoted Off)", Mode.Incremental, s -> {
          src(s).setStartPosition(position(null, null, "0-1-100"));
          src(s).readGtid(false);
        }, "spec.sources[0].startPosition.gtidSet"),
        invalid("unknown gtid usage", Mode.All, s -> src(s).readGtid("Maybe"),
            "spec.sources[0].gtid"),
        invalid("cutover requested in Full", Mode.Full,
            s -> s.getCutover().setRequested(true), "spec.cutover.requested"),
        invalid("reverse in Full", Mode.Full,
            s -> s.getCutover().setReverse(true), "spec.cutover.reverse"),
        invalid("reverse with two sources", Mode.All, s -> {
          s.getSources().add(ValidSpecs.source("aurora-2", "aurora-2.example.com"));
          s.getCutover().setReverse(true);
        }, "spec.cutover.reverse"),
        invalid("reverse without the target's binlog", Mode.Incremental, s -> {
          s.getTarget().setWriteBinlog(false);
          s.getCutover().setReverse(true);
        }, "spec.cutover.reverse"),
        invalid("otherWindow not shorter", Mode.All, s -> {
          s.getRetry().setConnectionWindow("20m");
          s.getRetry().setOtherWindow("30m");
        }, "spec.retry.otherWindow"),
        invalid("connectionWindow too short", Mode.All,
            s -> s.getRetry().setConnectionWindow("5m"), "spec.retry.connectionWindow"),
        invalid("otherWindow too long", Mode.All, s -> {
          s.getRetry().setOtherWindow("1441m");
        }, "spec.retry.otherWindow"),
        invalid("heartbeat too fast", Mode.All,
            s -> s.getIncremental().getHeartbeat().setInterval("50ms"),
            "spec.incremental.heartbeat.interval"),
        invalid("safe mode too long", Mode.All,
            s -> s.getIncremental().setSafeModeWindow("25h"),
            "spec.incremental.safeModeWindow"),
        invalid("maxLag too long", Mode.All, s -> s.getCutover().setMaxLag("1h1s"),
            "spec.cutover.maxLag"),
        invalid("validation without stages", Mode.Full,
            s -> s.getValidation().setWhen(new ArrayList<>()), "spec.validation.when"),
        invalid("VerifyCA without a CA", Mode.All,
            s -> s.getTarget().getTls().setMode(TlsMode.VerifyCA), "spec.target.tls.caSecret"),
        invalid("VerifyIdentity without a CA on a source", Mode.All,
            s -> src(s).getTls().setMode(TlsMode.VerifyIdentity),
            "spec.sources[0].tls.caSecret"),
        invalid("memory and a memory request", Mode.All, s -> {
          s.getWorker().setMemory(new Quantity("2Gi"));
          s.getWorker().setResources(new ResourceRequirementsBuilder()
              .addToRequests("memory", new Quantity("2Gi")).build());
        }, "spec.worker.memory"),
        invalid("memory and a memory limit", Mode.All, s -> {
          s.getWorker().setMemory(new Quantity("2Gi"));
          s.getWorker().setResources(new ResourceRequirementsBuilder()
              .addToLimits("memory", new Quantity("2Gi")).build());
        }, "spec.worker.memory"),
        invalid("toleration operator", Mode.All, s -> s.getWorker().setTolerations(
            List.of(toleration("Like", "db", null))), "spec.worker.tolerations[0].operator"),
        invalid("Exists with a value", Mode.All, s -> s.getWorker().setTolerations(
            List.of(toleration("Exists", "db", null))), "spec.worker.tolerations[0].value"),
        invalid("toleration effect", Mode.All, s -> s.getWorker().setTolerations(
            List.of(toleration(null, "db", "Sometimes"))), "spec.worker.tolerations[0].effect"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void celRulesAndSpecValidatorAgree(String name, MigrationTaskSpec spec, List<String> expected) {
    List<String> java = SpecValidator.validate(spec).stream().map(SpecProblem::path).toList();
    List<String> cel = CEL.failures(spec).stream().map(CrdCelRules.Failure::path).toList();

    assertThat(java).as("SpecValidator").containsExactlyInAnyOrderElementsOf(expected);
    assertThat(cel).as("CEL rules refuse what SpecValidator refuses, at the same field")
        .allSatisfy(path -> assertThat(java).anySatisfy(j -> assertThat(covers(path, j))
            .as("%s covers %s", path, j).isTrue()));
    assertThat(java).as("every SpecValidator problem has a CEL rule that refuses it")
        .allSatisfy(j -> assertThat(cel).anySatisfy(path -> assertThat(covers(path, j))
            .as("%s covers %s", path, j).isTrue()));
  }

  @Test
  void everyRuleOfTheCrdIsExercisedByAFailingExample() {
    List<String> failed = examples().map(a -> (MigrationTaskSpec) a.get()[1])
        .flatMap(spec -> CEL.failures(spec).stream()).map(CrdCelRules.Failure::message)
        .distinct().toList();
    assertThat(CEL.rules()).extracting(CrdCelRules.Rule::message)
        .filteredOn(message -> !failed.contains(message))
        .as("rules no example breaks").isEmpty();
  }

  /** A CEL failure at {@code celPath} stands for a Java problem at {@code javaPath}. */
  private static boolean covers(String celPath, String javaPath) {
    return javaPath.equals(celPath) || javaPath.startsWith(celPath + ".")
        || javaPath.startsWith(celPath + "[");
  }

  private static Arguments valid(String name, Mode mode, Consumer<MigrationTaskSpec> change) {
    return Arguments.of(name, spec(mode, change), List.of());
  }

  private static Arguments invalid(String name, Mode mode, Consumer<MigrationTaskSpec> change,
      String... paths) {
    return Arguments.of(name, spec(mode, change), List.of(paths));
  }

  private static MigrationTaskSpec spec(Mode mode, Consumer<MigrationTaskSpec> change) {
    MigrationTaskSpec spec = ValidSpecs.minimal(mode);
    change.accept(spec);
    return spec;
  }

  private static DdlOverride override(String position, String gtid) {
    DdlOverride override = new DdlOverride();
    override.setPosition(position);
    override.setGtid(gtid);
    override.setSkip(true);
    return override;
  }

  private static SourceSpec src(MigrationTaskSpec spec) {
    return spec.getSources().get(0);
  }

  private static BinlogPosition position(String file, Long position, String gtidSet) {
    BinlogPosition at = new BinlogPosition();
    at.setFile(file);
    at.setPosition(position);
    at.setGtidSet(gtidSet);
    return at;
  }

  private static SecretKeyRef caSecret() {
    SecretKeyRef ref = new SecretKeyRef();
    ref.setName("db-ca");
    return ref;
  }

  private static Toleration toleration(String operator, String value, String effect) {
    Toleration toleration = new Toleration();
    toleration.setKey("dedicated");
    toleration.setOperator(operator);
    toleration.setValue(value);
    toleration.setEffect(effect);
    return toleration;
  }
}
