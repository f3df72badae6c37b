package dev.ferry.api.retry;

import static dev.ferry.api.v1alpha1.FailureClass.Connection;
import static dev.ferry.api.v1alpha1.FailureClass.Fatal;
import static dev.ferry.api.v1alpha1.FailureClass.Other;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.RetrySpec;
import dev.ferry.api.v1alpha1.RetryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final RetryPolicy DEFAULTS = RetryPolicy.of(new RetrySpec());

  @Nested
  class Windows {

    @Test
    void connectionFailuresAreRetriedFor720MinutesByDefault() {
      RetryDecision decision = DEFAULTS.onFailure(null, failure(Connection, T0));

      assertThat(decision).isInstanceOf(RetryDecision.Retry.class);
      assertThat(decision.status().getWindowEndsAt()).isEqualTo("2025-03-01T12:00:00Z");
    }

    @Test
    void otherFailuresAreRetriedFor10MinutesByDefault() {
      RetryDecision decision = DEFAULTS.onFailure(null, failure(Other, T0));

      assertThat(decision.status().getWindowEndsAt()).isEqualTo("2025-03-01T00:10:00Z");
    }

    @Test
    void customWindowsComeFromTheSpec() {
      RetrySpec spec = new RetrySpec();
      spec.setConnectionWindow("1h30m");
      spec.setOtherWindow("2m");
      RetryPolicy policy = RetryPolicy.of(spec);

      assertThat(policy.onFailure(null, failure(Connection, T0)).status().getWindowEndsAt())
          .isEqualTo("2025-03-01T01:30:00Z");
      assertThat(policy.onFailure(null, failure(Other, T0)).status().getWindowEndsAt())
          .isEqualTo("2025-03-01T00:02:00Z");
    }

    @Test
    void aFailureJustBeforeTheWindowEndIsRetriedAtTheWindowEnd() {
      RetryStatus first = DEFAULTS.onFailure(null, failure(Other, T0)).status();
      Instant end = T0.plus(Duration.ofMinutes(10));

      RetryDecision decision = DEFAULTS.onFailure(first, failure(Other, end.minusNanos(1)));

      assertThat(decision).isEqualTo(new RetryDecision.Retry(decision.status(), end));
      assertThat(decision.status().getNextAttemptAt()).isEqualTo(end.toString());
    }

    @Test
    void aFailureExactlyAtTheWindowEndExhaustsTheRetries() {
      RetryStatus first = DEFAULTS.onFailure(null, failure(Other, T0)).status();
      Instant end = T0.plus(Duration.ofMinutes(10));

      RetryDecision decision = DEFAULTS.onFailure(first, failure(Other, end));

      assertThat(decision).isInstanceOf(RetryDecision.Exhausted.class);
      assertThat(decision.status().getNextAttemptAt()).isNull();
      assertThat(decision.status().getWindowEndsAt()).isEqualTo(end.toString());
      assertThat(decision.status().getAttempt()).isEqualTo(2);
      assertThat(decision.status().getLastError()).isEqualTo("failed at " + end);
    }

    @Test
    void windowsMustBePositive() {
      assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofMinutes(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("connectionWindow");
      assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(10), Duration.ofMinutes(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("otherWindow");
    }
  }

  @Nested
  class Backoffs {

    @Test
    void theFirstFailureRecordsTheStreak() {
      RetryDecision decision = DEFAULTS.onFailure(null,
          new PhaseFailure(Phase.FullLoad, Connection, "Connection refused", false, T0));

      RetryStatus status = decision.status();
      assertThat(decision).isEqualTo(new RetryDecision.Retry(status, T0.plusSeconds(5)));
      assertThat(status.getPhase()).isEqualTo(Phase.FullLoad);
      assertThat(status.getFailureClass()).isEqualTo(Connection);
      assertThat(status.getAttempt()).isEqualTo(1);
      assertThat(status.getFirstFailureAt()).isEqualTo(T0.toString());
      assertThat(status.getLastFailureAt()).isEqualTo(T0.toString());
      assertThat(status.getConnectionFailuresSince()).isEqualTo(T0.toString());
      assertThat(status.getOtherFailuresSince()).isNull();
      assertThat(status.getNextAttemptAt()).isEqualTo(T0.plusSeconds(5).toString());
      assertThat(status.getLastError()).isEqualTo("Connection refused");
    }

    @Test
    void attemptsThatFailAtOnceWaitExponentiallyLongerUpToFiveMinutes() {
      List<Duration> waits = new ArrayList<>();
      RetryStatus status = null;
      Instant now = T0;
      for (int i = 0; i < 9; i++) {
        RetryDecision.Retry retry =
            (RetryDecision.Retry) DEFAULTS.onFailure(status, failure(Connection, now));
        waits.add(Duration.between(now, retry.at()));
        status = retry.status();
        now = retry.at();
      }

      assertThat(waits).extracting(Duration::getSeconds)
          .containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
      assertThat(status.getAttempt()).isEqualTo(9);
      assertThat(status.getFirstFailureAt()).isEqualTo(T0.toString());
    }

    @Test
    void theBackoffIsClippedToTheWindowEnd() {
      RetryStatus status = null;
      Instant now = T0;
      for (int i = 0; i < 6; i++) {
        status = DEFAULTS.onFailure(status, failure(Other, now)).status();
        now = now.plusSeconds(90);
      }
      Instant end = T0.plus(Duration.ofMinutes(10));
      Instant late = end.minusSeconds(30);

      RetryDecision decision = DEFAULTS.onFailure(status, failure(Other, late));

      assertThat(decision).isEqualTo(new RetryDecision.Retry(decision.status(), end));
    }
  }

  @Nested
  class Streaks {

    @Test
    void alternatingClassesCountEachWindowFromItsFirstFailure() {
      RetryStatus status = DEFAULTS.onFailure(null, failure(Connection, T0)).status();
      Instant firstOther = T0.plus(Duration.ofMinutes(1));
      status = DEFAULTS.onFailure(status, failure(Other, firstOther)).status();
      assertThat(status.getOtherFailuresSince()).isEqualTo(firstOther.toString());
      assertThat(status.getWindowEndsAt()).isEqualTo(firstOther.plus(Duration.ofMinutes(10))
          .toString());

      status = DEFAULTS.onFailure(status, failure(Connection, T0.plus(Duration.ofMinutes(5))))
          .status();
      assertThat(status.getConnectionFailuresSince()).isEqualTo(T0.toString());
      assertThat(status.getWindowEndsAt()).isEqualTo(T0.plus(Duration.ofHours(12)).toString());

      RetryDecision other = DEFAULTS.onFailure(status,
          failure(Other, firstOther.plus(Duration.ofMinutes(10))));
      assertThat(other).isInstanceOf(RetryDecision.Exhausted.class);
      assertThat(other.status().getFailureClass()).isEqualTo(Other);
    }

    @Test
    void alternatingClassesCannotRetryForever() {
      RetryStatus status = null;
      Instant now = T0;
      RetryDecision decision = null;
      FailureClass failureClass = Connection;
      while (now.isBefore(T0.plus(Duration.ofHours(13)))) {
        decision = DEFAULTS.onFailure(status, failure(failureClass, now));
        if (!(decision instanceof RetryDecision.Retry)) {
          break;
        }
        status = decision.status();
        now = now.plus(Duration.ofMinutes(4));
        failureClass = failureClass == Connection ? Other : Connection;
      }

      assertThat(decision).isInstanceOf(RetryDecision.Exhausted.class);
      assertThat(now).as("other failures since T0+4m, other window 10m")
          .isEqualTo(T0.plus(Duration.ofMinutes(20)));
    }

    @Test
    void progressStartsANewStreak() {
      RetryStatus status = null;
      for (int i = 0; i < 5; i++) {
        status = DEFAULTS.onFailure(status, failure(Other, T0.plusSeconds(60L * i))).status();
      }
      Instant now = T0.plus(Duration.ofMinutes(9));

      RetryDecision decision = DEFAULTS.onFailure(status,
          new PhaseFailure(Phase.FullLoad, Other, "again", true, now));

      assertThat(decision).isEqualTo(new RetryDecision.Retry(decision.status(),
          now.plusSeconds(5)));
      assertThat(decision.status().getAttempt()).isEqualTo(1);
      assertThat(decision.status().getFirstFailureAt()).isEqualTo(now.toString());
      assertThat(decision.status().getOtherFailuresSince()).isEqualTo(now.toString());
      assertThat(decision.status().getWindowEndsAt())
          .isEqualTo(now.plus(Duration.ofMinutes(10)).toString());
    }

    @Test
    void anotherFailingPhaseStartsANewStreak() {
      RetryStatus status = DEFAULTS.onFailure(null, failure(Connection, T0)).status();
      status = DEFAULTS.onFailure(status, failure(Connection, T0.plusSeconds(5))).status();
      Instant now = T0.plusSeconds(60);

      RetryStatus next = DEFAULTS.onFailure(status,
          new PhaseFailure(Phase.Incremental, Connection, "gone", false, now)).status();

      assertThat(next.getPhase()).isEqualTo(Phase.Incremental);
      assertThat(next.getAttempt()).isEqualTo(1);
      assertThat(next.getConnectionFailuresSince()).isEqualTo(now.toString());
    }

    @Test
    void aFailureAfterAnEndedStreakStartsANewOne() {
      RetryStatus ended = DEFAULTS.onFailure(null, failure(Fatal, T0)).status();
      Instant resumedAt = T0.plus(Duration.ofDays(1));

      RetryDecision decision = DEFAULTS.onFailure(ended, failure(Other, resumedAt));

      assertThat(decision).isInstanceOf(RetryDecision.Retry.class);
      assertThat(decision.status().getAttempt()).isEqualTo(1);
      assertThat(decision.status().getFirstFailureAt()).isEqualTo(resumedAt.toString());
    }

    @Test
    void aStatusWithoutFirstFailureStartsANewStreak() {
      RetryStatus status = DEFAULTS.onFailure(null, failure(Other, T0)).status();
      status.setFirstFailureAt(null);
      Instant now = T0.plusSeconds(5);

      RetryStatus next = DEFAULTS.onFailure(status, failure(Other, now)).status();

      assertThat(next.getAttempt()).isEqualTo(1);
      assertThat(next.getFirstFailureAt()).isEqualTo(now.toString());
    }

    @Test
    void theCurrentStatusIsNotChanged() {
      RetryStatus status = DEFAULTS.onFailure(null, failure(Connection, T0)).status();

      DEFAULTS.onFailure(status, failure(Other, T0.plusSeconds(5)));

      assertThat(status.getAttempt()).isEqualTo(1);
      assertThat(status.getOtherFailuresSince()).isNull();
      assertThat(status.getFailureClass()).isEqualTo(Connection);
    }
  }

  @Nested
  class Failures {

    @Test
    void fatalFailuresAreNeverRetried() {
      RetryStatus status = DEFAULTS.onFailure(null, failure(Connection, T0)).status();

      RetryDecision decision = DEFAULTS.onFailure(status,
          new PhaseFailure(Phase.Incremental, Fatal, "binlog purged", false, T0.plusSeconds(5)));

      assertThat(decision).isInstanceOf(RetryDecision.Fatal.class);
      assertThat(decision.status().getFailureClass()).isEqualTo(Fatal);
      assertThat(decision.status().getNextAttemptAt()).isNull();
      assertThat(decision.status().getWindowEndsAt()).isNull();
      assertThat(decision.status().getLastError()).isEqualTo("binlog purged");
      assertThat(decision.status().getLastFailureAt()).isEqualTo(T0.plusSeconds(5).toString());
    }

    @Test
    void longErrorsAreCutWithAnEllipsis() {
      String message = "x".repeat(RetryPolicy.MAX_ERROR_CHARS - 2) + "😀" + "y".repeat(5000);

      String lastError = DEFAULTS.onFailure(null,
          new PhaseFailure(Phase.Schema, Other, message, false, T0)).status().getLastError();

      assertThat(lastError)
          .as("the cut falls inside the emoji, which is dropped whole")
          .isEqualTo("x".repeat(RetryPolicy.MAX_ERROR_CHARS - 2) + "…");
    }

    @Test
    void shortErrorsAreKeptWhole() {
      String message = "e".repeat(RetryPolicy.MAX_ERROR_CHARS);

      String lastError = DEFAULTS.onFailure(null,
          new PhaseFailure(Phase.Schema, Other, message, false, T0)).status().getLastError();

      assertThat(lastError).isEqualTo(message);
    }
  }

  private static PhaseFailure failure(FailureClass failureClass, Instant at) {
    return new PhaseFailure(Phase.FullLoad, failureClass, "failed at " + at, false, at);
  }
}
