package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.WorkerPodTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spec.worker.podTemplate: label and annotation keys, label values, priority class name. */
class WorkerPodTemplateRulesTest {

  @Test
  void labelsAnnotationsAndPriorityClassAreChecked() {
    MigrationTaskSpec spec = ValidSpecs.minimal(Mode.All);
    WorkerPodTemplate template = new WorkerPodTemplate();
    template.setLabels(Map.of("team", "data", "bad key!", "x", "tier", "not valid!"));
    template.setAnnotations(Map.of("sidecar.istio.io/inject", "false", "no spaces", "x"));
    template.setPriorityClassName("High_Priority");
    spec.getWorker().setPodTemplate(template);

    assertThat(SpecValidator.validate(spec)).extracting(SpecProblem::path)
        .containsExactlyInAnyOrder("spec.worker.podTemplate.labels.bad key!",
            "spec.worker.podTemplate.labels.tier",
            "spec.worker.podTemplate.annotations.no spaces",
            "spec.worker.podTemplate.priorityClassName");
  }

  @Test
  void aValidTemplatePasses() {
    MigrationTaskSpec spec = ValidSpecs.minimal(Mode.All);
    WorkerPodTemplate template = new WorkerPodTemplate();
    template.setLabels(Map.of("team", "data", "example.com/cost-center", "db-42"));
    template.setAnnotations(Map.of("sidecar.istio.io/inject", "false"));
    template.setPriorityClassName("batch-low");
    spec.getWorker().setPodTemplate(template);

    assertThat(SpecValidator.validate(spec)).isEmpty();
  }
}
