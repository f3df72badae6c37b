package dev.ferry.worker.cdc.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerIdsAndGtidsTest {

  @Test
  void derivedServerIdIsStableDistinctAndInRange() {
    long a = ServerIds.derive("task-uid-1", "orders");
    assertThat(ServerIds.derive("task-uid-1", "orders")).isEqualTo(a);
    assertThat(ServerIds.derive("task-uid-1", "billing")).isNotEqualTo(a);
    assertThat(a).isBetween(ServerIds.LOWEST_DERIVED, ServerIds.HIGHEST);
    assertThat(ServerIds.of(7L, "task-uid-1", "orders")).isEqualTo(7L);
  }

  @Test
  void mySqlGtidsCountOnlyOnCommitIncludingTaggedOnes() {
    String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    GtidTracker tracker = GtidTracker.of(false, uuid + ":1-5");
    tracker.begin(uuid + ":6");
    assertThat(tracker.commit().text()).isEqualTo(uuid + ":1-6");
    tracker.begin(uuid + ":tag1:1");
    assertThat(tracker.commit().text()).contains(uuid + ":1-6").contains("tag1:1");
  }

  @Test
  void mariaDbGtidsKeepTheLastPerDomain() {
    GtidTracker tracker = GtidTracker.of(true, "0-1-5,1-2-3");
    tracker.begin("0-1-6");
    assertThat(tracker.commit().text()).isEqualTo("0-1-6,1-2-3");
    assertThat(GtidTracker.of(true, "").commit()).isNull();
  }

  @Test
  void anAnonymousTransactionEndsTheGtidSetOfAllLaterPositions() {
    String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    GtidTracker tracker = GtidTracker.of(false, uuid + ":1-5");
    tracker.begin(uuid + ":6");
    assertThat(tracker.commit().text()).isEqualTo(uuid + ":1-6");
    tracker.anonymous();
    assertThat(tracker.commit()).as("an anonymous transaction does not grow the set").isNull();
    tracker.begin(uuid + ":7");
    assertThat(tracker.commit()).as("later positions are ordered by file and offset").isNull();
  }

  @Test
  void aMariaDbSequenceGoingBackwardsEndsTheGtidSetOfAllLaterPositions() {
    GtidTracker tracker = GtidTracker.of(true, "0-1-5,1-2-3");
    tracker.begin("0-1-5");
    assertThat(tracker.commit().text()).as("the start's own GTID read again")
        .isEqualTo("0-1-5,1-2-3");
    tracker.begin("0-9-6");
    assertThat(tracker.commit().text()).as("another server id going on").isEqualTo("0-9-6,1-2-3");
    tracker.begin("0-7-2");
    assertThat(tracker.commit()).isNull();
    tracker.begin("0-9-7");
    assertThat(tracker.commit()).isNull();
  }
}
