package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.BinlogPosition;
import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.DdlOverride;
import dev.ferry.api.v1alpha1.GtidUsage;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SecretKeyRef;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.api.v1alpha1.TlsMode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void minimalSpecIsValidInEveryMode(Mode mode) {
    assertThat(SpecValidator.validate(ValidSpecs.minimal(mode))).isEmpty();
  }

  @Test
  void missingSpecIsReported() {
    assertThat(SpecValidator.validate(null)).extracting(SpecProblem::path).containsExactly("spec");
  }

  @Test
  void everyProblemIsReportedAtOnceWithPathValueAndFix() {
    MigrationTaskSpec spec = ValidSpecs.minimal(Mode.All);
    spec.getSources().get(0).setPort(0);
    spec.getFullLoad().setThreads(500);
    spec.getRetry().setOtherWindow("30m");
    spec.getRetry().setConnectionWindow("20m");

    List<SpecProblem> problems = SpecValidator.validate(spec);

    assertThat(problems).extracting(SpecProblem::path).containsExactlyInAnyOrder(
        "spec.sources[0].port", "spec.fullLoad.threads", "spec.retry.otherWindow");
    SpecProblem retry = problems.stream()
        .filter(p -> p.path().equals("spec.retry.otherWindow")).findFirst().orElseThrow();
    assertThat(retry.value()).isEqualTo("30m");
    assertThat(retry.toString()).startsWith(
        "spec.retry.otherWindow: 30m must be shorter than connectionWindow 20m. Fix: ");
    assertThat(problems).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        // mode and endpoints
        bad("mode missing", s -> s.setMode(null), "spec.mode", "is required"),
        bad("no sources", s -> s.setSources(new ArrayList<>()), "spec.sources", "is required"),
        bad("null source entry", s -> s.getSources().add(null), "spec.sources[1]", "is required"),
        bad("target missing", s -> s.setTarget(null), "spec.target", "is required"),
        bad("source name missing", s -> src(s).setName(null), "spec.sources[0].name", "is empty"),
        bad("source name not a DNS label", s -> src(s).setName("Aurora_1"),
            "spec.sources[0].name", "lower-case"),
        bad("source name too long", s -> src(s).setName("a".repeat(64)),
            "spec.sources[0].name", "longer than 63"),
        bad("duplicate source names", s -> s.getSources().add(ValidSpecs.source("aurora", "b.x")),
            "spec.sources[1].name", "also the name of spec.sources[0]"),
        bad("duplicate source servers", s -> s.getSources().add(
            ValidSpecs.source("second", "aurora.example.com")),
            "spec.sources[1].host", "same server as spec.sources[0]"),
        bad("duplicate server ids", s -> {
          src(s).setServerId(7L);
          SourceSpec other = ValidSpecs.source("second", "b.example.com");
          other.setServerId(7L);
          s.getSources().add(other);
        }, "spec.sources[1].serverId", "also the serverId"),
        bad("server id zero", s -> src(s).setServerId(0L), "spec.sources[0].serverId",
            "out of range"),
        bad("server id above 2^32-1", s -> src(s).setServerId(4_294_967_296L),
            "spec.sources[0].serverId", "out of range"),
        bad("host missing", s -> src(s).setHost(null), "spec.sources[0].host", "is required"),
        bad("host with scheme", s -> src(s).setHost("mysql://db"), "spec.sources[0].host",
            "scheme"),
        bad("host with port", s -> src(s).setHost("db.example.com:3306"),
            "spec.sources[0].host", "port field"),
        bad("host with space", s -> src(s).setHost("db example"), "spec.sources[0].host",
            "not a valid host"),
        bad("port too high", s -> s.getTarget().setPort(70000), "spec.target.port",
            "not a TCP port"),
        bad("secret missing", s -> s.getTarget().setCredentialsSecret(null),
            "spec.target.credentialsSecret", "is required"),
        bad("secret name upper case", s -> src(s).setCredentialsSecret("Aurora_Secret"),
            "spec.sources[0].credentialsSecret", "lower-case"),
        bad("target is the source", s -> {
          s.getTarget().setHost("AURORA.example.com");
          s.getTarget().setPort(3306);
        }, "spec.target.host", "migrated onto itself"),
        bad("VerifyCA without CA", s -> s.getTarget().getTls().setMode(TlsMode.VerifyCA),
            "spec.target.tls.caSecret", "is required"),
        bad("CA secret bad name", s -> {
          SecretKeyRef ca = new SecretKeyRef();
          ca.setName("Bad Name");
          s.getTarget().getTls().setMode(TlsMode.VerifyIdentity);
          s.getTarget().getTls().setCaSecret(ca);
        }, "spec.target.tls.caSecret.name", "lower-case"),
        bad("CA secret bad key", s -> {
          SecretKeyRef ca = new SecretKeyRef();
          ca.setName("ca");
          ca.setKey("ca/crt");
          s.getTarget().getTls().setCaSecret(ca);
        }, "spec.target.tls.caSecret.key", "not a valid Secret key"),
        // start position
        bad("start position outside Incremental", s -> src(s).setStartPosition(
            position("mysql-bin.000001", 4L, null)), "spec.sources[0].startPosition",
            "only used in mode Incremental"),
        badIncremental("start position empty", s -> src(s).setStartPosition(new BinlogPosition()),
            "spec.sources[0].startPosition", "is empty"),
        badIncremental("start position both forms", s -> src(s).setStartPosition(
            position("mysql-bin.000001", 4L, "0-1-100")), "spec.sources[0].startPosition",
            "both"),
        badIncremental("file without position", s -> src(s).setStartPosition(
            position("mysql-bin.000001", null, null)), "spec.sources[0].startPosition.position",
            "is required"),
        badIncremental("position without file", s -> src(s).setStartPosition(
            position(null, 120L, null)), "spec.sources[0].startPosition.file", "is required"),
        badIncremental("bad file name", s -> src(s).setStartPosition(
            position("binlog", 4L, null)), "spec.sources[0].startPosition.file",
            "not a binlog file name"),
        badIncremental("position before header", s -> src(s).setStartPosition(
            position("mysql-bin.000001", 3L, null)), "spec.sources[0].startPosition.position",
            "before the first event"),
        badIncremental("bad gtid set", s -> src(s).setStartPosition(
            position(null, null, "not-a-gtid")), "spec.sources[0].startPosition.gtidSet",
            "not a GTID set"),
        badIncremental("gtid set with gtid Off", s -> {
          src(s).setGtid(GtidUsage.Disabled);
          src(s).setStartPosition(position(null, null, "0-1-100"));
        }, "spec.sources[0].startPosition.gtidSet", "gtid: Disabled"),
        // objects
        bad("empty include pattern", s -> s.getObjects().getInclude().add(""),
            "spec.objects.include[0]", "is empty"),
        bad("pattern with two dots", s -> s.getObjects().getInclude().add("a.b.c"),
            "spec.objects.include[0]", "more than one dot"),
        bad("pattern with empty table", s -> s.getObjects().getExclude().add("shop."),
            "spec.objects.exclude[0]", "empty schema or table"),
        bad("invalid regex", s -> s.getObjects().getInclude().add("~shop_(\\d+"),
            "spec.objects.include[0]", "not a valid regular expression"),
        bad("rule without match", s -> s.getObjects().getRules().add(new TableRule()),
            "spec.objects.rules[0].match", "is required"),
        bad("rule with invalid match", s -> s.getObjects().getRules().add(rule("~[")),
            "spec.objects.rules[0].match", "not a valid regular expression"),
        bad("rename schema with dot", s -> rule(s).setTargetSchema("new.shop"),
            "spec.objects.rules[0].targetSchema", "contains '.'"),
        bad("rename table too long", s -> rule(s).setTargetTable("t".repeat(65)),
            "spec.objects.rules[0].targetTable", "longer than 64"),
        bad("rename table trailing space", s -> rule(s).setTargetTable("orders "),
            "spec.objects.rules[0].targetTable", "ends with a space"),
        bad("rename table emoji", s -> rule(s).setTargetTable("orders\uD83D\uDE00"),
            "spec.objects.rules[0].targetTable", "Basic Multilingual Plane"),
        bad("rename table slash", s -> rule(s).setTargetTable("a/b"),
            "spec.objects.rules[0].targetTable", "contains '/'"),
        bad("column rename missing to", s -> rule(s).getColumns().add(column("a", null)),
            "spec.objects.rules[0].columns[0].to", "is required"),
        bad("column renamed twice", s -> {
          rule(s).getColumns().add(column("a", "b"));
          rule(s).getColumns().add(column("A", "c"));
        }, "spec.objects.rules[0].columns[1].from", "renamed twice"),
        bad("two columns to one name", s -> {
          rule(s).getColumns().add(column("a", "x"));
          rule(s).getColumns().add(column("b", "x"));
        }, "spec.objects.rules[0].columns[1].to", "target of two renames"),
        bad("column name NUL", s -> rule(s).getColumns().add(column("a", "b\0")),
            "spec.objects.rules[0].columns[0].to", "NUL"),
        bad("where with statement", s -> rule(s).setWhere("id > 1; DROP TABLE t"),
            "spec.objects.rules[0].where", "contains ';'"),
        bad("where with subquery", s -> rule(s).setWhere("id IN (SELECT id FROM t)"),
            "spec.objects.rules[0].where", "contains SELECT"),
        bad("where with comment", s -> rule(s).setWhere("id > 1 -- all"),
            "spec.objects.rules[0].where", "comment"),
        bad("where breaking out of parens", s -> rule(s).setWhere("1=1) OR (1=1"),
            "spec.objects.rules[0].where", "never opened"),
        bad("where blank", s -> rule(s).setWhere(" "), "spec.objects.rules[0].where",
            "is empty"),
        // tuning
        bad("threads zero", s -> s.getFullLoad().setThreads(0), "spec.fullLoad.threads",
            "out of range"),
        bad("chunk rows too small", s -> s.getFullLoad().setChunkRows(10),
            "spec.fullLoad.chunkRows", "out of range"),
        bad("too many pods", s -> s.getFullLoad().setPods(33), "spec.fullLoad.pods",
            "out of range"),
        bad("negative rows throttle", s -> s.getFullLoad().getThrottle().setRowsPerSecond(-1L),
            "spec.fullLoad.throttle.rowsPerSecond", "negative"),
        bad("bytes throttle not a quantity", s -> s.getIncremental().getThrottle()
            .setBytesPerSecond(new Quantity("fast")), "spec.incremental.throttle.bytesPerSecond",
            "not a quantity"),
        bad("apply threads", s -> s.getIncremental().setApplyThreads(65),
            "spec.incremental.applyThreads", "out of range"),
        bad("batch size", s -> s.getIncremental().setBatchSize(0), "spec.incremental.batchSize",
            "out of range"),
        bad("safe mode window not a duration", s -> s.getIncremental().setSafeModeWindow("60"),
            "spec.incremental.safeModeWindow", "not a duration"),
        bad("safe mode window too long", s -> s.getIncremental().setSafeModeWindow("25h"),
            "spec.incremental.safeModeWindow", "out of range"),
        bad("heartbeat too fast", s -> s.getIncremental().getHeartbeat().setInterval("10ms"),
            "spec.incremental.heartbeat.interval", "out of range"),
        bad("heartbeat schema invalid", s -> {
          s.getIncremental().getHeartbeat().setEnabled(true);
          s.getIncremental().getHeartbeat().setSchema("a.b");
        }, "spec.incremental.heartbeat.schema", "contains '.'"),
        bad("shadow regex invalid", s -> s.getIncremental().getOnlineDdl()
            .setShadowTableRegex("^_(.+_gho$"), "spec.incremental.onlineDdl.shadowTableRegex",
            "not a valid regular expression"),
        bad("shadow regex without group", s -> s.getIncremental().getOnlineDdl()
            .setShadowTableRegex("^_.+_gho$"), "spec.incremental.onlineDdl.shadowTableRegex",
            "no capturing group"),
        bad("useless regex invalid", s -> s.getIncremental().getOnlineDdl()
            .setUselessTableRegex("*"), "spec.incremental.onlineDdl.uselessTableRegex",
            "not a valid regular expression"),
        bad("validation chunk rows", s -> s.getValidation().setChunkRows(5),
            "spec.validation.chunkRows", "out of range"),
        bad("validation enabled without stages", s -> s.getValidation().setWhen(new ArrayList<>()),
            "spec.validation.when", "lists no stage"),
        bad("max lag too long", s -> s.getCutover().setMaxLag("2h"), "spec.cutover.maxLag",
            "out of range"),
        badFull("cutover requested in mode Full", s -> s.getCutover().setRequested(true),
            "spec.cutover.requested", "no effect in mode Full"),
        badFull("reverse in mode Full", s -> s.getCutover().setReverse(true),
            "spec.cutover.reverse", "no effect in mode Full"),
        bad("reverse with two sources", s -> {
          s.getCutover().setReverse(true);
          s.getSources().add(ValidSpecs.source("second", "b.example.com"));
        }, "spec.cutover.reverse", "needs exactly one source, but the task has 2"),
        badIncremental("reverse without target binlog", s -> {
          s.getCutover().setReverse(true);
          s.getTarget().setWriteBinlog(false);
        }, "spec.cutover.reverse", "spec.target.writeBinlog is false"),
        bad("connection window below 10m", s -> s.getRetry().setConnectionWindow("5m"),
            "spec.retry.connectionWindow", "out of range"),
        bad("connection window above 1440m", s -> s.getRetry().setConnectionWindow("1441m"),
            "spec.retry.connectionWindow", "out of range"),
        bad("other window below 1m", s -> s.getRetry().setOtherWindow("30s"),
            "spec.retry.otherWindow", "out of range"),
        bad("other window not a duration", s -> s.getRetry().setOtherWindow("ten minutes"),
            "spec.retry.otherWindow", "not a duration"),
        bad("other window equal to connection window", s -> {
          s.getRetry().setConnectionWindow("60m");
          s.getRetry().setOtherWindow("1h");
        }, "spec.retry.otherWindow", "must be shorter than connectionWindow 60m"),
        bad("unknown precheck item", s -> s.getPrecheck().getIgnore().add(null),
            "spec.precheck.ignore[0]", "not a check item"),
        // DDL overrides
        bad("override position not file:offset", s -> s.getIncremental().getDdlOverrides()
            .add(override(null, "binlog.000003", true, null)),
            "spec.incremental.ddlOverrides[0].position", "not a binlog position file:offset"),
        bad("override position missing", s -> s.getIncremental().getDdlOverrides()
            .add(override(null, null, true, null)),
            "spec.incremental.ddlOverrides[0].position", "is required"),
        bad("override with skip and replace", s -> s.getIncremental().getDdlOverrides()
            .add(override(null, "binlog.000003:1234", true, List.of("SELECT 1"))),
            "spec.incremental.ddlOverrides[0]", "has both skip and replace"),
        bad("override with neither", s -> s.getIncremental().getDdlOverrides()
            .add(override(null, "binlog.000003:1234", false, null)),
            "spec.incremental.ddlOverrides[0]", "has neither skip: true nor replace"),
        bad("override replacing with nothing", s -> s.getIncremental().getDdlOverrides()
            .add(override(null, "binlog.000003:1234", null, List.of())),
            "spec.incremental.ddlOverrides[0].replace", "lists no statement"),
        bad("override replacing with a blank statement", s -> s.getIncremental()
            .getDdlOverrides().add(override(null, "b.1:4", null, List.of("SELECT 1", " "))),
            "spec.incremental.ddlOverrides[0].replace[1]", "is empty"),
        bad("override of an unknown source", s -> s.getIncremental().getDdlOverrides()
            .add(override("nowhere", "binlog.000003:1234", true, null)),
            "spec.incremental.ddlOverrides[0].source", "not a source of this task"),
        bad("override without its source in a task of two", s -> {
          s.getSources().add(ValidSpecs.source("aurora-2", "aurora-2.example.com"));
          s.getIncremental().getDdlOverrides().add(override(null, "b.1:4", true, null));
        }, "spec.incremental.ddlOverrides[0].source", "is required"),
        bad("two overrides of one statement", s -> {
          s.getIncremental().getDdlOverrides().add(override(null, "b.1:4", true, null));
          s.getIncremental().getDdlOverrides().add(override(null, "b.1:4", null,
              List.of("SELECT 1")));
        }, "spec.incremental.ddlOverrides[1].position", "an earlier entry names"),
        bad("override gtid not one GTID", s -> s.getIncremental().getDdlOverrides()
            .add(gtidOverride(null, "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5")),
            "spec.incremental.ddlOverrides[0].gtid", "is not one GTID"),
        bad("override by position and gtid", s -> {
          DdlOverride both = gtidOverride(null, "0-1-42");
          both.setPosition("binlog.000003:1234");
          s.getIncremental().getDdlOverrides().add(both);
        }, "spec.incremental.ddlOverrides[0]", "both position and gtid"),
        bad("two overrides of one GTID", s -> {
          s.getIncremental().getDdlOverrides().add(gtidOverride(null,
              "3E11FA47-71CA-11E1-9E33-C80AA9429562:23"));
          s.getIncremental().getDdlOverrides().add(gtidOverride(null,
              "3e11fa47-71ca-11e1-9e33-c80aa9429562:23"));
        }, "spec.incremental.ddlOverrides[1].gtid", "an earlier entry names"),
        // worker
        bad("image with spaces", s -> s.getWorker().setImage("ferry worker"),
            "spec.worker.image", "not an image reference"),
        bad("pull policy", s -> s.getWorker().setImagePullPolicy("Sometimes"),
            "spec.worker.imagePullPolicy", "not a pull policy"),
        bad("service account", s -> s.getWorker().setServiceAccountName("Ferry_SA"),
            "spec.worker.serviceAccountName", "lower-case"),
        bad("node selector key", s -> s.getWorker().getNodeSelector().put("bad key", "x"),
            "spec.worker.nodeSelector.bad key", "not a label key"),
        bad("node selector value", s -> s.getWorker().getNodeSelector().put("disk", "s s"),
            "spec.worker.nodeSelector.disk", "not a label value"),
        bad("toleration operator", s -> s.getWorker().getTolerations().add(
            new Toleration("NoSchedule", "k", "Like", null, null)),
            "spec.worker.tolerations[0].operator", "not a toleration operator"),
        bad("toleration Exists with value", s -> s.getWorker().getTolerations().add(
            new Toleration("NoSchedule", "k", "Exists", null, "v")),
            "spec.worker.tolerations[0].value", "operator Exists"),
        bad("toleration effect", s -> s.getWorker().getTolerations().add(
            new Toleration("Never", "k", "Equal", null, "v")),
            "spec.worker.tolerations[0].effect", "not a taint effect"),
        bad("resource not a quantity", s -> s.getWorker().setResources(resources(
            Map.of("memory", new Quantity("lots")), Map.of())),
            "spec.worker.resources.requests.memory", "not a quantity"),
        bad("limit below request", s -> s.getWorker().setResources(resources(
            Map.of("memory", new Quantity("2Gi")), Map.of("memory", new Quantity("1Gi")))),
            "spec.worker.resources.limits.memory", "below the request"),
        bad("memory not a quantity", s -> s.getWorker().setMemory(new Quantity("lots")),
            "spec.worker.memory", "not a quantity"),
        bad("memory too small for a worker", s -> s.getWorker().setMemory(new Quantity("200Mi")),
            "spec.worker.memory", "below 256Mi"),
        bad("memory in bytes too small", s -> s.getWorker().setMemory(new Quantity("268435455")),
            "spec.worker.memory", "below 256Mi"),
        bad("memory and a memory request", s -> {
          s.getWorker().setMemory(new Quantity("2Gi"));
          s.getWorker().setResources(resources(Map.of("memory", new Quantity("1Gi")), Map.of()));
        }, "spec.worker.memory", "spec.worker.resources (requests.memory or limits.memory)"),
        bad("memory and a memory limit", s -> {
          s.getWorker().setMemory(new Quantity("2Gi"));
          s.getWorker().setResources(resources(Map.of(), Map.of("memory", new Quantity("2Gi"))));
        }, "spec.worker.memory", "both would size the worker"));
  }

  @Test
  void memoryOfAtLeast256MiBesideCpuResourcesIsValid() {
    for (String memory : List.of("256Mi", "268435456", "1Gi", "1.5Gi", "4G")) {
      MigrationTaskSpec spec = ValidSpecs.minimal(Mode.All);
      spec.getWorker().setMemory(new Quantity(memory));
      spec.getWorker().setResources(resources(Map.of("cpu", new Quantity("2")),
          Map.of("cpu", new Quantity("4"))));

      assertThat(SpecValidator.validate(spec)).as(memory).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void reportsTheProblemAtItsPath(String name, Mode mode, Consumer<MigrationTaskSpec> breakIt,
      String path, String problem) {
    MigrationTaskSpec spec = ValidSpecs.minimal(mode);
    breakIt.accept(spec);

    List<SpecProblem> problems = SpecValidator.validate(spec);

    assertThat(problems).as("problems of " + name).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo(path);
      assertThat(p.problem()).contains(problem);
      assertThat(p.fix()).isNotBlank();
    });
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"Incremental", "All"})
  void acceptsReverseWithOneSourceAndTargetBinlog(Mode mode) {
    MigrationTaskSpec spec = ValidSpecs.minimal(mode);
    spec.getCutover().setReverse(true);

    assertThat(SpecValidator.validate(spec)).isEmpty();
  }

  @Test
  void acceptsTheFullRangeOfValidSettings() {
    MigrationTaskSpec spec = ValidSpecs.minimal(Mode.Incremental);
    SourceSpec second = ValidSpecs.source("shard-2", "10.0.0.12");
    second.setServerId(4_294_967_295L);
    second.setStartPosition(position(null, null,
        "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:11, 3E11FA47-71CA-11E1-9E33-C80AA9429563:t1:1-3"));
    spec.getSources().add(second);
    src(spec).setStartPosition(position("mysql-bin.000042", 4L, null));
    spec.getSources().add(ValidSpecs.source("ipv6", "[2001:db8::1]"));
    spec.getObjects().getInclude().addAll(List.of("shop", "crm.*", "~^shard_\\d+\\.orders$"));
    spec.getObjects().getExclude().add("shop.tmp_?");
    TableRule rename = rule(spec);
    rename.setTargetSchema("Shop Archive");
    rename.setTargetTable("orders_2024");
    rename.getColumns().add(column("cust", "customer_id"));
    rename.setWhere("region = 'eu; -- not a comment' AND `select` > 1 AND note <> \"it's\"");
    spec.getFullLoad().getThrottle().setBytesPerSecond(new Quantity("50Mi"));
    spec.getRetry().setConnectionWindow("1440m");
    spec.getRetry().setOtherWindow("1439m");
    spec.getIncremental().setSafeModeWindow("0s");
    spec.getIncremental().getDdlOverrides().add(override("shard-2", "mysql-bin.000042:1234",
        true, null));
    spec.getIncremental().getDdlOverrides().add(override(src(spec).getName(),
        "mysql-bin.000042:1234", null, List.of("ALTER TABLE `shop`.`orders` ADD KEY (`cust`)")));
    spec.getIncremental().getDdlOverrides().add(gtidOverride("shard-2",
        "3E11FA47-71CA-11E1-9E33-C80AA9429562:23"));
    spec.getIncremental().getDdlOverrides().add(gtidOverride("shard-2",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:t1:7"));
    spec.getIncremental().getDdlOverrides().add(gtidOverride(src(spec).getName(), "0-1-42"));
    spec.getCutover().setMaxLag("1h");
    spec.getCutover().setRequested(true);
    spec.getWorker().setImage("registry.example.com:5000/ferry/worker:0.1.0");
    spec.getWorker().getNodeSelector().put("kubernetes.io/arch", "amd64");
    spec.getWorker().setResources(resources(Map.of("cpu", new Quantity("500m")),
        Map.of("cpu", new Quantity("2"))));

    assertThat(SpecValidator.validate(spec)).isEmpty();
  }

  private static DdlOverride override(String source, String position, Boolean skip,
      List<String> replace) {
    DdlOverride override = new DdlOverride();
    override.setSource(source);
    override.setPosition(position);
    override.setSkip(skip);
    override.setReplace(replace);
    return override;
  }

  private static DdlOverride gtidOverride(String source, String gtid) {
    DdlOverride override = override(source, null, true, null);
    override.setGtid(gtid);
    return override;
  }

  private static Arguments bad(String name, Consumer<MigrationTaskSpec> breakIt, String path,
      String problem) {
    return Arguments.of(name, Mode.All, breakIt, path, problem);
  }

  private static Arguments badIncremental(String name, Consumer<MigrationTaskSpec> breakIt,
      String path, String problem) {
    return Arguments.of(name, Mode.Incremental, breakIt, path, problem);
  }

  private static Arguments badFull(String name, Consumer<MigrationTaskSpec> breakIt,
      String path, String problem) {
    return Arguments.of(name, Mode.Full, breakIt, path, problem);
  }

  private static SourceSpec src(MigrationTaskSpec spec) {
    return spec.getSources().get(0);
  }

  private static TableRule rule(MigrationTaskSpec spec) {
    if (spec.getObjects().getRules().isEmpty()) {
      spec.getObjects().getRules().add(rule("shop.orders"));
    }
    return spec.getObjects().getRules().get(0);
  }

  private static TableRule rule(String match) {
    TableRule rule = new TableRule();
    rule.setMatch(match);
    return rule;
  }

  private static ColumnRename column(String from, String to) {
    ColumnRename rename = new ColumnRename();
    rename.setFrom(from);
    rename.setTo(to);
    return rename;
  }

  private static BinlogPosition position(String file, Long pos, String gtid) {
    BinlogPosition position = new BinlogPosition();
    position.setFile(file);
    position.setPosition(pos);
    position.setGtidSet(gtid);
    return position;
  }

  private static ResourceRequirements resources(Map<String, Quantity> requests,
      Map<String, Quantity> limits) {
    ResourceRequirements resources = new ResourceRequirements();
    resources.setRequests(requests);
    resources.setLimits(limits);
    return resources;
  }
}
