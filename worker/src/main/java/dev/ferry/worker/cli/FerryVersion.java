package dev.ferry.worker.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of the ferry jar, from its manifest. */
final class FerryVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = FerryVersion.class.getPackage().getImplementationVersion();
    return new String[] {"ferry " + (version == null ? "(development build)" : version)};
  }
}
