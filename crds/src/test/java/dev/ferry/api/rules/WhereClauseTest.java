package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhereClauseTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "id > 1000",
      "region = 'eu' AND (status IN ('a', 'b') OR created_at >= '2024-01-01')",
      "name LIKE 'O''Brien%'",
      "name = 'back\\'slash; -- # /* still a string'",
      "`select` = 1 AND `a``b` IS NOT NULL",
      "price - 1 > 0",
      "deleted_at IS NULL",
      "updated_by = \"system\"",
      "x BETWEEN 1 AND 10 AND COALESCE(y, 0) <> 3",
  })
  void acceptsSingleBooleanExpressions(String where) {
    assertThat(WhereClause.problem(where)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "id > 1; DELETE FROM t | contains ';'",
      "id > 1 -- comment | comment",
      "id > 1 --\tcomment | comment",
      "id > 1 # comment | comment",
      "id > 1 /* c */ | comment",
      "id IN (SELECT id FROM other) | contains SELECT",
      "id = 1 UNION ALL | contains UNION",
      "(@x := 1) | assignment",
      "sleep(10) = 0 | contains SLEEP",
      "1=1) OR (1=1 | never opened",
      "((id > 1) | unclosed",
      "name = 'open | unterminated",
      "`col = 1 | unterminated",
      "'   ' | ",
  })
  void rejectsAnythingButOneExpression(String where, String message) {
    assertThat(WhereClause.problem(where)).get().asString().contains(message == null ? "" : message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsEmptyFilters(String where) {
    assertThat(WhereClause.problem(where)).get().asString().contains("is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a --1", "a-- 1"})
  void doubleDashIsACommentOnlyWhenFollowedBySpace(String where) {
    assertThat(WhereClause.problem(where).isPresent()).isEqualTo(where.contains("-- "));
  }
}
