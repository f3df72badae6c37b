package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-load summary. The per-chunk ledger that makes the load resumable is kept on the target
 * (ferry meta schema); the status keeps totals and the tables in progress.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FullLoadStatus {

  @JsonPropertyDescription("When the full load started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When the full load completed (RFC 3339).")
  private String completedAt;

  @JsonPropertyDescription("Tables to copy.")
  private Integer tablesTotal;

  @JsonPropertyDescription("Tables copied completely.")
  private Integer tablesDone;

  @JsonPropertyDescription("Chunks planned over all tables.")
  private Long chunksTotal;

  @JsonPropertyDescription("Chunks copied and committed.")
  private Long chunksDone;

  @JsonPropertyDescription("Estimated rows over all tables.")
  private Long rowsEstimated;

  @JsonPropertyDescription("Rows copied.")
  private Long rowsCopied;

  @JsonPropertyDescription("Bytes copied.")
  private Long bytesCopied;

  @JsonPropertyDescription("Recent copy rate.")
  private Double rowsPerSecond;

  @JsonPropertyDescription("Tables being copied right now (bounded).")
  private List<TableProgress> tables = new ArrayList<>();

  @JsonPropertyDescription("Tables without a primary key or NOT NULL unique key, copied as one "
      + "stream that cannot be split or resumed part way (bounded).")
  private List<String> singleStreamTables = new ArrayList<>();

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(String completedAt) {
    this.completedAt = completedAt;
  }

  public Integer getTablesTotal() {
    return tablesTotal;
  }

  public void setTablesTotal(Integer tablesTotal) {
    this.tablesTotal = tablesTotal;
  }

  public Integer getTablesDone() {
    return tablesDone;
  }

  public void setTablesDone(Integer tablesDone) {
    this.tablesDone = tablesDone;
  }

  public Long getChunksTotal() {
    return chunksTotal;
  }

  public void setChunksTotal(Long chunksTotal) {
    this.chunksTotal = chunksTotal;
  }

  public Long getChunksDone() {
    return chunksDone;
  }

  public void setChunksDone(Long chunksDone) {
    this.chunksDone = chunksDone;
  }

  public Long getRowsEstimated() {
    return rowsEstimated;
  }

  public void setRowsEstimated(Long rowsEstimated) {
    this.rowsEstimated = rowsEstimated;
  }

  public Long getRowsCopied() {
    return rowsCopied;
  }

  public void setRowsCopied(Long rowsCopied) {
    this.rowsCopied = rowsCopied;
  }

  public Long getBytesCopied() {
    return bytesCopied;
  }

  public void setBytesCopied(Long bytesCopied) {
    this.bytesCopied = bytesCopied;
  }

  public Double getRowsPerSecond() {
    return rowsPerSecond;
  }

  public void setRowsPerSecond(Double rowsPerSecond) {
    this.rowsPerSecond = rowsPerSecond;
  }

  public List<TableProgress> getTables() {
    return tables;
  }

  public void setTables(List<TableProgress> tables) {
    this.tables = tables == null ? new ArrayList<>() : tables;
  }

  public List<String> getSingleStreamTables() {
    return singleStreamTables;
  }

  public void setSingleStreamTables(List<String> singleStreamTables) {
    this.singleStreamTables = singleStreamTables == null ? new ArrayList<>() : singleStreamTables;
  }
}
