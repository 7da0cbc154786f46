package io.lockctl.core.auth;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.error.SafeText;
import java.util.LinkedHashMap;
import java.util.Map;

/** The refusals of authentication and authorization, worded the same for every edge. */
public final class AuthRejections {
  /**
   * Metadata travels in every refused call's status trailer; a caller-chosen resource id or a
   * certificate's subject must not make it large.
   */
  static final int MAX_METADATA_CHARS = 256;

  private AuthRejections() {}

  /**
   * ACCESS_DENIED for {@code request}, with metadata {@code action}, {@code resource} and {@code
   * principal} and, when a DENY statement decided, {@code denied_by} (its sid or position).
   */
  public static Rejection accessDenied(AccessRequest request, AccessDecision decision) {
    if (decision.allowed()) {
      throw new IllegalArgumentException("the request was allowed: " + decision);
    }
    String action = safe(request.action());
    String resource = safe(request.resource());
    String principal = safe(request.principal());
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("action", action);
    metadata.put("resource", resource);
    metadata.put("principal", principal);
    String why;
    if (decision.outcome() == AccessDecision.Outcome.EXPLICITLY_DENIED) {
      String statement =
          decision.sid().orElse("statements[" + decision.statementIndex().orElse(-1) + "]");
      metadata.put("denied_by", safe(statement));
      why = decision.decidedBy() + " denies it";
    } else {
      why = "no statement allows it";
    }
    return Rejection.of(
        Reason.ACCESS_DENIED,
        principal + " may not " + action + " on " + resource + ": " + why,
        metadata);
  }

  /** UNAUTHENTICATED: credentials are required and {@code why} the call's are not valid. */
  public static Rejection unauthenticated(String why) {
    return Rejection.of(Reason.UNAUTHENTICATED, safe(why));
  }

  private static String safe(String value) {
    return SafeText.escape(value, MAX_METADATA_CHARS, false);
  }
}
