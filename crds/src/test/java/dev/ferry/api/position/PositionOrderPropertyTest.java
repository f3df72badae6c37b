package dev.ferry.api.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Position#relativeTo} is a partial order: reflexive (SAME), antisymmetric (BEFORE one way
 * exactly when AFTER the other) and transitive, and within one server's history it follows the
 * history.
 *
 * <p>Positions are generated as real servers write them: per history (a server with its binlog
 * base name, numbered across the {@code .999999} to {@code .1000000} rollover) a position after
 * its i-th transaction, with the GTID set of the first i transactions (MySQL over two uuids, one
 * tagged; MariaDB over two domains with changing server ids) or, as a start position from a spec
 * may be, file and offset only; and GTID-only positions with arbitrary sets (gaps, member order,
 * case) in MySQL and MariaDB form. The comparison uses GTID sets when both sides have one and
 * file and offset otherwise, so positions whose GTID sets and file offsets disagree (which no
 * server writes) could be ordered both ways; they are not generated.
 */
class PositionOrderPropertyTest {

  private static final String U1 = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final String U2 = "4e11fa47-71ca-11e1-9e33-c80aa9429563";
  private static final String U3 = "5e11fa47-71ca-11e1-9e33-c80aa9429564";
  private static final String U4 = "6e11fa47-71ca-11e1-9e33-c80aa9429565";
  private static final int TRANSACTIONS = 40;

  /** A generated position and, for one from a history, its history and transaction count. */
  record Sample(Position position, String history, int index) {
    @Override
    public String toString() {
      return position + (history == null ? "" : " (" + history + " #" + index + ")");
    }
  }

  @Property(tries = 300)
  void reflexive(@ForAll("samples") Sample a) {
    assertThat(a.position().relativeTo(a.position())).isEqualTo(Order.SAME);
    Position copy = StatusPositions.of(StatusPositions.toBinlogPosition(a.position()));
    assertThat(a.position().relativeTo(copy)).isEqualTo(Order.SAME);
  }

  @Property(tries = 1000)
  void antisymmetric(@ForAll("samples") Sample a, @ForAll("samples") Sample b) {
    assertThat(b.position().relativeTo(a.position()))
        .isEqualTo(a.position().relativeTo(b.position()).reversed());
  }

  @Property(tries = 3000)
  void transitive(@ForAll("samples") Sample a, @ForAll("samples") Sample b,
      @ForAll("samples") Sample c) {
    Order ab = a.position().relativeTo(b.position());
    Order bc = b.position().relativeTo(c.position());
    if (atOrBefore(ab) && atOrBefore(bc)) {
      Order expected = ab == Order.SAME && bc == Order.SAME ? Order.SAME : Order.BEFORE;
      assertThat(a.position().relativeTo(c.position())).as("%s, %s, %s", a, b, c)
          .isEqualTo(expected);
    }
  }

  @Property(tries = 1000)
  void followsTheHistoryOfOneServer(@ForAll("samples") Sample a, @ForAll("samples") Sample b) {
    if (a.history() != null && a.history().equals(b.history())) {
      assertThat(a.position().relativeTo(b.position())).as("%s vs %s", a, b)
          .isEqualTo(Order.of(Integer.compare(a.index(), b.index())));
    }
  }

  private static boolean atOrBefore(Order order) {
    return order == Order.BEFORE || order == Order.SAME;
  }

  @Provide
  Arbitrary<Sample> samples() {
    return Arbitraries.oneOf(history("binlog", Kind.NONE), history("mysql-bin", Kind.MYSQL),
        history("mariadb-bin", Kind.MARIADB), freeMysql(), freeMariaDb());
  }

  private enum Kind { NONE, MYSQL, MARIADB }

  private static Arbitrary<Sample> history(String base, Kind kind) {
    return Combinators.combine(Arbitraries.integers().between(1, TRANSACTIONS),
        Arbitraries.of(true, false), Arbitraries.of(true, false)).as((index, withGtids, flip) -> {
          long fileNumber = 999_997 + index / 5;
          String file = base + "." + String.format(Locale.ROOT, "%06d", fileNumber);
          long offset = 4 + (index % 5) * 120L;
          String gtids = kind == Kind.NONE || !withGtids ? null : historySet(kind, index, flip);
          return new Sample(Position.of(file, offset, gtids), base, index);
        });
  }

  /** The GTID set after the first {@code index} transactions of a history. */
  private static String historySet(Kind kind, int index, boolean flip) {
    List<String> members = new ArrayList<>();
    if (kind == Kind.MYSQL) {
      int first = (index + 1) / 2;
      int second = index / 2;
      members.add((flip ? U1.toUpperCase(Locale.ROOT) : U1) + ":1-" + first);
      if (second > 0) {
        members.add(U2 + ":tag:1-" + second);
      }
    } else {
      int first = (index + 2) / 3;
      int second = index - first;
      members.add("0-" + (1 + index % 3) + "-" + first);
      if (second > 0) {
        members.add("1-" + (2 + index % 2) + "-" + second);
      }
    }
    if (flip) {
      Collections.reverse(members);
    }
    return String.join(",", members);
  }

  /** A GTID-only position with a MySQL set of up to two uuids and gaps. */
  private static Arbitrary<Sample> freeMysql() {
    Arbitrary<String> intervals = Arbitraries.integers().between(1, 6).list().ofMinSize(1)
        .ofMaxSize(3).map(lengths -> {
          StringBuilder text = new StringBuilder();
          long next = 1;
          for (int length : lengths) {
            text.append(':').append(next).append(length > 1 ? "-" + (next + length - 1) : "");
            next += length + 1 + length % 2;
          }
          return text.toString();
        });
    return Combinators.combine(intervals, intervals.injectNull(0.5), Arbitraries.of(true, false))
        .as((a, b, flip) -> {
          List<String> members = new ArrayList<>(List.of(U3 + a));
          if (b != null) {
            members.add(U4 + b);
          }
          if (flip) {
            Collections.reverse(members);
          }
          return new Sample(new Position(null, 4, GtidSet.parse(String.join(",", members))), null,
              0);
        });
  }

  /** A GTID-only position with a MariaDB set of up to two domains. */
  private static Arbitrary<Sample> freeMariaDb() {
    Arbitrary<Integer> sequence = Arbitraries.integers().between(1, 8);
    return Combinators.combine(sequence, sequence.injectNull(0.5),
        Arbitraries.integers().between(1, 3)).as((a, b, server) -> {
          String set = "7-" + server + "-" + a + (b == null ? "" : ",8-" + server + "-" + b);
          return new Sample(new Position(null, 4, GtidSet.parse(set)), null, 0);
        });
  }
}
