package dev.ferry.worker.precheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.api.v1alpha1.TlsMode;
import dev.ferry.testing.DatabasePair;
import dev.ferry.testing.RealDatabases;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TLS mismatch found by the precheck's connection item stops the task as Fatal within a
 * minute, with a message naming TLS and the remedy (the MariaDB test servers run with
 * --skip-ssl).
 */
class PrecheckTlsTest {

  @RegisterExtension
  static final RealDatabases dbs = RealDatabases.mariaDb();

  @Test
  void tlsRequiredAgainstAServerWithoutTlsStopsTheTaskAsFatal() throws SQLException {
    DatabasePair pair = dbs.pair();
    pair.reset();
    PrecheckFixture task = new PrecheckFixture(pair, Mode.All);
    task.spec().getTarget().getTls().setMode(TlsMode.Required);
    long started = System.nanoTime();

    assertThatThrownBy(task::run).isInstanceOfSatisfying(FerryException.class,
        e -> assertThat(e.failureClass()).isEqualTo(FailureClass.Fatal));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
    PrecheckItem refused = task.item("TargetConnection");
    assertThat(refused.getResult()).isEqualTo(CheckResult.Fail);
    assertThat(refused.getMessage()).contains("TLS is required");
    assertThat(refused.getRemedy()).contains("tls.mode: Disabled");
  }
}
