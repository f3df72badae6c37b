package dev.ferry.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Arrays;
import java.util.List;

/** The objects of one rendering of the chart, in the order helm printed them. */
final class Rendered {

  private final String yaml;
  private final List<HasMetadata> objects;

  Rendered(String yaml) {
    this.yaml = yaml;
    this.objects = Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(document -> document.lines()
            .anyMatch(line -> !line.isBlank() && !line.startsWith("#")))
        .map(document -> (HasMetadata) Serialization.unmarshal(document))
        .toList();
  }

  /** The rendered text, every document. */
  String yaml() {
    return yaml;
  }

  List<HasMetadata> objects() {
    return objects;
  }

  /** Every object of {@code type}. */
  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Every object of {@code kind} (for kinds without a model class, such as ServiceMonitor). */
  List<HasMetadata> kind(String kind) {
    return objects.stream().filter(object -> kind.equals(object.getKind())).toList();
  }

  /** The single object of {@code type} named {@code name} in {@code namespace} (null: cluster). */
  <T extends HasMetadata> T one(Class<T> type, String namespace, String name) {
    List<T> found = all(type).stream()
        .filter(object -> name.equals(object.getMetadata().getName()))
        .filter(object -> namespace == null ? object.getMetadata().getNamespace() == null
            : namespace.equals(object.getMetadata().getNamespace()))
        .toList();
    assertThat(found).as("%s %s/%s", type.getSimpleName(), namespace, name).hasSize(1);
    return found.get(0);
  }
}
