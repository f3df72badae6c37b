package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.ServerInfo;
import java.sql.Connection;
import java.util.List;

/**
 * One connected source, as the checks see it.
 *
 * @param tables the source's tables that the task migrates
 */
record SourceServer(SourceSpec spec, Connection connection, ServerInfo info,
    ServerVariables variables, List<TableMapping> tables) {

  SourceServer {
    tables = List.copyOf(tables);
  }

  /** "source NAME", for messages. */
  String subject() {
    return "source " + spec.getName();
  }
}
