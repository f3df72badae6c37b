package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules for the tables that match one pattern: renames, a row filter, and which changes to
 * replicate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableRule {

  @Required
  @JsonPropertyDescription("Tables this rule applies to: schema.table with * and ? globs (a "
      + "bare schema name means all its tables), or ~regex matched against schema.table. "
      + "The first matching rule applies.")
  private String match;

  @JsonPropertyDescription("Schema name on the target (rename). Default: the source schema "
      + "name.")
  private String targetSchema;

  @JsonPropertyDescription("Table name on the target (rename). When the match covers several "
      + "tables they are merged into this one (shard merge), so their keys must not "
      + "collide. Default: the source table name.")
  private String targetTable;

  @JsonPropertyDescription("Columns renamed on the target.")
  private List<ColumnRename> columns = new ArrayList<>();

  @JsonPropertyDescription("Row filter: one SQL boolean expression over the source columns "
      + "(for example `region = 'eu' AND id > 1000`). No statements, comments or "
      + "subqueries.")
  private String where;

  @Default("[\"Insert\", \"Update\", \"Delete\"]")
  @JsonPropertyDescription("Row changes replicated for these tables during incremental "
      + "migration. Default: Insert, Update, Delete.")
  private List<DmlOperation> operations = new ArrayList<>(List.of(DmlOperation.values()));

  @Default("[\"Create\", \"Alter\", \"Drop\", \"Rename\", \"Truncate\"]")
  @JsonPropertyDescription("Schema changes replicated for these tables during incremental "
      + "migration. Default: all.")
  private List<DdlOperation> ddl = new ArrayList<>(List.of(DdlOperation.values()));

  @JsonPropertyDescription("What to do when the target disagrees with a replicated row change "
      + "of these tables: Fail, Overwrite or Skip (see spec.incremental.onConflict). Default: "
      + "spec.incremental.onConflict.")
  private RowConflictPolicy onConflict;

  public String getMatch() {
    return match;
  }

  public void setMatch(String match) {
    this.match = match;
  }

  public String getTargetSchema() {
    return targetSchema;
  }

  public void setTargetSchema(String targetSchema) {
    this.targetSchema = targetSchema;
  }

  public String getTargetTable() {
    return targetTable;
  }

  public void setTargetTable(String targetTable) {
    this.targetTable = targetTable;
  }

  public List<ColumnRename> getColumns() {
    return columns;
  }

  public void setColumns(List<ColumnRename> columns) {
    this.columns = columns == null ? new ArrayList<>() : columns;
  }

  public String getWhere() {
    return where;
  }

  public void setWhere(String where) {
    this.where = where;
  }

  public List<DmlOperation> getOperations() {
    return operations;
  }

  public void setOperations(List<DmlOperation> operations) {
    this.operations = operations == null ? new ArrayList<>(List.of(DmlOperation.values())) : operations;
  }

  /** The rule's conflict policy, or null to use {@code spec.incremental.onConflict}. */
  public RowConflictPolicy getOnConflict() {
    return onConflict;
  }

  public void setOnConflict(RowConflictPolicy onConflict) {
    this.onConflict = onConflict;
  }

  public List<DdlOperation> getDdl() {
    return ddl;
  }

  public void setDdl(List<DdlOperation> ddl) {
    this.ddl = ddl == null ? new ArrayList<>(List.of(DdlOperation.values())) : ddl;
  }
}
