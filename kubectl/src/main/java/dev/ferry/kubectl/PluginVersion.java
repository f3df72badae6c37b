package dev.ferry.kubectl;

import picocli.CommandLine.IVersionProvider;

/** The version of the plugin, from its jar's manifest. */
final class PluginVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = PluginVersion.class.getPackage().getImplementationVersion();
    return new String[] {"kubectl-ferry " + (version == null ? "(development build)" : version)};
  }
}
