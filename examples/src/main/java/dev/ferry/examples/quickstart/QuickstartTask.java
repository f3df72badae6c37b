package dev.ferry.examples.quickstart;

import dev.ferry.testing.DatabaseServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The MigrationTask the quickstart runs, written as a manifest with its Secrets laid out the way
 * {@code ferry run --secrets-dir} reads them ({@code secrets/<secret-name>/username|password}):
 * mode All over schema {@code shop}, the click stream {@code shop.events} renamed to
 * {@code shop.customer_events} and filtered to the events of known customers (no anonymous ones),
 * and a cutover that fences the source read-only.
 *
 * @param manifest the manifest file
 * @param secretsDir the directory of Secret files
 * @param stateFile where {@code ferry run} keeps the task's status
 */
record QuickstartTask(Path manifest, Path secretsDir, Path stateFile) {

  static final String NAME = "shop-quickstart";
  static final String RENAMED_EVENTS = "customer_events";
  static final String EVENTS_FILTER = "customer_id IS NOT NULL";

  private static final String SOURCE_SECRET = "quickstart-source";
  private static final String TARGET_SECRET = "quickstart-target";

  /** One migrated table: where it lands and which of its rows are migrated. */
  record MigratedTable(String source, String target, String where) {}

  /** Every table of the sample shop with its target name and filter (null: all rows). */
  static List<MigratedTable> tables() {
    return SampleShop.TABLES.stream().map(table -> table.equals(SampleShop.EVENTS)
        ? new MigratedTable(table, RENAMED_EVENTS, EVENTS_FILTER)
        : new MigratedTable(table, table, null)).toList();
  }

  /** Writes the manifest and the Secret files into {@code dir}. */
  static QuickstartTask write(Path dir, DatabaseServer source, DatabaseServer target)
      throws IOException {
    Path secrets = dir.resolve("secrets");
    secret(secrets, SOURCE_SECRET, source);
    secret(secrets, TARGET_SECRET, target);
    Path manifest = dir.resolve(NAME + ".yaml");
    Files.writeString(manifest, yaml(manifest, secrets, source, target));
    return new QuickstartTask(manifest, secrets, dir.resolve(NAME + ".status.yaml"));
  }

  private static String yaml(Path manifest, Path secrets, DatabaseServer source,
      DatabaseServer target) {
    return """
        # Written by `ferry quickstart`. Run it again (after starting servers on these ports) with
        #   ferry run -f %1$s --secrets-dir %2$s --cutover-when-caught-up
        # The Secrets are files: %2$s/<secret-name>/username and .../password.
        apiVersion: ferry.dev/v1alpha1
        kind: MigrationTask
        metadata:
          name: %3$s
        spec:
          mode: All                      # schema, existing rows, then binlog changes until cutover
          sources:
            - name: shop-source
              host: %4$s
              port: %5$d
              credentialsSecret: %6$s
              tls:
                mode: Disabled           # loopback only; use Required or VerifyCA elsewhere
          target:
            host: %7$s
            port: %8$d
            credentialsSecret: %9$s
            tls:
              mode: Disabled
          objects:
            include: ["%10$s"]
            rules:
              # the click stream gets a new name and keeps the events of known customers only
              - match: %10$s.%11$s
                targetTable: %12$s
                where: "%13$s"
          fullLoad:
            threads: 2
            chunkRows: 10000
          incremental:
            applyThreads: 4
          validation:
            when: [AtCutover]            # compare every chunk once the source is fenced
            chunkRows: 10000
          cutover:
            maxLag: 1s
            fence: ReadOnly              # SET GLOBAL read_only = ON: the application stops writing
          retry:
            connectionWindow: 10m
            otherWindow: 1m
        """.formatted(manifest, secrets, NAME, source.host(), source.port(),
        SOURCE_SECRET, target.host(), target.port(), TARGET_SECRET, SampleShop.SCHEMA,
        SampleShop.EVENTS, RENAMED_EVENTS, EVENTS_FILTER);
  }

  private static void secret(Path secrets, String name, DatabaseServer server)
      throws IOException {
    Path dir = Files.createDirectories(secrets.resolve(name));
    Files.writeString(dir.resolve("username"), server.adminUser());
    Path password = Files.writeString(dir.resolve("password"), server.adminPassword());
    if (Files.getFileAttributeView(password, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
