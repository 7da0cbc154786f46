package io.lockctl.loadtest;

import java.util.List;
import java.util.Set;

/** {@code noop --port P [--host H]}; port 0 picks a free one (the ready line tells which). */
record NoopOptions(String host, int port) {

  static final String USAGE = "noop --port P [--host 127.0.0.1]";

  static NoopOptions parse(List<String> args) {
    Args a = Args.parse(args, Set.of("host", "port"), Set.of());
    long port = a.longValue("port", 0);
    if (port > 65535) {
      throw new UsageException("--port must be at most 65535, was " + port);
    }
    return new NoopOptions(a.string("host", "127.0.0.1"), (int) port);
  }
}
