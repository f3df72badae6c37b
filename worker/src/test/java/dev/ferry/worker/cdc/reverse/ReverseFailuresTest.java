package dev.ferry.worker.cdc.reverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ReverseFailuresTest {

  private static final SQLException READ_ONLY = new SQLException("The MariaDB server is running"
      + " with the --read-only option so it cannot execute this statement", "HY000", 1290);

  @Test
  void aReadOnlyRefusalDeepInTheCausesNamesTheGrantsAndTheAlternative() throws Exception {
    FerryException lane = new FerryException(FailureClass.Other, "Applying changes failed",
        READ_ONLY);

    FerryException explained = ReverseFailures.explain("aurora",
        new FerryException(FailureClass.Other, lane.getMessage(), lane));

    assertThat(explained.failureClass()).isEqualTo(FailureClass.Other);
    assertThat(explained.getMessage())
        .contains("cannot write to the old source aurora: it is read-only")
        .contains("READ_ONLY ADMIN", "CONNECTION_ADMIN", "spec.cutover.fence: None");
  }

  @Test
  void otherOptionsThatPreventAStatementAreNotTakenForTheFence() {
    SQLException secureFile = new SQLException("The MySQL server is running with the"
        + " --secure-file-priv option so it cannot execute this statement", "HY000", 1290);

    assertThat(ReverseFailures.readOnlyRefusal(secureFile)).isEmpty();
    assertThat(ReverseFailures.readOnlyRefusal(READ_ONLY)).contains(READ_ONLY);
  }

  @Test
  void otherFailuresKeepTheirClassAndSayWhichStreamFailed() throws Exception {
    FerryException lost = new FerryException(FailureClass.Connection, "Lost the connection");

    FerryException explained = ReverseFailures.explain("aurora", lost);

    assertThat(explained.failureClass()).isEqualTo(FailureClass.Connection);
    assertThat(explained.getMessage()).isEqualTo("the reverse stream from the new target into"
        + " the old source aurora: Lost the connection");
  }
}
