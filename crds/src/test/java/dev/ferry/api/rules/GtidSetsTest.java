package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GtidSetsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5",
      "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:11:20-30",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n 4e11fa47-71ca-11e1-9e33-c80aa9429562:7",
      "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:mytag:1-3",
      "0-1-100",
      "0-1-100,1-2-7",
  })
  void acceptsMysqlAndMariadbSets(String set) {
    assertThat(GtidSets.problem(set)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "0-1", "0-1-100,3E11FA47-71CA-11E1-9E33-C80AA9429562:1",
      "3E11FA47-71CA-11E1-9E33-C80AA9429562", "3E11FA47:1-5", "0-1-x"})
  void rejectsOtherText(String set) {
    assertThat(GtidSets.problem(set)).isPresent();
  }
}
