package dev.ferry.api.rules;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.SourceSpec;
import dev.ferry.api.v1alpha1.TargetSpec;
import dev.ferry.api.v1alpha1.TlsMode;
import java.util.ArrayList;
import java.util.List;

/** A minimal valid spec for tests to break one field at a time. */
final class ValidSpecs {

  private ValidSpecs() {}

  static MigrationTaskSpec minimal(Mode mode) {
    MigrationTaskSpec spec = new MigrationTaskSpec();
    spec.setMode(mode);
    spec.setSources(new ArrayList<>(List.of(source("aurora", "aurora.example.com"))));
    TargetSpec target = new TargetSpec();
    target.setHost("polardb.example.com");
    target.setCredentialsSecret("polardb-credentials");
    spec.setTarget(target);
    return spec;
  }

  static SourceSpec source(String name, String host) {
    SourceSpec source = new SourceSpec();
    source.setName(name);
    source.setHost(host);
    source.setCredentialsSecret(name + "-credentials");
    source.getTls().setMode(TlsMode.Disabled);
    return source;
  }
}
