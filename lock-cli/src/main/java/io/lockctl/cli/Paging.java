package io.lockctl.cli;

import picocli.CommandLine.Option;

/** The {@code --page-size} and {@code --page-token} of a listing command. */
final class Paging {
  @Option(names = "--page-size", description = "results per page (default 50)")
  int size;

  @Option(names = "--page-token", description = "the next_page_token of the previous page")
  String token = "";
}
