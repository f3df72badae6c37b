package dev.ferry.worker.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.position.Position;
import dev.ferry.api.v1alpha1.GtidUsage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GtidOrderingTest {

  @Test
  void aMariaDbDomainWhoseLastGtidIsBelowAnotherOfItsDomainIsNotOrdered() {
    assertThat(GtidOrdering.mariaDbBackwards("0-1-10,1-1-3", "0-1-10,0-2-4,1-1-3")).isEmpty();
    assertThat(GtidOrdering.mariaDbBackwards("0-2-11", "0-1-10,0-2-11")).as("a failover")
        .isEmpty();
    assertThat(GtidOrdering.mariaDbBackwards("", "")).isEmpty();
    assertThat(GtidOrdering.mariaDbBackwards("0-2-5,1-1-3", "0-1-10,0-2-5,1-1-3"))
        .hasValueSatisfying(why -> assertThat(why).contains("0-2-5").contains("0-1-10"));
  }

  @Test
  void autoFollowsByGtidOnlyWhereGtidSetsOrderPositions() {
    Position withGtids = Position.of("binlog.000003", 120, "0-1-5");
    Optional<String> broken = Optional.of("gtid_mode is OFF_PERMISSIVE");
    assertThat(GtidOrdering.followsByGtid(GtidUsage.Auto, withGtids, Optional.empty())).isTrue();
    assertThat(GtidOrdering.followsByGtid(GtidUsage.Auto, withGtids, broken)).isFalse();
    assertThat(GtidOrdering.followsByGtid(GtidUsage.Auto, Position.of("binlog.000003", 120, null),
        Optional.empty())).isFalse();
    assertThat(GtidOrdering.followsByGtid(GtidUsage.Auto, Position.of(null, 4, "0-1-5"), broken))
        .as("a start given by GTID set only has no file to follow").isTrue();
    assertThat(GtidOrdering.followsByGtid(GtidUsage.Required, withGtids, broken)).isTrue();
    assertThat(GtidOrdering.followsByGtid(GtidUsage.Disabled, withGtids, Optional.empty()))
        .isFalse();
  }
}
