package io.lockctl.cli;

/** What lockctl's exit status means to a script. */
final class ExitCodes {
  /** The call succeeded, or the check passed. */
  static final int OK = 0;

  /** The server refused or failed the call, or a check found a problem. */
  static final int FAILED = 1;

  /** The command line was wrong: an unknown command or flag, a bad value, an unreadable file. */
  static final int USAGE = 2;

  private ExitCodes() {}
}
