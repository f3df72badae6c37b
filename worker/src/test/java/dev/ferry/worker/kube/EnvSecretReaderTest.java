package dev.ferry.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.worker.db.MissingSecretException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSecretReaderTest {

  @Test
  void readsTheVariableOfASecretKey() {
    EnvSecretReader reader = new EnvSecretReader(Map.of(
        "FERRY_SECRET_AURORA_CREDENTIALS__PASSWORD", "s3cret"));

    assertThat(reader.read("aurora-credentials", "password")).isEqualTo("s3cret");
  }

  @Test
  void aMissingVariableNamesTheSecretTheKeyAndTheVariable() {
    EnvSecretReader reader = new EnvSecretReader(Map.of(
        "FERRY_SECRET_AURORA_CREDENTIALS__USERNAME", "admin"));

    assertThatThrownBy(() -> reader.read("aurora-credentials", "password"))
        .isInstanceOf(MissingSecretException.class)
        .hasMessageContaining("Secret aurora-credentials")
        .hasMessageContaining("key password")
        .hasMessageContaining("FERRY_SECRET_AURORA_CREDENTIALS__PASSWORD")
        .hasMessageNotContaining("admin");
  }
}
