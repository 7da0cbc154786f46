package io.lockctl.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrnTest {

  @Test
  void namesEachKindOfResource() {
    assertEquals(
        "lrn:lockctl:cn-hangzhou:snapshot/s-0123456789abcdefghij",
        Lrn.snapshot("cn-hangzhou", "s-0123456789abcdefghij"));
    assertEquals("lrn:lockctl:us-east-1:rule/a1B2c3D4e5F", Lrn.rule("us-east-1", "a1B2c3D4e5F"));
    assertEquals(
        "lrn:lockctl:eu:target-relationship/0b6f1c9e-5a0e-4c8a-9d61-3f1e4b7a2c10",
        Lrn.targetRelationship("eu", "0b6f1c9e-5a0e-4c8a-9d61-3f1e4b7a2c10"));
    assertEquals(
        "lrn:lockctl::lock-key/lk-0123456789abcdefghij", Lrn.lockKey("lk-0123456789abcdefghij"));
    assertEquals("lrn:lockctl::access-key/AK123", Lrn.accessKey("AK123"));
    assertEquals("lrn:lockctl::audit", Lrn.AUDIT);
    assertEquals("lrn:lockctl::clock", Lrn.CLOCK);
  }

  @Test
  void collectionsEndInALiteralStar() {
    assertEquals("lrn:lockctl:cn-hangzhou:snapshot/*", Lrn.snapshots("cn-hangzhou"));
    assertEquals("lrn:lockctl:cn-hangzhou:rule/*", Lrn.rules("cn-hangzhou"));
    assertEquals(
        "lrn:lockctl:cn-hangzhou:target-relationship/*", Lrn.targetRelationships("cn-hangzhou"));
    assertEquals("lrn:lockctl:*:target-relationship/*", Lrn.targetRelationships(""));
    assertEquals("lrn:lockctl:*:target-relationship/*", Lrn.TARGET_RELATIONSHIPS_IN_EVERY_REGION);
    assertEquals("lrn:lockctl::lock-key/*", Lrn.LOCK_KEYS);
    assertEquals("lrn:lockctl::access-key/*", Lrn.ACCESS_KEYS);
  }

  @Test
  void malformedPartsAreEncodedSoTheyCannotPassForAnotherName() {
    assertEquals(
        "lrn:lockctl:cn-hangzhou%3Asnapshot%2Fx:snapshot/s-1",
        Lrn.snapshot("cn-hangzhou:snapshot/x", "s-1"));
    assertEquals("lrn:lockctl:r:snapshot/%2A", Lrn.snapshot("r", "*"));
    assertEquals("lrn:lockctl:r:snapshot/s-%3F", Lrn.snapshot("r", "s-?"));
    assertEquals("lrn:lockctl:r:rule/%25", Lrn.rule("r", "%"));
    assertEquals("lrn:lockctl::lock-key/%C3%A9", Lrn.lockKey("\u00e9"));
    assertEquals("lrn:lockctl:r:snapshot/a%0Ab", Lrn.snapshot("r", "a\nb"));
  }

  @Test
  void wellFormedPartsAreNotCopied() {
    String id = "s-0123456789abcdefghij";
    assertSame(id, Lrn.part(id));
  }

  @Test
  void actionsAreLockctlAndTheRpcName() {
    assertEquals("lockctl:LockSnapshot", Actions.forRpc("LockSnapshot"));
    assertEquals("lockctl:AcceptClock", Actions.ACCEPT_CLOCK);
    assertEquals("lockctl:CreateAccessKey", Actions.CREATE_ACCESS_KEY);
    assertEquals("lockctl:ListAccessKeys", Actions.LIST_ACCESS_KEYS);
    assertEquals("lockctl:DeleteAccessKey", Actions.DELETE_ACCESS_KEY);
    assertThrows(IllegalArgumentException.class, () -> Actions.forRpc("lockctl:LockSnapshot"));
    assertThrows(IllegalArgumentException.class, () -> Actions.forRpc("lockSnapshot"));
    assertThrows(IllegalArgumentException.class, () -> Actions.forRpc(""));
  }
}
