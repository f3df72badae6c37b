package dev.ferry.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"db.example.com", "localhost", "10.0.0.1", "::1", "[2001:db8::1]",
      "fe80::1%eth0", "aurora-cluster.cluster-abc.us-east-1.rds.amazonaws.com", "my_host"})
  void acceptsHosts(String host) {
    assertThat(Names.hostProblem(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"db:3306", "mysql://db", "db example", "-db", "db..example"})
  void rejectsMalformedHosts(String host) {
    assertThat(Names.hostProblem(host)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders", "Orders 2024", "ünïcödé", "select", "a-b"})
  void acceptsTableIdentifiersThatNeedQuoting(String name) {
    assertThat(Names.tableIdentifierProblem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-secret", "a.b.c", "x"})
  void acceptsSecretNames(String name) {
    assertThat(Names.dnsSubdomainProblem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"My-Secret", "-a", "a-", "a_b", "a..b"})
  void rejectsBadSecretNames(String name) {
    assertThat(Names.dnsSubdomainProblem(name)).isPresent();
  }
}
