package dev.ferry.worker.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.sql.DdlReader;
import dev.ferry.worker.sql.TableRef;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/** Which DDL of the stream is replayed, and that every other one leaves a line in the log. */
class DdlReplayTest {

  private static final Function<TableRef, Optional<TableMapping>> ALL =
      table -> Optional.of(TableMapping.of(table, Optional.empty(), NameCase.Keep));

  @ParameterizedTest
  @ValueSource(strings = {"CREATE VIEW v AS SELECT 1",
      "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW SET @x = 1",
      "DROP PROCEDURE IF EXISTS p", "CREATE DATABASE d2", "DROP DATABASE d2"})
  void statementsThatAreNotTableDdlAreNotReplayedAndLogged(String sql) {
    List<String> warnings = new ArrayList<>();

    boolean allowed = DdlReplay.allowed(DdlReader.classify("d", sql), ALL, recording(warnings));

    assertThat(allowed).isFalse();
    assertThat(warnings).singleElement().asString().contains("not replayed").contains(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ALTER TABLE t ADD COLUMN x INT", "CREATE INDEX i ON t (x)",
      "RENAME TABLE t TO u", "TRUNCATE t", "DROP TABLE t", "CREATE TABLE n (id INT)"})
  void tableDdlIsReplayedWithoutAWord(String sql) {
    List<String> warnings = new ArrayList<>();

    assertThat(DdlReplay.allowed(DdlReader.classify("d", sql), ALL, recording(warnings)))
        .isTrue();
    assertThat(warnings).isEmpty();
  }

  /** A logger that records each message logged at any level, with its arguments. */
  private static Logger recording(List<String> lines) {
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
        new Class<?>[] {Logger.class}, (proxy, method, args) -> {
          if (method.getReturnType() == boolean.class) {
            return true;
          }
          if (method.getReturnType() == String.class) {
            return "recording";
          }
          if (args != null && method.getReturnType() == void.class) {
            List<String> parts = new ArrayList<>();
            for (Object arg : args) {
              parts.add(String.valueOf(arg));
            }
            lines.add(String.join(" ", parts));
          }
          return null;
        });
  }
}
