package dev.ferry.operator.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.operator.pod.SecretEnvVars.SecretKey;
import dev.ferry.worker.kube.SecretEnv;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretEnvVarsTest {

  @ParameterizedTest
  @CsvSource({"aurora-credentials, password", "db.prod, username", "x, ca.crt",
      "tls-ca, tls_ca-2.pem"})
  void theOperatorNamesVariablesAsTheWorkerReadsThem(String secret, String key) {
    assertThat(SecretEnvVars.variable(secret, key)).isEqualTo(SecretEnv.variable(secret, key))
        .matches("[A-Z0-9_]+");
  }

  @Test
  void keysThatMapToOneVariableCollide() {
    List<SecretKey> keys = List.of(new SecretKey("db-a", "password", "spec.sources[0]"),
        new SecretKey("db.a", "password", "spec.target"),
        new SecretKey("db-a", "password", "spec.sources[1]"));

    assertThat(SecretEnvVars.collisions(keys)).singleElement().satisfies(problem ->
        assertThat(problem).contains("spec.target", "db.a", "db-a",
            "FERRY_SECRET_DB_A__PASSWORD", "Fix"));
  }
}
