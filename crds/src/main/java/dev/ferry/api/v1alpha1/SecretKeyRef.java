package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A key in a Secret of the task's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

  @Required
  @JsonPropertyDescription("Name of the Secret, in the namespace of the MigrationTask.")
  private String name;

  @Default("ca.crt")
  @JsonPropertyDescription("Key in the Secret that holds the value. Default ca.crt.")
  private String key = "ca.crt";

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key == null ? "ca.crt" : key;
  }
}
