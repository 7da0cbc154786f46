package io.lockctl.core.lockkey;

import static io.lockctl.core.lockkey.Fx.KEY_ID;
import static io.lockctl.core.lockkey.Fx.OTHER_KEY_ID;
import static io.lockctl.core.lockkey.Fx.T0;
import static io.lockctl.core.lockkey.Rejections.accepted;
import static io.lockctl.core.lockkey.Rejections.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockKeyDecisionsTest {
  private static final KeyPair PAIR = TestKeys.p256();

  @Test
  void createStoresTheKeyEnabledWithItsPemAndTime() {
    CreateLockKeyCommand command = TestKeys.create("backup-key", PAIR);
    LockKey key = accepted(LockKeyDecisions.create(null, command, KEY_ID, T0));
    assertEquals(new LockKey(KEY_ID, "backup-key", "", command.publicKeyPem(), false, T0), key);
  }

  @Test
  void createChecksTheNameAndCommentFirst() {
    CreateLockKeyCommand good = TestKeys.create("backup-key", PAIR);
    for (String name :
        new String[] {"", "-dash-first", "has space", "x".repeat(65), "lk-0123456789abcdefghij"}) {
      rejected(
          LockKeyDecisions.create(
              null,
              new CreateLockKeyCommand(name, "", good.publicKeyPem(), good.verificationSignature()),
              KEY_ID,
              T0),
          Reason.INVALID_PARAMETER,
          "name");
    }
    rejected(
        LockKeyDecisions.create(
            null,
            new CreateLockKeyCommand("backup-key", "c".repeat(1025), "not a pem", ""),
            KEY_ID,
            T0),
        Reason.INVALID_PARAMETER,
        "comment");
  }

  @Test
  void aBadPublicKeyIsInvalidPublicKey() {
    CreateLockKeyCommand good = TestKeys.create("backup-key", PAIR);
    rejected(
        LockKeyDecisions.create(
            null,
            new CreateLockKeyCommand(
                "backup-key",
                "",
                TestKeys.pem(TestKeys.rsa().getPublic()),
                good.verificationSignature()),
            KEY_ID,
            T0),
        Reason.INVALID_PUBLIC_KEY,
        "public_key");
    rejected(
        LockKeyDecisions.create(
            null,
            new CreateLockKeyCommand("backup-key", "", "", good.verificationSignature()),
            KEY_ID,
            T0),
        Reason.INVALID_PUBLIC_KEY,
        "public_key");
  }

  @Test
  void theVerificationSignatureMustBeTheKeysSignatureOfTheName() {
    String pem = TestKeys.pem(PAIR.getPublic());
    for (String signature :
        new String[] {
          "",
          "%%%",
          TestKeys.sign(PAIR.getPrivate(), "other-name"),
          TestKeys.sign(TestKeys.p256().getPrivate(), "backup-key")
        }) {
      rejected(
          LockKeyDecisions.create(
              null, new CreateLockKeyCommand("backup-key", "", pem, signature), KEY_ID, T0),
          Reason.INVALID_PUBLIC_KEY,
          "verification_signature");
    }
  }

  @Test
  void aTakenNameIsAlreadyExistsAfterTheKeyChecks() {
    LockKey existing = Fx.key(OTHER_KEY_ID, "backup-key", false);
    Rejection rejection =
        Rejections.rejected(
            LockKeyDecisions.create(existing, TestKeys.create("backup-key", PAIR), KEY_ID, T0),
            Reason.LOCK_KEY_ALREADY_EXISTS);
    assertEquals(Map.of("name", "backup-key"), rejection.metadata());
    // a bad key is reported before the duplicate name
    rejected(
        LockKeyDecisions.create(
            existing, new CreateLockKeyCommand("backup-key", "", "x", ""), KEY_ID, T0),
        Reason.INVALID_PUBLIC_KEY,
        "public_key");
  }

  @Test
  void updateChangesTheCommentAndTheFlagNamedByTheMask() {
    LockKey key = Fx.key(KEY_ID);
    KeyChange change =
        accepted(
            LockKeyDecisions.update(
                key, new UpdateLockKeyCommand(KEY_ID, "new", true, List.of("comment")), List.of()));
    assertEquals("new", change.key().comment());
    assertFalse(change.key().disabled());
    change =
        accepted(
            LockKeyDecisions.update(
                key,
                new UpdateLockKeyCommand(KEY_ID, "ignored", true, List.of("disabled")),
                List.of()));
    assertEquals("", change.key().comment());
    assertTrue(change.key().disabled());
    assertTrue(change.detached().isEmpty());
  }

  @Test
  void updateRefusesABadMaskOrReference() {
    LockKey key = Fx.key(KEY_ID);
    rejected(
        LockKeyDecisions.update(
            key, new UpdateLockKeyCommand(KEY_ID, "", false, List.of()), List.of()),
        Reason.INVALID_PARAMETER,
        "update_mask");
    rejected(
        LockKeyDecisions.update(
            key,
            new UpdateLockKeyCommand(KEY_ID, "", false, List.of("name", "public_key")),
            List.of()),
        Reason.INVALID_PARAMETER,
        "update_mask",
        "update_mask");
    rejected(
        LockKeyDecisions.update(
            key,
            new UpdateLockKeyCommand(KEY_ID, "c".repeat(1025), false, List.of("comment")),
            List.of()),
        Reason.INVALID_PARAMETER,
        "lock_key.comment");
    rejected(
        LockKeyDecisions.update(
            null, new UpdateLockKeyCommand("", "", false, List.of("comment")), List.of()),
        Reason.INVALID_PARAMETER,
        "lock_key_ref");
    rejected(
        LockKeyDecisions.update(
            null, new UpdateLockKeyCommand(KEY_ID, "", false, List.of("comment")), List.of()),
        Reason.LOCK_KEY_NOT_FOUND);
  }

  @Test
  void theCurrentKeyOfAnOriginalRelationshipCannotBeDisabled() {
    KeyHolder user = Fx.holder(KeyHolder.Role.CURRENT);
    Rejection rejection =
        Rejections.rejected(
            LockKeyDecisions.update(
                Fx.key(KEY_ID),
                new UpdateLockKeyCommand(KEY_ID, "", true, List.of("disabled")),
                List.of(user)),
            Reason.LOCK_KEY_IN_USE);
    assertEquals(Map.of("lock_key_id", KEY_ID, "relationship_id", Fx.REL_ID), rejection.metadata());
  }

  @Test
  void theCurrentKeyOfAReversedRelationshipCannotBeDisabled() {
    KeyHolder user = Fx.holder(KeyHolder.Role.CURRENT);
    rejected(
        LockKeyDecisions.update(
            Fx.key(KEY_ID),
            new UpdateLockKeyCommand(KEY_ID, "", true, List.of("disabled")),
            List.of(user)),
        Reason.LOCK_KEY_IN_USE);
  }

  @Test
  void aDormantKeyMayBeDisabledAndIsDroppedFromItsRelationship() {
    KeyHolder user = Fx.holder(KeyHolder.Role.DORMANT);
    KeyChange change =
        accepted(
            LockKeyDecisions.update(
                Fx.key(KEY_ID),
                new UpdateLockKeyCommand(KEY_ID, "", true, List.of("disabled")),
                List.of(user)));
    assertTrue(change.key().disabled());
    assertEquals(List.of(user), change.detached());
  }

  @Test
  void aKeyCurrentInOneRelationshipIsInUse() {
    KeyHolder user = Fx.holder(KeyHolder.Role.CURRENT);
    rejected(
        LockKeyDecisions.update(
            Fx.key(KEY_ID),
            new UpdateLockKeyCommand(KEY_ID, "", true, List.of("disabled")),
            List.of(user)),
        Reason.LOCK_KEY_IN_USE);
  }

  @Test
  void enablingOrChangingTheCommentOfAKeyInUseIsAllowed() {
    KeyHolder user = Fx.holder(KeyHolder.Role.CURRENT);
    KeyChange change =
        accepted(
            LockKeyDecisions.update(
                Fx.key(KEY_ID),
                new UpdateLockKeyCommand(
                    KEY_ID, "still used", false, List.of("comment", "disabled")),
                List.of(user)));
    assertEquals("still used", change.key().comment());
    assertFalse(change.key().disabled());
    LockKey disabled = Fx.key(OTHER_KEY_ID, "old", true);
    assertFalse(
        accepted(
                LockKeyDecisions.update(
                    disabled,
                    new UpdateLockKeyCommand(OTHER_KEY_ID, "", false, List.of("disabled")),
                    List.of()))
            .key()
            .disabled());
  }

  @Test
  void deleteRefusesACurrentKeyAndAKeyThatStillLocksSnapshots() {
    LockKey key = Fx.key(KEY_ID);
    rejected(
        LockKeyDecisions.delete(key, KEY_ID, List.of(Fx.holder(KeyHolder.Role.CURRENT)), 0),
        Reason.LOCK_KEY_IN_USE);
    rejected(
        LockKeyDecisions.delete(key, KEY_ID, List.of(Fx.holder(KeyHolder.Role.CURRENT)), 0),
        Reason.LOCK_KEY_IN_USE);
    Rejection rejection =
        Rejections.rejected(
            LockKeyDecisions.delete(key, KEY_ID, List.of(), 2), Reason.LOCK_KEY_IN_USE);
    assertEquals("2", rejection.metadata().get("locked_snapshot_count"));
  }

  @Test
  void aDisabledKeyThatStillLocksSnapshotsCannotBeDeletedEither() {
    rejected(
        LockKeyDecisions.delete(Fx.key(KEY_ID, "old", true), KEY_ID, List.of(), 1),
        Reason.LOCK_KEY_IN_USE);
  }

  @Test
  void deleteOfADormantKeyDetachesIt() {
    KeyHolder user = Fx.holder(KeyHolder.Role.DORMANT);
    KeyChange change = accepted(LockKeyDecisions.delete(Fx.key(KEY_ID), KEY_ID, List.of(user), 0));
    assertEquals(List.of(user), change.detached());
  }

  @Test
  void deleteOfAnUnknownOrMalformedReference() {
    rejected(LockKeyDecisions.delete(null, "backup-key", List.of(), 0), Reason.LOCK_KEY_NOT_FOUND);
    rejected(
        LockKeyDecisions.delete(null, "bad ref", List.of(), 0),
        Reason.INVALID_PARAMETER,
        "lock_key_ref");
  }

  @Test
  void onlyAnEnabledKeyMayLockSomethingNew() {
    rejected(LockKeyDecisions.forLocking(null, "backup-key"), Reason.LOCK_KEY_NOT_FOUND);
    rejected(
        LockKeyDecisions.forLocking(Fx.key(KEY_ID, "old", true), "old"), Reason.LOCK_KEY_DISABLED);
    assertEquals(Fx.key(KEY_ID), accepted(LockKeyDecisions.forLocking(Fx.key(KEY_ID), KEY_ID)));
  }
}
