package io.lockctl.core.simulation;

import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RuleLockState;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.RequestedMode;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a history: a call of an application service, a read compared with the model, or a
 * move of the system clock. No parameter depends on the state the step meets: what the service
 * names (rules, keys, relationships) is referred to by index and resolved when the step runs, so
 * every subsequence of a history is a history too, which is what shrinking needs.
 */
sealed interface Step {

  /** A step that calls a mutating RPC, sent as {@link #call()} says. */
  sealed interface Mutating extends Step {
    Call call();
  }

  /**
   * How a mutation is sent.
   *
   * @param token a client token from a small pool ({@link #NONE} for none, {@link #MALFORMED} for
   *     one that is not printable ASCII, {@link #OTHER_CALLERS} for token 0 sent by another caller)
   */
  record Call(boolean dryRun, int token) {
    static final int NONE = -1;
    static final int MALFORMED = -2;
    static final int TOKENS = 3;
    static final int OTHER_CALLERS = TOKENS;

    @Override
    public String toString() {
      String sent =
          switch (token) {
            case NONE -> "";
            case MALFORMED -> "bad-token";
            case OTHER_CALLERS -> "token0 of another caller";
            default -> "token" + token;
          };
      return dryRun ? (sent.isEmpty() ? "dry-run" : "dry-run " + sent) : sent;
    }
  }

  /** A rule of the region by creation order, modulo how many were created; or a bad reference. */
  record RuleRef(int index) {
    static final int UNKNOWN = -1;
    static final int MALFORMED = -2;
  }

  /** A relationship by creation order, modulo how many were created; or a bad reference. */
  record RelationshipRef(int index) {
    static final int UNKNOWN = -1;
    static final int MALFORMED = -2;
  }

  /**
   * A lock key reference: the name of slot {@code slot}, the id of the last key created under that
   * name, an id no key has, or a malformed reference.
   */
  record KeyRef(Kind kind, int slot) {
    enum Kind {
      NAME,
      ID,
      UNKNOWN,
      MALFORMED
    }
  }

  /** A LockSnapshot term as requested. */
  sealed interface Term {
    record Days(int days) implements Term {}

    /** {@code expire_time} this many hours after the call's compliance time. */
    record UntilHours(int hours) implements Term {}

    record Missing() implements Term {}
  }

  /** What signs an UnlockSnapshot. */
  enum Signer {
    /** No signature. */
    NONE,
    /** The lock key's holder, on a challenge fetched for this call. */
    FRESH,
    /** The lock key's holder, on the challenge an earlier {@link GetChallenge} kept. */
    HELD,
    /** Another key, on a challenge fetched for this call. */
    STRANGER,
    /** Not a signature at all. */
    GARBAGE
  }

  /** What a {@link CreateKey} registers. */
  enum KeyMaterial {
    VALID,
    /** The pair's signature of another name. */
    WRONG_NAME,
    /** A P-384 key. */
    OTHER_CURVE,
    /** Not a PEM. */
    GARBAGE
  }

  /** Time-driven states whose end a {@link ToBoundary} jumps to. */
  enum Boundary {
    LOCK_EXPIRY,
    COOL_OFF_END,
    RETAIN_UNTIL,
    RULE_UNLOCK_END,
    CHALLENGE_EXPIRY
  }

  // --- snapshots ---

  record Register(
      String region,
      String snapshot,
      SnapshotStatus status,
      int retentionDays,
      boolean shared,
      String managedBy,
      Map<String, String> tags,
      int createdHoursAgo,
      Call call)
      implements Mutating {}

  record UpdateSnapshot(
      String region,
      String snapshot,
      List<String> paths,
      SnapshotStatus status,
      int retentionDays,
      boolean shared,
      Map<String, String> tags,
      Call call)
      implements Mutating {}

  record DeleteSnapshot(String region, String snapshot, Call call) implements Mutating {}

  record RestoreSnapshot(String region, String snapshot, Call call) implements Mutating {}

  // --- snapshot locks ---

  record LockSnapshot(
      String region,
      String snapshot,
      RequestedMode mode,
      Term term,
      int coolOffHours,
      KeyRef key,
      Call call)
      implements Mutating {}

  record UnlockSnapshot(String region, String snapshot, Signer signer, Call call)
      implements Mutating {}

  /** GetSnapshotUnlockChallenge, the challenge kept for a later {@link Signer#HELD} unlock. */
  record GetChallenge(String region, String snapshot) implements Step {}

  // --- retention rules ---

  record CreateRule(
      String region,
      String description,
      ResourceType type,
      int retentionDays,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions,
      Integer unlockDelayDays,
      Call call)
      implements Mutating {}

  record UpdateRule(
      String region,
      RuleRef rule,
      List<String> paths,
      String description,
      int retentionDays,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions,
      Call call)
      implements Mutating {}

  record DeleteRule(String region, RuleRef rule, Call call) implements Mutating {}

  /** {@code unlockDelayDays} null for a request without a lock configuration. */
  record LockRule(String region, RuleRef rule, Integer unlockDelayDays, Call call)
      implements Mutating {}

  record UnlockRule(String region, RuleRef rule, Call call) implements Mutating {}

  // --- lock keys ---

  /** {@code name} a slot of {@link Universe#KEY_NAMES}, or -1 for a name shaped like an id. */
  record CreateKey(int name, int pair, KeyMaterial material, String comment, Call call)
      implements Mutating {}

  record UpdateKey(KeyRef key, List<String> paths, String comment, boolean disabled, Call call)
      implements Mutating {}

  record DeleteKey(KeyRef key, Call call) implements Mutating {}

  // --- replication ---

  record CreateRelationship(String region, Duration ttl, String sourcePath, Call call)
      implements Mutating {}

  record DeleteRelationship(RelationshipRef relationship, Call call) implements Mutating {}

  record Reverse(RelationshipRef relationship, Call call) implements Mutating {}

  record Revert(RelationshipRef relationship, Call call) implements Mutating {}

  /** {@code key} null for none given; with {@code clear} too, or neither, it is malformed. */
  record SetRelationshipLock(RelationshipRef relationship, KeyRef key, boolean clear, Call call)
      implements Mutating {}

  /** {@code snapshot} empty to have an id generated. */
  record TakePolicySnapshot(RelationshipRef relationship, String snapshot, Call call)
      implements Mutating {}

  /** Sends the last mutation that carried a client token again, unchanged but for dry run. */
  record Repeat(boolean dryRun) implements Step {}

  // --- reads, page by page; a forged page token was never issued, so it is refused ---

  record ListSnapshots(
      String region,
      SnapshotState state,
      boolean onlyLocked,
      String tagKey,
      String tagValue,
      int pageSize,
      boolean forgedToken)
      implements Step {}

  record DescribeLocked(
      String region, List<String> snapshots, LockStatus status, int pageSize, boolean forgedToken)
      implements Step {}

  record ListRules(
      String region,
      ResourceType type,
      RuleLockState lockState,
      List<ResourceTag> tags,
      int pageSize,
      boolean forgedToken)
      implements Step {}

  record ListKeys(int pageSize, boolean forgedToken) implements Step {}

  record ListUsages(KeyRef key, int pageSize, boolean forgedToken) implements Step {}

  /** {@code region} empty for every region. */
  record ListRelationships(String region, int pageSize, boolean forgedToken) implements Step {}

  record GetRelationshipLock(RelationshipRef relationship) implements Step {}

  // --- time ---

  record Advance(Duration by) implements Step {}

  /** Sets the system clock back; the compliance clock must not follow. */
  record StepBack(Duration by) implements Step {}

  /**
   * Moves the system clock to the end of {@code boundary} for snapshot or rule {@code index}, plus
   * {@code offsetMillis}; nothing if that is not ahead.
   */
  record ToBoundary(Boundary boundary, int index, long offsetMillis) implements Step {}
}
