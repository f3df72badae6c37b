package dev.ferry.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts a server. */
final class ServerCommand {

  private ServerCommand() {}

  /**
   * Builds the command. On the first start the server also runs {@link InstanceLayout#initFile()},
   * which creates the admin account. The options' extra arguments come last so that they override
   * the defaults.
   */
  static List<String> build(
      Flavor flavor,
      Path baseDir,
      InstanceLayout layout,
      int port,
      int serverId,
      ServerOptions options,
      boolean firstStart) {
    Engine engine = flavor.engine();
    List<String> command = new ArrayList<>();
    command.add(engine.server(baseDir).toString());
    command.add("--no-defaults");
    command.add("--user=root");
    command.add("--basedir=" + baseDir);
    command.add("--datadir=" + layout.data());
    command.add("--tmpdir=" + layout.tmp());
    command.add("--socket=" + layout.socket());
    command.add("--pid-file=" + layout.pidFile());
    command.add("--log-error=" + layout.errorLog());
    command.add("--bind-address=" + DatabaseServer.HOST);
    command.add("--port=" + port);
    command.add("--skip-name-resolve");
    command.add("--server-id=" + serverId);
    command.add("--character-set-server=utf8mb4");
    command.add("--collation-server=" + flavor.collation());
    if (options.binlog()) {
      command.add("--log-bin=binlog");
    }
    command.add("--binlog-format=ROW");
    command.add("--binlog-row-image=FULL");
    command.addAll(engine.flavorArgs(options.binlog()));
    if (firstStart) {
      command.add("--init-file=" + layout.initFile());
    }
    command.addAll(options.args());
    return command;
  }
}
