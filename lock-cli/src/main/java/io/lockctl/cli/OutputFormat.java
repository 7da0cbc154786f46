package io.lockctl.cli;

/** How responses are printed: aligned text for people, proto JSON for scripts. */
enum OutputFormat {
  table,
  json
}
