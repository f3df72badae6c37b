package dev.ferry.worker.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.worker.sql.SqlToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlLexerTest {

  /** The meaningful tokens as "KIND text", blanks and executable-comment markers left out. */
  private static List<String> read(String sql) {
    return read(sql, "");
  }

  private static List<String> read(String sql, String sqlMode) {
    return SqlLexer.tokenize(sql, sqlMode).stream().filter(token -> !token.isSkipped())
        .map(token -> token.kind() + " " + token.text()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"CREATE TABLE `a``b` (`c` INT) -- x", "SELECT 'it\\'s' # y\n",
      "/*!50100 PARTITION BY HASH (id) */ /* plain */", "x = _utf8mb4'a' COLLATE utf8mb4_bin",
      "'open string", "/* open comment", "SET @`v` = @@session.sql_mode"})
  void renderingTheTokensGivesTheTextBack(String sql) {
    assertThat(SqlLexer.render(SqlLexer.tokenize(sql))).isEqualTo(sql);
  }

  @Test
  void backquotedIdentifiersKeepDoubledBackquotes() {
    List<SqlToken> tokens = SqlLexer.tokenize("`or``ders`.`x`");

    assertThat(tokens).extracting(SqlToken::kind)
        .containsExactly(Kind.QUOTED_ID, Kind.SYMBOL, Kind.QUOTED_ID);
    assertThat(tokens.get(0).name()).isEqualTo("or`ders");
    assertThat(SqlToken.identifier("or`ders").text()).isEqualTo("`or``ders`");
    assertThat(SqlToken.qualified("s`1", "t").text()).isEqualTo("`s``1`.`t`");
  }

  @Test
  void stringsEndOnlyAtAnUnescapedQuote() {
    assertThat(read("'it''s' 'a\\'b' \"q\\\"\" 'c'")).containsExactly("STRING 'it''s'",
        "STRING 'a\\'b'", "STRING \"q\\\"\"", "STRING 'c'");
    assertThat(read("'a\\' b", "NO_BACKSLASH_ESCAPES"))
        .as("without backslash escapes the backslash is an ordinary character")
        .containsExactly("STRING 'a\\'", "WORD b");
    assertThat(read("\"col\"", "ANSI_QUOTES")).containsExactly("QUOTED_ID \"col\"");
    assertThat(read("\"col\"", "ANSI")).containsExactly("QUOTED_ID \"col\"");
  }

  @Test
  void commentsAreBlanks() {
    List<SqlToken> tokens = SqlLexer.tokenize("a -- one\nb # two\nc /* three `x` */ d --");

    assertThat(tokens.stream().filter(t -> t.kind() == Kind.COMMENT).map(SqlToken::text))
        .containsExactly("-- one", "# two", "/* three `x` */", "--");
    assertThat(read("a -- one\nb # two\nc /* three */ d")).containsExactly("WORD a", "WORD b",
        "WORD c", "WORD d");
    assertThat(read("1--2")).as("-- without a space after it is two minus signs")
        .containsExactly("NUMBER 1", "SYMBOL -", "SYMBOL -", "NUMBER 2");
  }

  @Test
  void executableCommentsAreReadAsText() {
    List<SqlToken> tokens = SqlLexer.tokenize("/*!40000 ALTER TABLE */ `t` /*M!100100 KEY */");

    assertThat(tokens).extracting(SqlToken::kind).containsExactly(Kind.CONDITIONAL_START,
        Kind.WHITESPACE, Kind.WORD, Kind.WHITESPACE, Kind.WORD, Kind.WHITESPACE,
        Kind.CONDITIONAL_END, Kind.WHITESPACE, Kind.QUOTED_ID, Kind.WHITESPACE,
        Kind.CONDITIONAL_START, Kind.WHITESPACE, Kind.WORD, Kind.WHITESPACE, Kind.CONDITIONAL_END);
    assertThat(tokens.get(0).text()).isEqualTo("/*!40000");
    assertThat(tokens.get(10).text()).isEqualTo("/*M!100100");
    assertThat(read("a */ b")).as("*/ outside an executable comment is not its end")
        .containsExactly("WORD a", "SYMBOL *", "SYMBOL /", "WORD b");
  }

  @Test
  void numbersWordsAndVariables() {
    assertThat(read("LIMIT 42 1st $x éte @a @@GLOBAL.x @'q r'")).containsExactly("WORD LIMIT",
        "NUMBER 42", "WORD 1st", "WORD $x", "WORD éte", "VARIABLE @a", "VARIABLE @@GLOBAL.x",
        "VARIABLE @'q r'");
    assertThat(read("3.5")).containsExactly("NUMBER 3", "SYMBOL .", "NUMBER 5");
  }

  @Test
  void charsetIntroducersAreWordsBeforeTheirString() {
    assertThat(read("DEFAULT _utf8mb4'x' N'y' _latin1 'z'")).containsExactly("WORD DEFAULT",
        "WORD _utf8mb4", "STRING 'x'", "WORD N", "STRING 'y'", "WORD _latin1", "STRING 'z'");
  }
}
