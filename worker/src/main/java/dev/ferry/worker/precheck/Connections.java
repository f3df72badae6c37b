package dev.ferry.worker.precheck;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.worker.db.ConnectFailures;
import dev.ferry.worker.db.Database;
import dev.ferry.worker.db.Endpoint;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.task.TaskContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One connection to the target and to each source for the precheck, with the connection items
 * (which cannot be skipped). A server that cannot be reached is reported, and its failure kept
 * (the first one) so the phase fails with that failure's class.
 */
final class Connections implements AutoCloseable {

  private static final String KEY_RETRIEVAL_REMEDY = "the user authenticates with "
      + "caching_sha2_password (MySQL 8's default): connect over TLS (tls.mode: Required), or set "
      + "allowPublicKeyRetrieval: true for this endpoint so the driver may fetch the server's RSA "
      + "key";

  /** A reachable server. */
  record Opened(Connection connection, ServerInfo info) {}

  private final List<Connection> open = new ArrayList<>();
  private final List<Opened> sources = new ArrayList<>();
  private Opened target;
  private FerryException failure;

  private Connections() {}

  /** Connects to every server of the task, reporting each attempt into {@code items}. */
  static Connections open(TaskContext context, PrecheckItems items) {
    Connections connections = new Connections();
    connections.target = connections.connect("TargetConnection", "target", context::target,
        items);
    for (SourceSpec source : context.spec().getSources()) {
      Opened opened = connections.connect("SourceConnection", "source " + source.getName(),
          () -> context.source(source), items);
      connections.sources.add(opened);
    }
    return connections;
  }

  /** The first connection failure, or null when every server was reached. */
  FerryException failure() {
    return failure;
  }

  Opened target() {
    return target;
  }

  /** The sources, in spec order. */
  List<Opened> sources() {
    return List.copyOf(sources);
  }

  private Opened connect(String item, String subject, Supplier<Endpoint> endpoints,
      PrecheckItems items) {
    Endpoint endpoint;
    try {
      endpoint = endpoints.get();
    } catch (FerryException e) {
      items.add(item, Finding.fail(e.getMessage(), "create the Secret with the keys username "
          + "and password, or fix credentialsSecret in the spec").about(subject));
      remember(e);
      return null;
    }
    try {
      Connection connection = Database.connectOnce(endpoint);
      open.add(connection);
      ServerInfo info = ServerInfo.detect(connection);
      items.add(item, Finding.pass("connected to " + info.describe() + " at "
          + endpoint.address() + " as " + endpoint.credentials().username()).about(subject));
      return new Opened(connection, info);
    } catch (SQLException | FerryException e) {
      Optional<ConnectFailures.Verdict> fatal = ConnectFailures.verdict(e, endpoint);
      boolean keyRetrieval = refusedPublicKeyRetrieval(e);
      FailureClass failureClass = fatal.isPresent() ? FailureClass.Fatal
          : keyRetrieval ? FailureClass.Other : FailureClassifier.classify(e);
      String message = "cannot connect to " + endpoint.address() + " as "
          + endpoint.credentials().username() + ": " + fatal.map(verdict -> verdict.problem()
              + " (" + firstLine(driverMessage(e)) + ")").orElse(firstLine(e.getMessage()));
      String remedy = fatal.map(ConnectFailures.Verdict::remedy)
          .orElse(keyRetrieval ? KEY_RETRIEVAL_REMEDY
          : failureClass == FailureClass.Connection
          ? "check host and port, that the server runs, and that the network (security groups, "
              + "network policies) lets the worker pod in"
          : "check the username and password in the credentials Secret, the user's allowed "
              + "hosts, and the TLS settings");
      items.add(item, Finding.fail(message, remedy).about(subject));
      remember(new FerryException(failureClass, subject + ": " + message, e));
      return null;
    }
  }

  /**
   * MySQL 8's caching_sha2_password (and sha256_password) send the password over a plain
   * connection only encrypted with the server's RSA key, which the driver fetches only when
   * allowed.
   */
  private static boolean refusedPublicKeyRetrieval(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("Public Key Retrieval is not allowed")) {
        return true;
      }
    }
    return false;
  }

  /** The driver's own message: the first SQLException of the chain. */
  private static String driverMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return t.getMessage();
      }
    }
    return failure.getMessage();
  }

  private void remember(FerryException e) {
    if (failure == null) {
      failure = e;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  @Override
  public void close() {
    for (Connection connection : open) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The precheck is over; a connection that fails to close is gone anyway.
      }
    }
  }
}
