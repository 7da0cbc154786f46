package io.lockctl.server.replicas;

import com.google.protobuf.Message;

/**
 * One call of the race as its client saw it: what it asked of which resource, through which
 * replica, when it was sent and answered (System.nanoTime), and the answer.
 *
 * @param reason the ErrorInfo reason of a refusal, the status code of an in-doubt call, else ""
 * @param response the response of a successful call, else null
 */
record Call(
    String resource,
    Kind kind,
    String replica,
    long start,
    long end,
    Outcome outcome,
    String reason,
    Message response) {

  enum Kind {
    REGISTER,
    LOCK,
    UNLOCK,
    DELETE,
    CREATE_RULE,
    LOCK_RULE,
    UPDATE_RULE,
    DELETE_RULE
  }

  enum Outcome {
    /** Acknowledged. */
    OK,
    /** Refused with a reason: changed nothing. */
    REFUSED,
    /**
     * No answer the client can trust (timeout, INTERNAL, UNAVAILABLE): it may or may not have
     * happened.
     */
    IN_DOUBT
  }

  boolean succeeded() {
    return outcome == Outcome.OK;
  }

  /**
   * Whether this call could come before {@code other} in a serial order (it did not start after it
   * ended).
   */
  boolean mayPrecede(Call other) {
    return start < other.end;
  }

  @Override
  public String toString() {
    return kind
        + " "
        + resource
        + " via "
        + replica
        + " ["
        + start
        + ", "
        + end
        + "] "
        + outcome
        + (reason.isEmpty() ? "" : " " + reason);
  }
}
