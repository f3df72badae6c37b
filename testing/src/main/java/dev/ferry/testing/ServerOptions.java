package dev.ferry.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * How one server is started, beyond the defaults every server has: grant tables on, an admin
 * account, binary log on in ROW format with full row image and metadata, {@code utf8mb4}.
 *
 * <p>Servers with {@link #defaults()} are shared by all test classes of a JVM; servers with other
 * options belong to one test class. Instances are immutable; each {@code with...} method returns a
 * copy.
 *
 * @param args extra server arguments, appended last so they override the defaults (for example
 *     {@code --binlog-format=STATEMENT} or {@code --expire-logs-days=1})
 * @param binlog whether the binary log is on
 * @param users accounts created when the server is first started; {@link DatabaseServer#reset()}
 *     keeps them
 */
public record ServerOptions(List<String> args, boolean binlog, List<User> users) {

  /**
   * An account created at first start.
   *
   * @param name user name, created for host {@code %}
   * @param password its password
   * @param grants privileges, each as {@code "<privileges> ON <object>"}, for example {@code
   *     "SELECT ON *.*"}
   */
  public record User(String name, String password, List<String> grants) {
    /** Copies the grants. */
    public User {
      grants = List.copyOf(grants);
    }
  }

  /** Copies the lists. */
  public ServerOptions {
    args = List.copyOf(args);
    users = List.copyOf(users);
  }

  /** The options of the shared servers. */
  public static ServerOptions defaults() {
    return new ServerOptions(List.of(), true, List.of());
  }

  /** These options plus extra server arguments such as {@code --binlog-format=STATEMENT}. */
  public ServerOptions withArgs(String... extraArgs) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(extraArgs));
    return new ServerOptions(all, binlog, users);
  }

  /** These options with the binary log off. */
  public ServerOptions withoutBinlog() {
    return new ServerOptions(args, false, users);
  }

  /**
   * These options plus an account, for example {@code withUser("reader", "pw", "SELECT ON *.*")} to
   * test what a user without enough privileges sees.
   */
  public ServerOptions withUser(String name, String password, String... grants) {
    List<User> all = new ArrayList<>(users);
    all.add(new User(name, password, List.of(grants)));
    return new ServerOptions(args, binlog, all);
  }
}
