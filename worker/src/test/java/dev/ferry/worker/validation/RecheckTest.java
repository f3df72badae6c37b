package dev.ferry.worker.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.worker.validation.Recheck.Round;
import dev.ferry.worker.validation.Recheck.Verdict;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The re-check decision for chunks compared while changes are in flight. */
class RecheckTest {

  private static final int RECHECKS = 3;

  private static Checksum rows(long count) {
    return new Checksum(count, BigDecimal.valueOf(count * 31), BigInteger.valueOf(count * 7));
  }

  @Test
  void equalSidesMatchAtOnce() {
    assertThat(Recheck.decide(List.of(new Round(rows(5), rows(5))), RECHECKS))
        .isEqualTo(Verdict.MATCHED);
  }

  @Test
  void aFirstDifferenceIsCheckedAgainNotReported() {
    assertThat(Recheck.decide(List.of(new Round(rows(5), rows(6))), RECHECKS))
        .isEqualTo(Verdict.RECHECK);
  }

  @Test
  void aDifferenceThatPersistsWhileTheSourceIsStableIsReported() {
    assertThat(Recheck.decide(List.of(new Round(rows(5), rows(6)), new Round(rows(5), rows(6))),
        RECHECKS)).isEqualTo(Verdict.MISMATCHED);
    assertThat(Recheck.decide(List.of(new Round(rows(5), rows(6)), new Round(rows(5), rows(7))),
        RECHECKS)).as("the target moved but still differs from an unchanged source")
        .isEqualTo(Verdict.MISMATCHED);
  }

  @Test
  void aSourceThatChangedBetweenRoundsIsCheckedAgain() {
    List<Round> rounds = List.of(new Round(rows(5), rows(6)), new Round(rows(7), rows(8)));

    assertThat(Recheck.decide(rounds, RECHECKS)).isEqualTo(Verdict.RECHECK);
  }

  @Test
  void aTargetEqualToTheSourceReadRightAfterItMatches() {
    List<Round> rounds = List.of(new Round(rows(5), rows(6)), new Round(rows(6), rows(7)));

    assertThat(Recheck.decide(rounds, RECHECKS))
        .as("the first target showed the state the source had when the second round began")
        .isEqualTo(Verdict.MATCHED);
  }

  @Test
  void aTargetThatCaughtUpMatches() {
    List<Round> rounds = List.of(new Round(rows(5), rows(6)), new Round(rows(6), rows(7)),
        new Round(rows(7), rows(7)));

    assertThat(Recheck.decide(rounds, RECHECKS)).isEqualTo(Verdict.MATCHED);
  }

  @Test
  void aSourceThatKeepsChangingIsLeftUndecidedAfterTheLastRecheck() {
    List<Round> rounds = List.of(new Round(rows(1), rows(2)), new Round(rows(3), rows(4)),
        new Round(rows(5), rows(6)), new Round(rows(7), rows(8)));

    assertThat(Recheck.decide(rounds.subList(0, 3), RECHECKS)).isEqualTo(Verdict.RECHECK);
    assertThat(Recheck.decide(rounds, RECHECKS)).isEqualTo(Verdict.UNSETTLED);
    assertThat(Recheck.decide(rounds.subList(0, 2), 1)).isEqualTo(Verdict.UNSETTLED);
  }

  @Test
  void onlyTheLastTwoSourcesDecideStability() {
    List<Round> rounds = List.of(new Round(rows(5), rows(6)), new Round(rows(7), rows(6)),
        new Round(rows(5), rows(6)));

    assertThat(Recheck.decide(rounds, RECHECKS))
        .as("the source went away from 5 and back: not stable across the last target read")
        .isEqualTo(Verdict.RECHECK);
  }

  @Test
  void noRoundIsNoVerdict() {
    assertThatThrownBy(() -> Recheck.decide(List.of(), RECHECKS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
