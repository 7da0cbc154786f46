package io.lockctl.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --region} of a regional command, defaulting to {@code LOCKCTL_REGION}. */
final class Region {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = {"-r", "--region"},
      paramLabel = "REGION",
      defaultValue = "${env:LOCKCTL_REGION}",
      description = "the region, e.g. cn-hangzhou (default: $LOCKCTL_REGION)")
  String region;

  String id() {
    if (region == null || region.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give --region (or set LOCKCTL_REGION)");
    }
    return region;
  }
}
