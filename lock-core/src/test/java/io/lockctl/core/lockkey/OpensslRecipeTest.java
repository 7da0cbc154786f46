package io.lockctl.core.lockkey;

import static io.lockctl.core.lockkey.Rejections.accepted;
import static io.lockctl.core.lockkey.Rejections.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.error.Reason;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key workflow documented in replication.proto, run with the openssl command line exactly as
 * written there, so the recipe is proven to produce what lockctl accepts. Skipped where openssl is
 * not installed.
 */
class OpensslRecipeTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final String NAME = "backup-key";

  @TempDir Path dir;

  @BeforeAll
  static void opensslIsInstalled() {
    Assumptions.assumeTrue(Openssl.installed(), "openssl is not installed");
  }

  private String run(String command) {
    return new Openssl(dir).run(command);
  }

  private String read(String file) {
    return new Openssl(dir).read(file);
  }

  @Test
  void aKeyRegisteredAsDocumentedIsAcceptedAndUnlocksWithAChallengeSignedAsDocumented()
      throws IOException {
    run("openssl ecparam -name prime256v1 -genkey -noout -out key.pem");
    run("openssl ec -in key.pem -pubout -out pub.pem");
    String signature =
        run("printf %s " + NAME + " | openssl dgst -sha256 -sign key.pem | base64 -w0");
    String pem = Files.readString(dir.resolve("pub.pem"));

    LockKey key =
        accepted(
            LockKeyDecisions.create(
                null,
                new CreateLockKeyCommand(NAME, "made by openssl", pem, signature),
                "lk-0123456789abcdefghij",
                NOW));

    UnlockChallenges challenges = new UnlockChallenges(new byte[32]);
    Snapshot snapshot = keyLocked(key);
    UnlockChallenge challenge =
        accepted(challenges.issue(snapshot, snapshot.regionId(), snapshot.snapshotId(), NOW));
    Files.write(dir.resolve("challenge.bin"), challenge.bytes());
    String unlockSignature = run("openssl dgst -sha256 -sign key.pem challenge.bin | base64 -w0");

    assertEquals(
        challenge,
        accepted(
            challenges.verify(
                snapshot.regionId(),
                snapshot.snapshotId(),
                snapshot.lock(),
                key,
                unlockSignature,
                NOW.plusSeconds(90),
                nonce -> false)));
  }

  @Test
  void theChallengeTextCanAlsoBeSignedFromAShellVariable() {
    run("openssl ecparam -name prime256v1 -genkey -noout -out key.pem");
    run("openssl ec -in key.pem -pubout -out pub.pem");
    LockKey key =
        accepted(
            LockKeyDecisions.create(
                null,
                new CreateLockKeyCommand(
                    NAME,
                    "",
                    read("pub.pem"),
                    run(
                        "printf %s "
                            + NAME
                            + " | openssl dgst -sha256 -sign key.pem | base64 -w0")),
                "lk-0123456789abcdefghij",
                NOW));
    UnlockChallenges challenges = new UnlockChallenges(new byte[32]);
    Snapshot snapshot = keyLocked(key);
    UnlockChallenge challenge =
        accepted(challenges.issue(snapshot, snapshot.regionId(), snapshot.snapshotId(), NOW));

    String signature =
        run(
            "CHALLENGE='"
                + challenge.text()
                + "'; "
                + "printf %s \"$CHALLENGE\" | openssl dgst -sha256 -sign key.pem | base64 -w0");

    accepted(
        challenges.verify(
            snapshot.regionId(),
            snapshot.snapshotId(),
            snapshot.lock(),
            key,
            signature,
            NOW,
            nonce -> false));
  }

  @Test
  void aSecp256k1KeyFromOpensslIsRefused() {
    run("openssl ecparam -name secp256k1 -genkey -noout -out key.pem");
    run("openssl ec -in key.pem -pubout -out pub.pem");
    rejected(
        LockKeyCrypto.parsePublicKey("public_key", read("pub.pem")),
        Reason.INVALID_PUBLIC_KEY,
        "public_key");
  }

  @Test
  void aCompressedP256PointIsRefusedAsDocumented() {
    run("openssl ecparam -name prime256v1 -genkey -noout -out key.pem");
    run("openssl ec -in key.pem -pubout -conv_form compressed -out pub.pem");
    rejected(
        LockKeyCrypto.parsePublicKey("public_key", read("pub.pem")),
        Reason.INVALID_PUBLIC_KEY,
        "public_key");
  }

  @Test
  void aVerificationSignatureOfANameWithATrailingNewlineIsRefused() {
    // `echo NAME | openssl dgst ...` signs "NAME\n": the documented recipe uses printf %s.
    run("openssl ecparam -name prime256v1 -genkey -noout -out key.pem");
    run("openssl ec -in key.pem -pubout -out pub.pem");
    String signature = run("echo " + NAME + " | openssl dgst -sha256 -sign key.pem | base64 -w0");
    rejected(
        LockKeyDecisions.create(
            null,
            new CreateLockKeyCommand(NAME, "", read("pub.pem"), signature),
            "lk-0123456789abcdefghij",
            NOW),
        Reason.INVALID_PUBLIC_KEY,
        "verification_signature");
  }

  private static Snapshot keyLocked(LockKey key) {
    SnapshotLock lock =
        new SnapshotLock(
            LockMode.KEY,
            NOW,
            0,
            new LockTerm.Until(NOW.plus(Duration.ofDays(30))),
            NOW,
            key.id(),
            1);
    return new Snapshot(
        "cn-hangzhou",
        "s-0123456789abcdefghij",
        SnapshotStatus.ACCOMPLISHED,
        0,
        false,
        "",
        Map.of(),
        NOW,
        SnapshotState.ACTIVE,
        null,
        lock);
  }
}
