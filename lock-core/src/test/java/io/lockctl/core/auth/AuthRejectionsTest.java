package io.lockctl.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.ErrorCode;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.error.SafeText;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthRejectionsTest {
  private static final String SNAPSHOT = Lrn.snapshot("cn-hangzhou", "s-1");

  private static Policy policy() throws InvalidPolicyException {
    return Policy.parse(PolicyEvaluationTest.EXAMPLE);
  }

  @Test
  void anImplicitDenialNamesActionResourceAndPrincipal() throws InvalidPolicyException {
    AccessRequest request = AccessRequest.of("alice", Actions.forRpc("DeleteSnapshot"), SNAPSHOT);
    Rejection rejection = AuthRejections.accessDenied(request, policy().authorize(request));
    assertEquals(Reason.ACCESS_DENIED, rejection.reason());
    assertEquals(ErrorCode.PERMISSION_DENIED, rejection.reason().code());
    assertEquals(
        Map.of("action", "lockctl:DeleteSnapshot", "resource", SNAPSHOT, "principal", "alice"),
        rejection.metadata());
    assertEquals(
        "alice may not lockctl:DeleteSnapshot on " + SNAPSHOT + ": no statement allows it",
        rejection.message());
    assertTrue(rejection.violations().isEmpty());
  }

  @Test
  void anExplicitDenialAlsoNamesTheStatement() throws InvalidPolicyException {
    AccessRequest request =
        new AccessRequest(
            "bob",
            Actions.forRpc("UnlockSnapshot"),
            SNAPSHOT,
            Map.of(ConditionKey.LOCK_MODE.key(), "GOVERNANCE"));
    Rejection rejection = AuthRejections.accessDenied(request, policy().authorize(request));
    assertEquals("only-admins-lift-governance", rejection.metadata().get("denied_by"));
    assertTrue(
        rejection.message().endsWith(": statement \"only-admins-lift-governance\" denies it"),
        rejection.message());
  }

  @Test
  void longOrOddValuesAreCutAndEscaped() {
    String longResource = "lrn:lockctl:r:snapshot/" + "x".repeat(1000);
    AccessRequest request =
        AccessRequest.of("eve\n2025-01-01 INFO forged", "lockctl:GetSnapshot", longResource);
    Rejection rejection = AuthRejections.accessDenied(request, AccessDecision.implicitDeny());
    String resource = rejection.metadata().get("resource");
    assertEquals(AuthRejections.MAX_METADATA_CHARS, resource.length());
    assertTrue(resource.endsWith("..."));
    assertTrue(longResource.startsWith(resource.substring(0, resource.length() - 3)));
    assertEquals("eve\\u000a2025-01-01 INFO forged", rejection.metadata().get("principal"));
    assertFalse(rejection.message().contains("\n"));
  }

  @Test
  void anAllowedRequestCannotBeRefused() throws InvalidPolicyException {
    AccessRequest request =
        AccessRequest.of(
            "spiffe://corp.example/ns/backup/sa/w", Actions.forRpc("GetSnapshot"), SNAPSHOT);
    AccessDecision allowed = policy().authorize(request);
    assertTrue(allowed.allowed());
    assertThrows(
        IllegalArgumentException.class, () -> AuthRejections.accessDenied(request, allowed));
  }

  @Test
  void unauthenticatedHasItsOwnCode() {
    Rejection rejection = AuthRejections.unauthenticated("the bearer token has expired");
    assertEquals(Reason.UNAUTHENTICATED, rejection.reason());
    assertEquals(ErrorCode.UNAUTHENTICATED, rejection.reason().code());
    assertEquals("the bearer token has expired", rejection.message());
  }

  @Test
  void safeTextKeepsPlainTextAndNeverSplitsAnEscapeOrASurrogatePair() {
    String plain = "spiffe://corp.example/ns/backup/sa/snapshotter";
    assertSame(plain, SafeText.escape(plain, 256, false));
    assertEquals("a\\\\b", SafeText.escape("a\\b", 256, false));
    assertEquals("\\\"q\\\"", SafeText.escape("\"q\"", 256, true));
    assertEquals("\"q\"", SafeText.escape("\"q\"", 256, false));
    assertEquals("ab...", SafeText.escape("ab\u0001cdef", 6, false));
    String emoji = "\uD83D\uDD12";
    assertEquals("a...", SafeText.escape("a" + emoji + emoji + "b", 5, false));
    assertEquals("a" + emoji + "b", SafeText.escape("a" + emoji + "b", 4, false));
  }
}
