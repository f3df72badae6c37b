package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A server that cannot start says why, with the end of the log that tells. */
class StartFailureTest {

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void serverThatExitsAtStartIsReportedWithItsErrorLog(Flavor flavor) throws Exception {
    // Initializing writes no pid file, so only the start fails.
    DatabaseServer server = server(flavor, "--pid-file=/nonexistent/mysqld.pid");
    try {
      assertThatThrownBy(server::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with code")
          .hasMessageContaining("error.log ---")
          .hasMessageContaining("PID file");
      assertThat(server.isRunning()).isFalse();
    } finally {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void failedInitializationIsReportedWithItsLog(Flavor flavor) throws Exception {
    DatabaseServer server = server(flavor, "--no-such-option=1");
    try {
      assertThatThrownBy(server::start)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("install.log ---")
          .hasMessageContaining("no-such-option");
    } finally {
      server.close();
    }
  }

  private static DatabaseServer server(Flavor flavor, String arg) throws Exception {
    return new DatabaseServer(flavor, Role.SOURCE, ServerOptions.defaults().withArgs(arg), 999);
  }
}
