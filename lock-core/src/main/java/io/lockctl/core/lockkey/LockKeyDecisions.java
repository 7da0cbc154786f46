package io.lockctl.core.lockkey;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lock-key rules as pure functions. Refusals come in this order: request fields
 * (INVALID_PARAMETER), the key material (INVALID_PUBLIC_KEY), the key's existence, then its use.
 */
public final class LockKeyDecisions {
  static final String COMMENT = "comment";
  static final String DISABLED = "disabled";
  private static final Set<String> UPDATABLE = Set.of(COMMENT, DISABLED);

  private LockKeyDecisions() {}

  /**
   * Registers a key under {@code id}: the PEM must hold a P-256 public key and the verification
   * signature must be that key's signature of the name, proving the caller holds the private key.
   *
   * @param sameName the key already registered under the command's name; {@code null} if none
   */
  static Decision<LockKey> create(
      LockKey sameName, CreateLockKeyCommand command, String id, Instant now) {
    List<FieldViolation> violations = new ArrayList<>();
    LockKeyFieldRules.keyName(command.name(), violations);
    LockKeyFieldRules.comment("comment", command.comment(), violations);
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    return LockKeyCrypto.parsePublicKey("public_key", command.publicKeyPem())
        .then(publicKey -> proveOwnership(publicKey, command))
        .then(
            proven ->
                sameName == null
                    ? Decision.accept(
                        new LockKey(
                            id,
                            command.name(),
                            command.comment(),
                            command.publicKeyPem(),
                            false,
                            now))
                    : Decision.reject(
                        Rejection.of(
                            Reason.LOCK_KEY_ALREADY_EXISTS,
                            "a lock key named " + command.name() + " already exists",
                            Map.of("name", command.name()))));
  }

  /** The verification signature must be the key's signature of its name. */
  private static Decision<ECPublicKey> proveOwnership(
      ECPublicKey publicKey, CreateLockKeyCommand command) {
    if (LockKeyCrypto.verify(
        publicKey,
        command.name().getBytes(StandardCharsets.UTF_8),
        command.verificationSignature())) {
      return Decision.accept(publicKey);
    }
    return Decision.reject(
        Rejection.invalidField(
            Reason.INVALID_PUBLIC_KEY,
            "verification_signature",
            "must be the base64 of this key's SHA256withECDSA signature of"
                + " the name (printf %s NAME | openssl dgst -sha256 -sign key.pem | base64 -w0)"));
  }

  /**
   * Changes the comment or the disabled flag. Disabling is refused while the key is the current key
   * of a relationship; a dormant key may be disabled, and is then dropped from the relationships
   * that kept it.
   *
   * @param key the key the reference names; {@code null} if none
   * @param holders every relationship whose current or dormant key it is
   */
  static Decision<KeyChange> update(
      LockKey key, UpdateLockKeyCommand command, List<KeyHolder> holders) {
    Optional<Rejection> malformed = updateViolations(command);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (key == null) {
      return Decision.reject(LockKeyRejections.keyNotFound(command.lockKeyRef()));
    }
    LockKey updated =
        command.updatePaths().contains(COMMENT) ? key.withComment(command.comment()) : key;
    boolean disabling =
        command.updatePaths().contains(DISABLED) && command.disabled() && !key.disabled();
    if (!disabling) {
      boolean disabled =
          command.updatePaths().contains(DISABLED) ? command.disabled() : key.disabled();
      return Decision.accept(new KeyChange(updated.withDisabled(disabled), List.of()));
    }
    return withdraw("disable", key, holders)
        .map(detached -> new KeyChange(updated.withDisabled(true), detached));
  }

  /**
   * Deletes a key, refused while it is the current key of a relationship or still locks snapshots;
   * a dormant key is dropped from the relationships that kept it.
   *
   * @param key the key the reference names; {@code null} if none
   * @param holders every relationship whose current or dormant key it is
   * @param lockedSnapshots how many snapshots it locks with a lock that has not expired
   */
  static Decision<KeyChange> delete(
      LockKey key, String lockKeyRef, List<KeyHolder> holders, long lockedSnapshots) {
    Optional<Rejection> malformed = refViolations(lockKeyRef);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    if (key == null) {
      return Decision.reject(LockKeyRejections.keyNotFound(lockKeyRef));
    }
    return withdraw("delete", key, holders)
        .then(
            detached ->
                lockedSnapshots > 0
                    ? Decision.reject(LockKeyRejections.keyLocksSnapshots(key, lockedSnapshots))
                    : Decision.accept(new KeyChange(key, detached)));
  }

  /**
   * The key to lock something new with (a relationship, a policy snapshot, a KEY LockSnapshot): it
   * must exist and be enabled.
   *
   * @param key the key {@code lockKeyRef} names; {@code null} if none
   */
  public static Decision<LockKey> forLocking(LockKey key, String lockKeyRef) {
    if (key == null) {
      return Decision.reject(LockKeyRejections.keyNotFound(lockKeyRef));
    }
    if (key.disabled()) {
      return Decision.reject(LockKeyRejections.keyDisabled(key));
    }
    return Decision.accept(key);
  }

  /** INVALID_PARAMETER unless {@code lockKeyRef} could name a key. */
  public static Optional<Rejection> refViolations(String lockKeyRef) {
    List<FieldViolation> violations = new ArrayList<>();
    LockKeyFieldRules.keyRef(lockKeyRef, violations);
    return Rejection.invalidParameters(violations);
  }

  /**
   * Takes the key away from its relationships: refused if it is any one's current key; otherwise
   * the relationships that keep it dormant, to drop it from.
   */
  private static Decision<List<KeyHolder>> withdraw(
      String refused, LockKey key, List<KeyHolder> holders) {
    Optional<KeyHolder> current =
        holders.stream().filter(holder -> holder.role() == KeyHolder.Role.CURRENT).findFirst();
    if (current.isPresent()) {
      return Decision.reject(LockKeyRejections.keyIsCurrent(refused, key, current.get()));
    }
    return Decision.accept(holders);
  }

  private static Optional<Rejection> updateViolations(UpdateLockKeyCommand command) {
    List<FieldViolation> violations = new ArrayList<>();
    LockKeyFieldRules.keyRef(command.lockKeyRef(), violations);
    if (command.updatePaths().isEmpty()) {
      violations.add(new FieldViolation("update_mask", "must name at least one field"));
    }
    command.updatePaths().stream()
        .filter(path -> !UPDATABLE.contains(path))
        .distinct()
        .forEach(
            path ->
                violations.add(
                    new FieldViolation(
                        "update_mask", "\"" + path + "\" is not one of comment, disabled")));
    if (command.updatePaths().contains(COMMENT)) {
      LockKeyFieldRules.comment("lock_key.comment", command.comment(), violations);
    }
    return Rejection.invalidParameters(violations);
  }
}
