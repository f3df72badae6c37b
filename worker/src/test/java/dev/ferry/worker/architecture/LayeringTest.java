package dev.ferry.worker.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the worker's layering: the top packages and what each may use are written down once,
 * here ({@link #MAY_USE}); every package's own {@code package-info.java} says the same in words.
 * Phases never use each other; the engine composes them; shared pieces sit below the phases.
 */
class LayeringTest {

  private static final String ROOT = "dev.ferry.worker";

  /** The shared layers below the phases, each with what it may use. */
  private static final Map<String, Set<String>> SHARED = Map.of(
      "db", Set.of("sql"),
      "sql", Set.of(),
      "status", Set.of(),
      "throttle", Set.of(),
      "metrics", Set.of(),
      "meta", Set.of("db", "sql"),
      "binlog", Set.of("db"),
      "catalog", Set.of("db", "sql"),
      "target", Set.of("db", "catalog"),
      "task", Set.of("db", "status", "metrics"));

  /** The phases: each may use every shared layer and no other phase. */
  private static final Set<String> PHASES =
      Set.of("precheck", "schema", "fullload", "cdc", "validation");

  /** Every top package of the worker and the top packages it may use. */
  static final Map<String, Set<String>> MAY_USE = mayUse();

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void everyTopPackageIsALayer() {
    Set<String> topPackages = classes.stream()
        .map(c -> c.getPackageName())
        .filter(p -> p.startsWith(ROOT + "."))
        .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(MAY_USE.keySet()).containsExactlyInAnyOrderElementsOf(topPackages);
  }

  @Test
  void layersPointDown() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String layer : MAY_USE.keySet()) {
      layers = layers.layer(layer).definedBy(ROOT + "." + layer + "..");
    }
    for (Map.Entry<String, Set<String>> layer : MAY_USE.entrySet()) {
      layers = layer.getValue().isEmpty()
          ? layers.whereLayer(layer.getKey()).mayNotAccessAnyLayer()
          : layers.whereLayer(layer.getKey()).mayOnlyAccessLayers(
              layer.getValue().toArray(String[]::new));
    }
    layers.check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyTopPackageSaysWhatItIsAndWhatItMayUse() throws IOException {
    Path sources = Path.of("src/main/java", ROOT.split("\\."));
    for (String layer : MAY_USE.keySet()) {
      Path info = sources.resolve(layer).resolve("package-info.java");
      assertThat(info).as("package-info of %s", layer).exists();
      String text = Files.readString(info);
      for (String used : MAY_USE.get(layer)) {
        assertThat(text).as("package-info of %s names what it may use", layer)
            .contains("{@link " + ROOT + "." + used + "}");
      }
    }
  }

  private static Map<String, Set<String>> mayUse() {
    Map<String, Set<String>> mayUse = new TreeMap<>(SHARED);
    for (String phase : PHASES) {
      mayUse.put(phase, SHARED.keySet());
    }
    mayUse.put("engine", union(SHARED.keySet(), PHASES));
    mayUse.put("local", Set.of("db", "status"));
    mayUse.put("kube", Set.of("engine", "task", "status", "db", "metrics"));
    mayUse.put("cli", Set.of("engine", "kube", "local", "precheck", "validation", "task",
        "status", "db", "metrics"));
    return mayUse;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
  }
}
