package dev.ferry.worker.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL and parameters of key ranges: lower bound inclusive, upper bound exclusive. */
class KeyRangeTest {

  private static final List<String> ONE = List.of("`id`");
  private static final List<String> TWO = List.of("`g`", "`n`");
  private static final KeyTuple LOW = new KeyTuple(List.of("east", "7"));
  private static final KeyTuple HIGH = new KeyTuple(List.of("west", "3"));

  @Test
  void theWholeTableHasNoCondition() {
    assertThat(KeyRange.ALL.condition(TWO)).isEqualTo("1 = 1");
    assertThat(bound(KeyRange.ALL, List.of(false, false))).isEmpty();
  }

  @Test
  void theFirstChunkEndsBeforeItsUpperBound() {
    KeyRange first = new KeyRange(null, new KeyTuple(List.of("10")));
    assertThat(first.condition(ONE)).isEqualTo("(`id` < ?)");
    assertThat(new KeyRange(null, HIGH).condition(TWO))
        .isEqualTo("(`g` < ? OR (`g` = ? AND (`n` < ?)))");
    assertThat(bound(new KeyRange(null, HIGH), List.of(false, false)))
        .containsExactly("west", "west", "3");
  }

  @Test
  void aMiddleChunkStartsAtItsLowerBound() {
    KeyRange middle = new KeyRange(LOW, HIGH);
    assertThat(middle.condition(TWO)).isEqualTo("(`g` > ? OR (`g` = ? AND (`n` >= ?)))"
        + " AND (`g` < ? OR (`g` = ? AND (`n` < ?)))");
    assertThat(bound(middle, List.of(false, false)))
        .containsExactly("east", "east", "7", "west", "west", "3");
  }

  @Test
  void theLastChunkIsOpenAbove() {
    assertThat(new KeyRange(new KeyTuple(List.of("10")), null).condition(ONE))
        .isEqualTo("(`id` >= ?)");
    assertThat(bound(new KeyRange(LOW, null), List.of(false, false)))
        .containsExactly("east", "east", "7");
  }

  @Test
  void binaryValuesTravelAsBytesAndShowAsHex() {
    KeyTuple bytes = new KeyTuple(List.of("00ff", "abc"));
    assertThat(bound(new KeyRange(bytes, null), List.of(true, false)))
        .containsExactly("bytes:00ff", "bytes:00ff", "abc");
    assertThat(bytes.display(List.of(true, false))).isEqualTo("0x00ff, abc");
  }

  @Test
  void tuplesRoundTripThroughTheLedgerJson() {
    KeyTuple tuple = new KeyTuple(List.of("a\"b", "ü", ""));
    assertThat(KeyTuple.parse(KeyTuple.json(tuple))).isEqualTo(tuple);
    assertThat(KeyTuple.json(null)).isNull();
    assertThat(KeyTuple.parse(null)).isNull();
  }

  /** The parameters {@link KeyRange#bind} sets, in order; bytes as {@code bytes:hex}. */
  private static List<String> bound(KeyRange range, List<Boolean> binary) {
    List<String> values = new ArrayList<>();
    PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(
        KeyRangeTest.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
        (proxy, method, args) -> {
          int index = (Integer) args[0];
          assertThat(index).as("parameters in order").isEqualTo(values.size() + 1);
          values.add(method.getName().equals("setBytes")
              ? "bytes:" + HexFormat.of().formatHex((byte[]) args[1])
              : new String(args[1].toString().getBytes(StandardCharsets.UTF_8),
                  StandardCharsets.UTF_8));
          return null;
        });
    try {
      int next = range.bind(recorder, 1, binary);
      assertThat(next).isEqualTo(values.size() + 1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    return values;
  }
}
