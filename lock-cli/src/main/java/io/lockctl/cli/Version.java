package io.lockctl.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven packaged, from the jar's manifest. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Lockctl.class.getPackage().getImplementationVersion();
    return new String[] {"lockctl " + (version == null ? "(development build)" : version)};
  }
}
