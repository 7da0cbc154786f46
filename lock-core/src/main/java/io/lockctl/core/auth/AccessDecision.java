package io.lockctl.core.auth;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The answer to an {@link AccessRequest}: allowed or denied, and which statement decided, for the
 * logs and the error metadata. A policy makes each of its decisions once, when it is compiled, so
 * evaluating a request allocates nothing.
 */
public final class AccessDecision {

  /** How the decision was reached. */
  public enum Outcome {
    /** An ALLOW statement applies and no DENY statement does. */
    ALLOWED,
    /** A DENY statement applies; it wins over any ALLOW. */
    EXPLICITLY_DENIED,
    /** No statement allows the request. */
    IMPLICITLY_DENIED
  }

  private static final AccessDecision IMPLICIT_DENY =
      new AccessDecision(Outcome.IMPLICITLY_DENIED, -1, "", "no statement allowed it");

  private final Outcome outcome;
  private final int statementIndex;
  private final String sid;
  private final String decidedBy;

  private AccessDecision(Outcome outcome, int statementIndex, String sid, String decidedBy) {
    this.outcome = outcome;
    this.statementIndex = statementIndex;
    this.sid = sid;
    this.decidedBy = decidedBy;
  }

  static AccessDecision implicitDeny() {
    return IMPLICIT_DENY;
  }

  /** The decision of the statement at {@code index} (its {@code sid} may be empty). */
  static AccessDecision byStatement(Effect effect, int index, String sid) {
    return new AccessDecision(
        effect == Effect.ALLOW ? Outcome.ALLOWED : Outcome.EXPLICITLY_DENIED,
        index,
        sid,
        statementName(index, sid));
  }

  /** How a statement is named in decisions and messages: its sid, else its position. */
  static String statementName(int index, String sid) {
    return sid.isEmpty() ? "statements[" + index + "]" : "statement \"" + sid + "\"";
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The position of the deciding statement in the policy's {@code statements}, if one decided. */
  public OptionalInt statementIndex() {
    return statementIndex < 0 ? OptionalInt.empty() : OptionalInt.of(statementIndex);
  }

  /** The deciding statement's {@code sid}, if one decided and it has a sid. */
  public Optional<String> sid() {
    return sid.isEmpty() ? Optional.empty() : Optional.of(sid);
  }

  /**
   * For logs: {@code statement "backup-writer"}, {@code statements[3]} (no sid) or {@code no
   * statement allowed it}.
   */
  public String decidedBy() {
    return decidedBy;
  }

  @Override
  public String toString() {
    return outcome + " (" + decidedBy + ")";
  }
}
