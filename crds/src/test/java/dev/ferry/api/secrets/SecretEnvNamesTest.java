package dev.ferry.api.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.secrets.SecretEnvNames.SecretKey;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.SecretKeyRef;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretEnvNamesTest {

  @ParameterizedTest
  @CsvSource({"aurora-credentials, password, FERRY_SECRET_AURORA_CREDENTIALS__PASSWORD",
      "db.prod, username, FERRY_SECRET_DB_PROD__USERNAME",
      "x, ca.crt, FERRY_SECRET_X__CA_CRT",
      "tls-ca, tls_ca-2.pem, FERRY_SECRET_TLS_CA__TLS_CA_2_PEM"})
  void namesAreUpperCaseWithEveryOtherCharacterAnUnderscore(String secret, String key,
      String variable) {
    assertThat(SecretEnvNames.variable(secret, key)).isEqualTo(variable);
  }

  @Test
  void keysOfASpecAreCredentialsAndCaKeysInSpecOrderWithoutRepeats() {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.getSources().add(source("a", "shared-credentials"));
    SourceSpec second = source("b", "shared-credentials");
    SecretKeyRef ca = new SecretKeyRef();
    ca.setName("source-ca");
    ca.setKey("ca.crt");
    second.getTls().setCaSecret(ca);
    spec.getSources().add(second);
    TargetSpec target = new TargetSpec();
    target.setCredentialsSecret("target-credentials");
    spec.setTarget(target);

    assertThat(SecretEnvNames.keysOf(spec)).containsExactly(
        new SecretKey("shared-credentials", "username", "spec.sources[0].credentialsSecret"),
        new SecretKey("shared-credentials", "password", "spec.sources[0].credentialsSecret"),
        new SecretKey("source-ca", "ca.crt", "spec.sources[1].tls.caSecret"),
        new SecretKey("target-credentials", "username", "spec.target.credentialsSecret"),
        new SecretKey("target-credentials", "password", "spec.target.credentialsSecret"));
  }

  @Test
  void keysThatMapToOneVariableCollide() {
    List<SecretKey> keys = List.of(new SecretKey("db-a", "password", "spec.sources[0]"),
        new SecretKey("db.a", "password", "spec.target"),
        new SecretKey("db-a", "password", "spec.sources[1]"));

    assertThat(SecretEnvNames.collisions(keys)).singleElement().satisfies(problem ->
        assertThat(problem).contains("spec.target", "db.a", "db-a",
            "FERRY_SECRET_DB_A__PASSWORD", "Fix"));
  }

  @Test
  void distinctNamesDoNotCollide() {
    assertThat(SecretEnvNames.collisions(List.of(
        new SecretKey("db-a", "password", "spec.sources[0]"),
        new SecretKey("db-b", "password", "spec.target")))).isEmpty();
  }

  private static SourceSpec source(String name, String secret) {
    SourceSpec source = new SourceSpec();
    source.setName(name);
    source.setCredentialsSecret(secret);
    return source;
  }
}
