package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.PrecheckItemName;
import dev.ferry.worker.db.Flavor;
import java.sql.SQLException;
import java.util.List;

/** Runs the check items of one source. */
final class SourceChecks {

  /** Items about the binlog, which mode Full does not read. */
  private static final List<PrecheckItemName> BINLOG_ITEMS = List.of(
      PrecheckItemName.BinlogEnabled, PrecheckItemName.BinlogFormat,
      PrecheckItemName.BinlogRowImage, PrecheckItemName.BinlogRowMetadata,
      PrecheckItemName.ServerId,
      PrecheckItemName.BinlogRetention, PrecheckItemName.BinlogCompression,
      PrecheckItemName.GtidMode);

  private SourceChecks() {}

  static void run(SourceServer source, MigrationTaskSpec spec, boolean readsBinlog,
      boolean createsSchema, Flavor target, PrecheckItems items) throws SQLException {
    String subject = source.subject();
    items.check(PrecheckItemName.SourceVersion, subject,
        () -> VersionCheck.source(source.info(), readsBinlog));
    if (readsBinlog) {
      items.check(PrecheckItemName.BinlogEnabled, subject, () -> BinlogChecks.enabled(source));
      items.check(PrecheckItemName.BinlogFormat, subject, () -> BinlogChecks.format(source));
      items.check(PrecheckItemName.BinlogRowImage, subject, () -> BinlogChecks.rowImage(source));
      items.check(PrecheckItemName.BinlogRowMetadata, subject,
          () -> BinlogChecks.rowMetadata(source));
      items.check(PrecheckItemName.ServerId, subject, () -> BinlogChecks.serverId(source));
      items.check(PrecheckItemName.BinlogRetention, subject,
          () -> BinlogRetention.check(source, spec.getMode()));
      items.check(PrecheckItemName.BinlogCompression, subject,
          () -> BinlogChecks.compression(source));
      items.check(PrecheckItemName.GtidMode, subject, () -> BinlogChecks.gtidMode(source));
    } else {
      for (PrecheckItemName name : BINLOG_ITEMS) {
        items.add(name.name(), Finding.skipped("not needed: mode Full reads no binlog")
            .about(subject));
      }
    }
    items.check(PrecheckItemName.SourcePrivileges, subject,
        () -> SourcePrivilegeCheck.check(source, readsBinlog, spec.getMode() == Mode.All));
    if (readsBinlog) {
      items.check(PrecheckItemName.CutoverFence, subject,
          () -> FenceCheck.check(source, spec.getCutover().getFence()));
    } else {
      items.add(PrecheckItemName.CutoverFence.name(),
          Finding.skipped("not needed: mode Full has no cutover").about(subject));
    }
    items.check(PrecheckItemName.PrimaryKeys, subject, () -> KeyCheck.check(source));
    items.check(PrecheckItemName.ForeignKeyCascades, subject, () -> CascadeCheck.check(source));
    items.check(PrecheckItemName.UnsupportedObjects, subject,
        () -> UnsupportedObjectsCheck.check(source, spec.getSchema(), createsSchema, target));
    items.check(PrecheckItemName.Size, subject, () -> SizeCheck.check(source));
  }
}
