package io.lockctl.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy in force, evaluated as IAM does: an applicable DENY statement wins; else an applicable
 * ALLOW allows; else the request is denied. Immutable and thread-safe.
 *
 * <p>For speed, the statements that cover an action are worked out once per action name and kept;
 * in that list the DENY statements come first, so the first statement that applies decides. An
 * evaluation is then one map lookup plus the pattern tests of the statements for that action, and
 * allocates nothing.
 */
public final class Policy implements Authorizer {
  /**
   * Action names come from lockctl's own code (one per RPC), so this bound is never reached in
   * practice; it only keeps a caller that invents names from growing the cache without end.
   */
  private static final int MAX_CACHED_ACTIONS = 4096;

  private final List<PolicyStatement> statements;
  private final CompiledStatement[] denyFirst;
  private final ConcurrentHashMap<String, CompiledStatement[]> byAction = new ConcurrentHashMap<>();

  private Policy(List<PolicyStatement> statements) {
    this.statements = List.copyOf(statements);
    List<CompiledStatement> denies = new ArrayList<>();
    List<CompiledStatement> allows = new ArrayList<>();
    for (int i = 0; i < this.statements.size(); i++) {
      CompiledStatement compiled = new CompiledStatement(i, this.statements.get(i));
      (compiled.effect() == Effect.DENY ? denies : allows).add(compiled);
    }
    denies.addAll(allows);
    this.denyFirst = denies.toArray(CompiledStatement[]::new);
  }

  /** The policy of the JSON document {@code json}, validated strictly. */
  public static Policy parse(byte[] json) throws InvalidPolicyException {
    return parse(json, "policy");
  }

  public static Policy parse(String json) throws InvalidPolicyException {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #parse(byte[])}; {@code source} names the document in the exception's message. */
  public static Policy parse(byte[] json, String source) throws InvalidPolicyException {
    return new Policy(PolicyParser.parse(json, source));
  }

  /** A policy of already validated statements. */
  public static Policy of(List<PolicyStatement> statements) {
    return new Policy(statements);
  }

  @Override
  public AccessDecision authorize(AccessRequest request) {
    for (CompiledStatement statement : statementsFor(request.action())) {
      if (statement.appliesTo(request)) {
        return statement.decision();
      }
    }
    return AccessDecision.implicitDeny();
  }

  public List<PolicyStatement> statements() {
    return statements;
  }

  private CompiledStatement[] statementsFor(String action) {
    CompiledStatement[] cached = byAction.get(action);
    if (cached != null) {
      return cached;
    }
    List<CompiledStatement> covering = new ArrayList<>();
    for (CompiledStatement statement : denyFirst) {
      if (statement.coversAction(action)) {
        covering.add(statement);
      }
    }
    CompiledStatement[] found = covering.toArray(CompiledStatement[]::new);
    if (byAction.size() < MAX_CACHED_ACTIONS) {
      byAction.putIfAbsent(action, found);
    }
    return found;
  }
}
