package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A migration of one or more live MySQL-compatible source databases into one target database.
 * The spec says what to move and how; the status records where the migration stands, so that a
 * failed or interrupted task resumes from its last checkpoint.
 */
@Group(MigrationTask.GROUP)
@Version(MigrationTask.VERSION)
@Kind("MigrationTask")
@Plural("migrationtasks")
@Singular("migrationtask")
@ShortNames("mt")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING, getDescription = "Current phase of the migration")
@AdditionalPrinterColumn(name = "Lag", jsonPath = ".status.replication.lagSeconds",
    type = AdditionalPrinterColumn.Type.INTEGER, getDescription = "Replication lag in seconds")
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress",
    type = AdditionalPrinterColumn.Type.STRING, getDescription = "Progress of the current phase")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING, getDescription = "Whether the migration has completed")
@AdditionalPrinterColumn(name = "Message",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1,
    getDescription = "Why the task is or is not ready (kubectl get -o wide)")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{"
    + "\"description\": \"A migration of one or more live MySQL-compatible source databases"
    + " into one target database. The spec says what to move and how; the status records where"
    + " the migration stands, so that an interrupted task resumes from its last checkpoint.\"}")
public class MigrationTask extends CustomResource<MigrationTaskSpec, MigrationTaskStatus>
    implements Namespaced {

  /** API group of the resource. */
  public static final String GROUP = "ferry.dev";
  /** API version of the resource. */
  public static final String VERSION = "v1alpha1";

  @Override
  @JsonPropertyDescription("What to migrate and how: the sources, the target, which objects,"
      + " and the settings of every phase. Cross-field rules are checked when the task is"
      + " applied.")
  public MigrationTaskSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Where the migration stands: phase, conditions, precheck results,"
      + " progress, checkpoints per source, replication lag, validation and retry state."
      + " Written by the operator and the worker only.")
  public MigrationTaskStatus getStatus() {
    return super.getStatus();
  }

  @Override
  protected MigrationTaskStatus initStatus() {
    return new MigrationTaskStatus();
  }
}
