package io.lockctl.core.auth;

import java.util.List;

/**
 * A policy that cannot be put in force, with every problem found (each saying where: the statement
 * by index and sid, and the field). The message is one line, fit for a log line or for the error
 * the server exits with.
 */
public final class InvalidPolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A file with a thousand mistakes should not make a thousand-part log line. */
  private static final int MAX_PROBLEMS_IN_MESSAGE = 20;

  private final String source;
  private final List<String> problems;

  public InvalidPolicyException(String source, List<String> problems) {
    super(message(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  public InvalidPolicyException(String source, String problem) {
    this(source, List.of(problem));
  }

  /** What was read, e.g. {@code "policy file /etc/lockctl/policy.json"}. */
  public String source() {
    return source;
  }

  /** Each problem, without the source. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder message = new StringBuilder(source).append(": ");
    int shown = Math.min(problems.size(), MAX_PROBLEMS_IN_MESSAGE);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        message.append("; ");
      }
      message.append(problems.get(i).replace('\n', ' ').replace('\r', ' '));
    }
    if (problems.size() > shown) {
      message.append("; and ").append(problems.size() - shown).append(" more");
    }
    return message.toString();
  }
}
