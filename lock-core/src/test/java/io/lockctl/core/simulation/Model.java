package io.lockctl.core.simulation;

import io.lockctl.core.error.Reason;
import io.lockctl.core.lockkey.KeyHolder;
import io.lockctl.core.replication.Orientation;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RuleLockState;
import io.lockctl.core.simulation.Views.DeletedView;
import io.lockctl.core.simulation.Views.KeyView;
import io.lockctl.core.simulation.Views.LockView;
import io.lockctl.core.simulation.Views.LockedView;
import io.lockctl.core.simulation.Views.PolicySnapshotView;
import io.lockctl.core.simulation.Views.RelationshipView;
import io.lockctl.core.simulation.Views.RuleView;
import io.lockctl.core.simulation.Views.SnapshotView;
import io.lockctl.core.simulation.Views.UnlockedView;
import io.lockctl.core.simulation.Views.UsageView;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The reference model of lockctl's contract: snapshots, their locks (compliance with cool-off,
 * governance, KEY), retention rules with their locks and the recycle bin, lock keys, target
 * relationships and their policy snapshots, client tokens and dry runs. It is written from the
 * contract as a reader of it would write it, over ordered maps, and shares no code with lock-core
 * (whose enums and records it uses as names and values only). Where the contract leaves a choice
 * open (which refusal comes first, what a PROGRESSING snapshot's lock shows), it follows what
 * lock-core documents in its protos and javadoc.
 *
 * <p>Every operation takes {@code commit}: false answers as the call would and changes nothing (a
 * dry run). Creations take the identifier the system chose, as that is the system's to choose; the
 * model checks only that it was free.
 */
final class Model {
  private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final int EARLIER_WINDOWS = 5;
  private static final int MAX_RULES_PER_REGION = 250;
  private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9-]{1,31}");
  private static final Pattern SNAPSHOT_ID = Pattern.compile("s-[0-9a-z]{20}");
  private static final Pattern RULE_ID = Pattern.compile("[0-9a-zA-Z]{11}");
  private static final Pattern RELATIONSHIP_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern KEY_ID = Pattern.compile("lk-[0-9a-z]{20}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern DESCRIPTION = Pattern.compile("[\\S ]{0,255}");
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x20-\\x7E]{1,64}");

  /** A snapshot or a rule: by region, then id. */
  record Where(String region, String id) implements Comparable<Where> {
    @Override
    public int compareTo(Where other) {
      int byRegion = region.compareTo(other.region);
      return byRegion != 0 ? byRegion : id.compareTo(other.id);
    }
  }

  /**
   * A lock as the contract describes it; {@code version} counts its changes (1 when set on a
   * snapshot without one), which is what an unlock challenge is bound to besides its creation and
   * key.
   */
  record Lock(
      LockMode mode,
      Instant created,
      int coolOffHours,
      Integer days,
      Instant until,
      Instant start,
      String keyId,
      long version) {

    Instant expiry() {
      if (until != null) {
        return until;
      }
      return start == null ? null : start.plus(Duration.ofDays(days));
    }

    /** The expiry, or for a days term still waiting for its snapshot, now plus the days. */
    Instant earliestExpiry(Instant now) {
      Instant expiry = expiry();
      return expiry != null ? expiry : now.plus(Duration.ofDays(days));
    }

    LockStatus status(Instant now) {
      Instant expiry = expiry();
      if (expiry != null && !now.isBefore(expiry)) {
        return LockStatus.EXPIRED;
      }
      return switch (mode) {
        case GOVERNANCE -> LockStatus.GOVERNANCE;
        case KEY -> LockStatus.KEY;
        case COMPLIANCE ->
            coolOffHours > 0 && now.isBefore(created.plus(Duration.ofHours(coolOffHours)))
                ? LockStatus.COMPLIANCE_COOLOFF
                : LockStatus.COMPLIANCE;
      };
    }

    boolean active(Instant now) {
      return status(now) != LockStatus.EXPIRED;
    }

    Lock started(Instant at) {
      return new Lock(mode, created, coolOffHours, days, until, at, keyId, version + 1);
    }
  }

  private static final class Snap {
    String region;
    String id;
    SnapshotStatus status;
    int retentionDays;
    boolean shared;
    String managedBy;
    Map<String, String> tags;
    Instant createTime;
    Instant binUntil;
    Lock lock;
    String createdByPolicy = "";
    Instant policyExpireTime;

    boolean inBin() {
      return binUntil != null;
    }
  }

  private static final class Rule {
    String region;
    String id;
    String description;
    ResourceType type;
    int retentionDays;
    List<ResourceTag> tags;
    List<ResourceTag> exclusions;
    Integer delay;
    Instant unlockEnd;
    Instant createTime;
    Instant updateTime;

    RuleLockState state(Instant now) {
      if (delay == null) {
        return RuleLockState.NEVER_LOCKED;
      }
      if (unlockEnd == null) {
        return RuleLockState.LOCKED;
      }
      return now.isBefore(unlockEnd) ? RuleLockState.PENDING_UNLOCK : RuleLockState.UNLOCKED;
    }

    boolean protectedAt(Instant now) {
      RuleLockState state = state(now);
      return state == RuleLockState.LOCKED || state == RuleLockState.PENDING_UNLOCK;
    }

    boolean lockable() {
      return tags.isEmpty() && exclusions.isEmpty();
    }
  }

  private static final class Key {
    String id;
    String name;
    String comment;
    String pem;
    int pair;
    boolean disabled;
    Instant createTime;
  }

  private static final class Relationship {
    String id;
    String region;
    String sourcePath;
    Duration ttl;
    boolean reversed;
    String originalKey;
    String reversedKey;
    Instant createTime;

    String currentKey() {
      return reversed ? reversedKey : originalKey;
    }

    String dormantKey() {
      return reversed ? originalKey : null;
    }
  }

  /** An unlock challenge as the model issued it: for one lock, in one minute's window. */
  record Challenge(
      String region,
      String snapshot,
      long lockVersion,
      Instant lockCreated,
      String keyId,
      long window) {

    Instant expireTime() {
      return Instant.ofEpochMilli((window + EARLIER_WINDOWS + 1) * WINDOW_MILLIS);
    }
  }

  /** A signature: by key pair {@code pair} ({@link Keys#STRANGER} for none registered) of one. */
  record Signature(int pair, Challenge challenge) {}

  /** What a client token says about a call before it runs. */
  record TokenCheck(Kind kind, Object remembered) {
    enum Kind {
      /** No token, or one not used with this RPC: the call runs. */
      FRESH,
      MALFORMED,
      /** Used with another request. */
      MISMATCH,
      /** Used with this request: the remembered result, and nothing runs. */
      REPLAY
    }
  }

  private record Remembered(String digest, Object result) {}

  private Instant now;
  private final TreeMap<Where, Snap> snapshots = new TreeMap<>();
  private final TreeMap<Where, Rule> rules = new TreeMap<>();
  private final TreeMap<String, Key> keys = new TreeMap<>();
  private final TreeMap<String, Relationship> relationships = new TreeMap<>();
  private final Map<String, Remembered> tokens = new HashMap<>();
  private final Set<Challenge> spent = new HashSet<>();

  Model(Instant start) {
    this.now = start;
  }

  Instant now() {
    return now;
  }

  /**
   * The compliance time after the system clock was set to {@code system}: never earlier than
   * before. Snapshots whose stay in the recycle bin is over are gone from then on.
   */
  void clockAt(Instant system) {
    if (system.isAfter(now)) {
      now = system.truncatedTo(ChronoUnit.MILLIS);
    }
    snapshots.values().removeIf(s -> s.inBin() && !now.isBefore(s.binUntil));
  }

  // --- client tokens ---

  /** What {@code caller}'s {@code token} says about a call of {@code rpc}. */
  TokenCheck token(String caller, String rpc, String token, String digest) {
    if (token.isEmpty()) {
      return new TokenCheck(TokenCheck.Kind.FRESH, null);
    }
    if (!CLIENT_TOKEN.matcher(token).matches()) {
      return new TokenCheck(TokenCheck.Kind.MALFORMED, null);
    }
    Remembered used = tokens.get(caller + " " + rpc + " " + token);
    if (used == null) {
      return new TokenCheck(TokenCheck.Kind.FRESH, null);
    }
    return used.digest().equals(digest)
        ? new TokenCheck(TokenCheck.Kind.REPLAY, used.result())
        : new TokenCheck(TokenCheck.Kind.MISMATCH, null);
  }

  /** A successful call with {@code token} is answered with {@code result} from now on. */
  void remember(String caller, String rpc, String token, String digest, Object result) {
    tokens.put(caller + " " + rpc + " " + token, new Remembered(digest, result));
  }

  // --- snapshots ---

  Outcome register(
      String region,
      String id,
      SnapshotStatus status,
      int retentionDays,
      boolean shared,
      String managedBy,
      Map<String, String> tags,
      Instant createTime,
      boolean commit) {
    Instant created = createTime.truncatedTo(ChronoUnit.MILLIS);
    if (!validRegion(region)
        || !validSnapshotId(id)
        || status == null
        || retentionDays < 0
        || retentionDays > 65536
        || !(managedBy.isEmpty() || NAME.matcher(managedBy).matches())
        || !validTags(tags)
        || created.isAfter(now)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    if (visible(region, id) != null) {
      return Outcome.refused(Reason.SNAPSHOT_ALREADY_EXISTS);
    }
    Snap s = new Snap();
    s.region = region;
    s.id = id;
    s.status = status;
    s.retentionDays = retentionDays;
    s.shared = shared;
    s.managedBy = managedBy;
    s.tags = new TreeMap<>(tags);
    s.createTime = created;
    if (commit) {
      snapshots.put(new Where(region, id), s);
    }
    return Outcome.ok(view(s));
  }

  Outcome getSnapshot(String region, String id) {
    if (!validRegion(region) || !validSnapshotId(id)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Snap s = visible(region, id);
    return s == null ? Outcome.refused(Reason.SNAPSHOT_NOT_FOUND) : Outcome.ok(view(s));
  }

  /**
   * UpdateSnapshot: the masked fields in the order status, retention, shared, tags. Only
   * PROGRESSING moves on: to ACCOMPLISHED (a waiting lock starts counting) or, unless a lock is
   * active, to FAILED. A snapshot in the recycle bin is not updated.
   */
  Outcome updateSnapshot(
      String region,
      String id,
      List<String> paths,
      SnapshotStatus status,
      int retentionDays,
      boolean shared,
      Map<String, String> tags,
      boolean commit) {
    if (!validRegion(region)
        || !validSnapshotId(id)
        || paths.isEmpty()
        || !List.of("status", "retention_days", "shared", "tags").containsAll(paths)
        || (paths.contains("status") && status == null)
        || (paths.contains("retention_days") && (retentionDays < 0 || retentionDays > 65536))
        || (paths.contains("tags") && !validTags(tags))) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Snap s = visible(region, id);
    if (s == null) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_FOUND);
    }
    if (s.inBin()) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_AVAILABLE);
    }
    SnapshotStatus newStatus = s.status;
    Lock lock = s.lock;
    if (paths.contains("status") && status != s.status) {
      if (s.status != SnapshotStatus.PROGRESSING) {
        return Outcome.refused(Reason.INVALID_SNAPSHOT_STATUS_TRANSITION);
      }
      if (status == SnapshotStatus.FAILED && active(lock)) {
        return Outcome.refused(Reason.SNAPSHOT_LOCKED);
      }
      if (status == SnapshotStatus.ACCOMPLISHED && lock != null && lock.start() == null) {
        lock = lock.started(now);
      }
      newStatus = status;
    }
    Lock active = active(lock) ? lock : null;
    if (paths.contains("retention_days")
        && active != null
        && retentionDays != 0
        && s.createTime.plus(Duration.ofDays(retentionDays)).isBefore(active.earliestExpiry(now))) {
      return Outcome.refused(Reason.SNAPSHOT_LOCKED);
    }
    if (paths.contains("shared") && shared && active != null) {
      return Outcome.refused(Reason.SNAPSHOT_LOCKED);
    }
    Snap updated = copy(s);
    updated.status = newStatus;
    updated.lock = lock;
    if (paths.contains("retention_days")) {
      updated.retentionDays = retentionDays;
    }
    if (paths.contains("shared")) {
      updated.shared = shared;
    }
    if (paths.contains("tags")) {
      updated.tags = new TreeMap<>(tags);
    }
    if (commit) {
      snapshots.put(new Where(region, id), updated);
    }
    return Outcome.ok(view(updated));
  }

  /**
   * DeleteSnapshot: never while a lock is active, nor a second time from the recycle bin; kept in
   * the bin for the longest retention of the SNAPSHOT rules of its region that match it (any lock
   * state), otherwise gone for good.
   */
  Outcome deleteSnapshot(String region, String id, boolean commit) {
    if (!validRegion(region) || !validSnapshotId(id)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Snap s = visible(region, id);
    if (s == null) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_FOUND);
    }
    if (s.inBin()) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_AVAILABLE);
    }
    if (active(s.lock)) {
      return Outcome.refused(Reason.SNAPSHOT_LOCKED);
    }
    List<String> matching = new ArrayList<>();
    int longest = 0;
    for (Rule rule : rules.values()) {
      if (rule.region.equals(region)
          && rule.type == ResourceType.SNAPSHOT
          && retains(rule, s.tags)) {
        matching.add(rule.id);
        longest = Math.max(longest, rule.retentionDays);
      }
    }
    if (matching.isEmpty()) {
      if (commit) {
        snapshots.remove(new Where(region, id));
      }
      return Outcome.ok(new DeletedView(id, List.of(), null));
    }
    Instant until = now.plus(Duration.ofDays(longest));
    if (commit) {
      s.binUntil = until;
    }
    return Outcome.ok(new DeletedView(id, List.copyOf(matching), until));
  }

  Outcome restoreSnapshot(String region, String id, boolean commit) {
    if (!validRegion(region) || !validSnapshotId(id)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Snap s = visible(region, id);
    if (s == null) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_FOUND);
    }
    if (!s.inBin()) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_IN_RECYCLE_BIN);
    }
    Snap restored = copy(s);
    restored.binUntil = null;
    if (commit) {
      s.binUntil = null;
    }
    return Outcome.ok(view(restored));
  }

  List<SnapshotView> listSnapshots(
      String region, SnapshotState state, boolean onlyLocked, String tagKey, String tagValue) {
    List<SnapshotView> listed = new ArrayList<>();
    for (Snap s : inRegion(region)) {
      boolean tagged =
          tagKey.isEmpty()
              || (s.tags.containsKey(tagKey)
                  && (tagValue == null || tagValue.equals(s.tags.get(tagKey))));
      if ((state == null || state == stateOf(s)) && (!onlyLocked || active(s.lock)) && tagged) {
        listed.add(view(s));
      }
    }
    return listed;
  }

  /** ListSnapshots' refusal, if any. */
  Optional<Reason> listSnapshotsRefusal(
      String region, String tagKey, String tagValue, int pageSize) {
    boolean malformed =
        !validRegion(region)
            || (!tagKey.isEmpty() && !validTagKey(tagKey))
            || (tagValue != null && tagKey.isEmpty());
    return malformed || pageSize < 0 ? Optional.of(Reason.INVALID_PARAMETER) : Optional.empty();
  }

  // --- snapshot locks ---

  /** What a KEY lock's key reference yields: a key that may lock, or the reason it may not. */
  private record KeyVerdict(String keyId, Reason refusal) {}

  /**
   * LockSnapshot. Refusals in the contract's order: the request's own fields, the snapshot, its
   * lockability, what the current lock's status allows, the term against the cool-off and the
   * retention, and last the key.
   *
   * @param days the days term; {@code null} for none
   * @param until the expire_time term; {@code null} for none (both null: no term given)
   */
  Outcome lock(
      String region,
      String id,
      LockMode mode,
      boolean modeRecognized,
      Integer days,
      Instant until,
      int coolOffHours,
      String keyRef,
      boolean commit) {
    boolean keyWithoutKeyMode = modeRecognized && mode != LockMode.KEY && !keyRef.isEmpty();
    boolean keyModeWithoutKey = modeRecognized && mode == LockMode.KEY && keyRef.isEmpty();
    if (!validRegion(region) || !validSnapshotId(id) || keyWithoutKeyMode || keyModeWithoutKey) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    if (!modeRecognized) {
      return Outcome.refused(Reason.INVALID_LOCK_MODE);
    }
    Instant expireTime = until == null ? null : until.truncatedTo(ChronoUnit.MILLIS);
    if ((days == null && until == null)
        || (days != null && (days < 1 || days > 36500))
        || (expireTime != null && !expireTime.isAfter(now))) {
      return Outcome.refused(Reason.INVALID_LOCK_DURATION);
    }
    if (coolOffHours < 0
        || coolOffHours > 72
        || (coolOffHours != 0 && mode != LockMode.COMPLIANCE)) {
      return Outcome.refused(Reason.INVALID_COOL_OFF_PERIOD);
    }
    Snap s = visible(region, id);
    if (s == null) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_FOUND);
    }
    if (s.inBin() || s.status == SnapshotStatus.FAILED) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_AVAILABLE);
    }
    if (!s.managedBy.isEmpty()) {
      return Outcome.refused(Reason.RESOURCE_MANAGED_BY_PRODUCT);
    }
    if (s.shared) {
      return Outcome.refused(Reason.SHARED_SNAPSHOT_UNSUPPORTED);
    }
    KeyVerdict key = mode == LockMode.KEY ? keyForLocking(keyRef) : null;
    String keyId = key == null ? null : key.keyId();
    Lock current = s.lock;
    LockStatus status = current == null ? LockStatus.EXPIRED : current.status(now);
    Lock next;
    switch (status) {
      case EXPIRED, COMPLIANCE_COOLOFF, GOVERNANCE ->
          next =
              new Lock(
                  mode,
                  now,
                  coolOffHours,
                  days,
                  expireTime,
                  s.status == SnapshotStatus.ACCOMPLISHED ? now : null,
                  keyId,
                  current == null ? 1 : current.version() + 1);
      case COMPLIANCE -> {
        if (mode != LockMode.COMPLIANCE || coolOffHours != 0) {
          return Outcome.refused(Reason.COOL_OFF_PERIOD_EXPIRED);
        }
        next = extension(current, days, expireTime, null);
        if (!endsLater(next, current)) {
          return Outcome.refused(Reason.COOL_OFF_PERIOD_EXPIRED);
        }
      }
      case KEY -> {
        if (mode != LockMode.KEY
            || coolOffHours != 0
            || (keyId != null && !keyId.equals(current.keyId()))) {
          return Outcome.refused(Reason.SNAPSHOT_LOCKED);
        }
        next = extension(current, days, expireTime, current.keyId());
        if (!endsLater(next, current)) {
          return Outcome.refused(Reason.SNAPSHOT_LOCKED);
        }
      }
      default -> throw new AssertionError(status);
    }
    Duration term =
        days != null ? Duration.ofDays(days) : Duration.between(now, next.earliestExpiry(now));
    if (coolOffHours > 0 && Duration.ofHours(coolOffHours).compareTo(term) >= 0) {
      return Outcome.refused(Reason.COOL_OFF_EXCEEDS_LOCK_DURATION);
    }
    if (s.retentionDays > 0
        && next.earliestExpiry(now).isAfter(s.createTime.plus(Duration.ofDays(s.retentionDays)))) {
      return Outcome.refused(Reason.LOCK_DURATION_EXCEEDS_RETENTION);
    }
    if (key != null && key.refusal() != null) {
      return Outcome.refused(key.refusal());
    }
    Snap locked = copy(s);
    locked.lock = next;
    if (commit) {
      s.lock = next;
    }
    return Outcome.ok(view(locked));
  }

  /** A lock that may only be extended keeps its creation and start; the term is the new one. */
  private static Lock extension(Lock current, Integer days, Instant until, String keyId) {
    return new Lock(
        current.mode(),
        current.created(),
        0,
        days,
        until,
        current.start(),
        keyId,
        current.version() + 1);
  }

  /**
   * Whether {@code next} surely ends after {@code current}. A days term still waiting for its
   * snapshot has no expiry yet: only more days are surely later.
   */
  private boolean endsLater(Lock next, Lock current) {
    Instant currentExpiry = current.expiry();
    if (currentExpiry == null) {
      return next.days() != null && next.days() > current.days();
    }
    return next.earliestExpiry(now).isAfter(currentExpiry);
  }

  private KeyVerdict keyForLocking(String keyRef) {
    Key key = NAME.matcher(keyRef).matches() ? resolve(keyRef) : null;
    if (key == null) {
      return new KeyVerdict(null, Reason.LOCK_KEY_NOT_FOUND);
    }
    return key.disabled
        ? new KeyVerdict(null, Reason.LOCK_KEY_DISABLED)
        : new KeyVerdict(key.id, null);
  }

  /** GetSnapshotUnlockChallenge: only for an active KEY lock of a snapshot that exists. */
  Outcome challenge(String region, String id) {
    if (!validRegion(region) || !validSnapshotId(id)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Snap s = visible(region, id);
    if (s == null) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_FOUND);
    }
    if (s.lock == null || s.lock.status(now) != LockStatus.KEY) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_LOCKED);
    }
    return Outcome.ok(
        new Challenge(
            region,
            id,
            s.lock.version(),
            s.lock.created(),
            s.lock.keyId(),
            Math.floorDiv(now.toEpochMilli(), WINDOW_MILLIS)));
  }

  /**
   * UnlockSnapshot: COMPLIANCE_COOLOFF and GOVERNANCE locks come off; a KEY lock only with its
   * key's signature of a challenge for this very lock, issued in the last five to six minutes and
   * not spent yet.
   *
   * @param signature {@code null} for none (or one that is no signature at all)
   */
  Outcome unlock(String region, String id, Signature signature, boolean commit) {
    if (!validRegion(region) || !validSnapshotId(id)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Snap s = visible(region, id);
    if (s == null) {
      return Outcome.refused(Reason.SNAPSHOT_NOT_FOUND);
    }
    Lock lock = s.lock;
    LockStatus status = lock == null ? LockStatus.EXPIRED : lock.status(now);
    switch (status) {
      case EXPIRED -> {
        return Outcome.refused(Reason.SNAPSHOT_NOT_LOCKED);
      }
      case COMPLIANCE -> {
        return Outcome.refused(Reason.COOL_OFF_PERIOD_EXPIRED);
      }
      case KEY -> {
        if (!signs(signature, s, lock)) {
          return Outcome.refused(Reason.INVALID_UNLOCK_SIGNATURE);
        }
        if (commit) {
          spent.add(signature.challenge());
        }
      }
      default -> {
        // COMPLIANCE_COOLOFF, GOVERNANCE: removable
      }
    }
    Snap unlocked = copy(s);
    unlocked.lock = null;
    if (commit) {
      s.lock = null;
    }
    return Outcome.ok(new UnlockedView(view(unlocked), lockView(lock)));
  }

  private boolean signs(Signature signature, Snap s, Lock lock) {
    if (signature == null) {
      return false;
    }
    Key key = keys.get(lock.keyId());
    Challenge c = signature.challenge();
    long age = Math.floorDiv(now.toEpochMilli(), WINDOW_MILLIS) - c.window();
    return key != null
        && key.pair == signature.pair()
        && c.region().equals(s.region)
        && c.snapshot().equals(s.id)
        && c.lockVersion() == lock.version()
        && c.lockCreated().equals(lock.created())
        && c.keyId().equals(lock.keyId())
        && age >= 0
        && age <= EARLIER_WINDOWS
        && !spent.contains(c);
  }

  /** DescribeLockedSnapshots: the region's snapshots that have a lock, expired ones included. */
  List<LockedView> describeLocked(String region, List<String> ids, LockStatus status) {
    List<LockedView> described = new ArrayList<>();
    for (Snap s : inRegion(region)) {
      if (s.lock != null
          && (ids.isEmpty() || ids.contains(s.id))
          && (status == null || s.lock.status(now) == status)) {
        described.add(new LockedView(s.id, lockView(s.lock)));
      }
    }
    return described;
  }

  Optional<Reason> describeLockedRefusal(String region, int pageSize) {
    return !validRegion(region) || pageSize < 0
        ? Optional.of(Reason.INVALID_PARAMETER)
        : Optional.empty();
  }

  // --- retention rules and the recycle bin ---

  Outcome createRule(
      String region,
      String description,
      ResourceType type,
      int retentionDays,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions,
      Integer delay,
      String identifier,
      boolean commit) {
    if (!validRegion(region)
        || !DESCRIPTION.matcher(description).matches()
        || type == null
        || !validRetention(retentionDays)
        || !validRuleTags(tags, 50)
        || !validRuleTags(exclusions, 5)
        || (!tags.isEmpty() && !exclusions.isEmpty())
        || (delay != null && !validDelay(delay))) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    if (delay != null && !(tags.isEmpty() && exclusions.isEmpty())) {
      return Outcome.refused(Reason.RULE_NOT_LOCKABLE);
    }
    if (rulesIn(region).size() >= MAX_RULES_PER_REGION) {
      return Outcome.refused(Reason.SERVICE_QUOTA_EXCEEDED);
    }
    if (identifier != null
        && (!RULE_ID.matcher(identifier).matches()
            || rules.containsKey(new Where(region, identifier)))) {
      throw new Divergence("CreateRule", "the new rule's identifier " + identifier + " is taken");
    }
    Rule r = new Rule();
    r.region = region;
    r.id = identifier;
    r.description = description;
    r.type = type;
    r.retentionDays = retentionDays;
    r.tags = List.copyOf(tags);
    r.exclusions = List.copyOf(exclusions);
    r.delay = delay;
    r.createTime = now;
    r.updateTime = now;
    if (commit && identifier != null) {
      rules.put(new Where(region, identifier), r);
    }
    return Outcome.ok(view(r));
  }

  Outcome getRule(String region, String identifier) {
    if (!validRegion(region) || !RULE_ID.matcher(identifier).matches()) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Rule r = rules.get(new Where(region, identifier));
    return r == null ? Outcome.refused(Reason.RULE_NOT_FOUND) : Outcome.ok(view(r));
  }

  /** UpdateRule: only while neither LOCKED nor PENDING_UNLOCK; tags and exclusions never both. */
  Outcome updateRule(
      String region,
      String identifier,
      List<String> paths,
      String description,
      int retentionDays,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions,
      boolean commit) {
    boolean malformed =
        !validRegion(region)
            || !RULE_ID.matcher(identifier).matches()
            || paths.isEmpty()
            || !List.of(
                    "description",
                    "retention_period_days",
                    "resource_tags",
                    "exclude_resource_tags")
                .containsAll(paths)
            || (paths.contains("description") && !DESCRIPTION.matcher(description).matches())
            || (paths.contains("retention_period_days") && !validRetention(retentionDays))
            || (paths.contains("resource_tags") && !validRuleTags(tags, 50))
            || (paths.contains("exclude_resource_tags") && !validRuleTags(exclusions, 5));
    if (malformed) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Rule r = rules.get(new Where(region, identifier));
    if (r == null) {
      return Outcome.refused(Reason.RULE_NOT_FOUND);
    }
    if (r.protectedAt(now)) {
      return Outcome.refused(Reason.INVALID_RULE_STATE);
    }
    Rule updated = copy(r);
    if (paths.contains("description")) {
      updated.description = description;
    }
    if (paths.contains("retention_period_days")) {
      updated.retentionDays = retentionDays;
    }
    if (paths.contains("resource_tags")) {
      updated.tags = List.copyOf(tags);
    }
    if (paths.contains("exclude_resource_tags")) {
      updated.exclusions = List.copyOf(exclusions);
    }
    if (!updated.tags.isEmpty() && !updated.exclusions.isEmpty()) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    updated.updateTime = now;
    if (commit) {
      rules.put(new Where(region, identifier), updated);
    }
    return Outcome.ok(view(updated));
  }

  Outcome deleteRule(String region, String identifier, boolean commit) {
    if (!validRegion(region) || !RULE_ID.matcher(identifier).matches()) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Rule r = rules.get(new Where(region, identifier));
    if (r == null) {
      return Outcome.refused(Reason.RULE_NOT_FOUND);
    }
    if (r.protectedAt(now)) {
      return Outcome.refused(Reason.INVALID_RULE_STATE);
    }
    if (commit) {
      rules.remove(new Where(region, identifier));
    }
    return Outcome.ok(view(r));
  }

  /**
   * LockRule: never locked or UNLOCKED becomes LOCKED; PENDING_UNLOCK is locked again with the same
   * delay only; LOCKED with the same delay changes nothing. Only region-level rules without
   * exclusions lock.
   *
   * @param delay {@code null} when the request has no lock configuration
   */
  Outcome lockRule(String region, String identifier, Integer delay, boolean commit) {
    if (!validRegion(region)
        || !RULE_ID.matcher(identifier).matches()
        || delay == null
        || !validDelay(delay)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Rule r = rules.get(new Where(region, identifier));
    if (r == null) {
      return Outcome.refused(Reason.RULE_NOT_FOUND);
    }
    if (!r.lockable()) {
      return Outcome.refused(Reason.RULE_NOT_LOCKABLE);
    }
    RuleLockState state = r.state(now);
    boolean sameDelay = delay.equals(r.delay);
    if (state == RuleLockState.LOCKED) {
      return sameDelay ? Outcome.ok(view(r)) : Outcome.refused(Reason.INVALID_RULE_STATE);
    }
    if (state == RuleLockState.PENDING_UNLOCK && !sameDelay) {
      return Outcome.refused(Reason.INVALID_RULE_STATE);
    }
    Rule locked = copy(r);
    locked.delay = delay;
    locked.unlockEnd = null;
    locked.updateTime = now;
    if (commit) {
      rules.put(new Where(region, identifier), locked);
    }
    return Outcome.ok(view(locked));
  }

  Outcome unlockRule(String region, String identifier, boolean commit) {
    if (!validRegion(region) || !RULE_ID.matcher(identifier).matches()) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Rule r = rules.get(new Where(region, identifier));
    if (r == null) {
      return Outcome.refused(Reason.RULE_NOT_FOUND);
    }
    if (r.state(now) != RuleLockState.LOCKED) {
      return Outcome.refused(Reason.INVALID_RULE_STATE);
    }
    Rule unlocking = copy(r);
    unlocking.unlockEnd = now.plus(Duration.ofDays(r.delay));
    unlocking.updateTime = now;
    if (commit) {
      rules.put(new Where(region, identifier), unlocking);
    }
    return Outcome.ok(view(unlocking));
  }

  List<RuleView> listRules(
      String region, ResourceType type, RuleLockState lockState, List<ResourceTag> tags) {
    List<RuleView> listed = new ArrayList<>();
    for (Rule r : rulesIn(region)) {
      if ((type == null || r.type == type)
          && (lockState == null || r.state(now) == lockState)
          && r.tags.containsAll(tags)) {
        listed.add(view(r));
      }
    }
    return listed;
  }

  Optional<Reason> listRulesRefusal(String region, List<ResourceTag> tags, int pageSize) {
    return !validRegion(region) || !validRuleTags(tags, 50) || pageSize < 0
        ? Optional.of(Reason.INVALID_PARAMETER)
        : Optional.empty();
  }

  /**
   * A tag-level rule keeps a snapshot with any of its tags; a region-level one, any without its
   * exclusions.
   */
  private static boolean retains(Rule rule, Map<String, String> tags) {
    if (!rule.tags.isEmpty()) {
      return rule.tags.stream().anyMatch(tag -> tag.value().equals(tags.get(tag.key())));
    }
    return rule.exclusions.stream().noneMatch(tag -> tag.value().equals(tags.get(tag.key())));
  }

  // --- lock keys ---

  /**
   * CreateLockKey.
   *
   * @param pemValid whether the PEM holds a P-256 public key
   * @param signatureValid whether the verification signature is that key's signature of the name
   */
  Outcome createKey(
      String name,
      String comment,
      String pem,
      int pair,
      boolean pemValid,
      boolean signatureValid,
      String id,
      boolean commit) {
    if (!NAME.matcher(name).matches()
        || KEY_ID.matcher(name).matches()
        || comment.length() > 1024) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    if (!pemValid || !signatureValid) {
      return Outcome.refused(Reason.INVALID_PUBLIC_KEY);
    }
    if (byName(name) != null) {
      return Outcome.refused(Reason.LOCK_KEY_ALREADY_EXISTS);
    }
    if (id != null && (!KEY_ID.matcher(id).matches() || keys.containsKey(id))) {
      throw new Divergence("CreateLockKey", "the new key's id " + id + " is taken");
    }
    Key k = new Key();
    k.id = id;
    k.name = name;
    k.comment = comment;
    k.pem = pem;
    k.pair = pair;
    k.createTime = now;
    if (commit && id != null) {
      keys.put(id, k);
    }
    return Outcome.ok(view(k));
  }

  Outcome getKey(String ref) {
    if (!NAME.matcher(ref).matches()) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Key k = resolve(ref);
    return k == null ? Outcome.refused(Reason.LOCK_KEY_NOT_FOUND) : Outcome.ok(view(k));
  }

  /**
   * UpdateLockKey. Disabling a key is refused while it is a relationship's current key; a dormant
   * one is dropped from the relationships keeping it, so a revert does not bring it back.
   */
  Outcome updateKey(
      String ref, List<String> paths, String comment, boolean disabled, boolean commit) {
    if (!NAME.matcher(ref).matches()
        || paths.isEmpty()
        || !List.of("comment", "disabled").containsAll(paths)
        || (paths.contains("comment") && comment.length() > 1024)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Key k = resolve(ref);
    if (k == null) {
      return Outcome.refused(Reason.LOCK_KEY_NOT_FOUND);
    }
    boolean disabling = paths.contains("disabled") && disabled && !k.disabled;
    if (disabling && isCurrentKey(k.id)) {
      return Outcome.refused(Reason.LOCK_KEY_IN_USE);
    }
    Key updated = copy(k);
    if (paths.contains("comment")) {
      updated.comment = comment;
    }
    if (paths.contains("disabled")) {
      updated.disabled = disabled;
    }
    if (commit) {
      keys.put(k.id, updated);
      if (disabling) {
        dropDormant(k.id);
      }
    }
    return Outcome.ok(view(updated));
  }

  /** DeleteLockKey: not while any relationship's current key, nor while it locks a snapshot. */
  Outcome deleteKey(String ref, boolean commit) {
    if (!NAME.matcher(ref).matches()) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Key k = resolve(ref);
    if (k == null) {
      return Outcome.refused(Reason.LOCK_KEY_NOT_FOUND);
    }
    if (isCurrentKey(k.id) || locksSnapshots(k.id)) {
      return Outcome.refused(Reason.LOCK_KEY_IN_USE);
    }
    if (commit) {
      keys.remove(k.id);
      dropDormant(k.id);
    }
    return Outcome.ok(view(k));
  }

  List<KeyView> listKeys() {
    List<Key> byName = new ArrayList<>(keys.values());
    byName.sort((a, b) -> a.name.compareTo(b.name));
    return byName.stream().map(Model::view).toList();
  }

  /** ListLockKeyUsages: relationships by id (current or dormant), then snapshots it locks. */
  Outcome usages(String ref, int pageSize) {
    Outcome key = getKey(ref);
    if (!key.accepted()) {
      return key;
    }
    if (pageSize < 0) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    String keyId = ((KeyView) key.value()).id();
    List<UsageView> usages = new ArrayList<>();
    for (Relationship r : relationships.values()) {
      if (keyId.equals(r.currentKey())) {
        usages.add(UsageView.relationship(r.id, r.region, KeyHolder.Role.CURRENT));
      } else if (keyId.equals(r.dormantKey())) {
        usages.add(UsageView.relationship(r.id, r.region, KeyHolder.Role.DORMANT));
      }
    }
    for (Snap s : snapshots.values()) {
      if (s.lock != null
          && s.lock.mode() == LockMode.KEY
          && keyId.equals(s.lock.keyId())
          && s.lock.active(now)) {
        usages.add(UsageView.snapshot(s.region, s.id, s.lock.expiry()));
      }
    }
    return Outcome.ok(List.copyOf(usages));
  }

  /** The key a reference names: an id-shaped reference by id, any other by name. */
  private Key resolve(String ref) {
    return KEY_ID.matcher(ref).matches() ? keys.get(ref) : byName(ref);
  }

  private Key byName(String name) {
    for (Key k : keys.values()) {
      if (k.name.equals(name)) {
        return k;
      }
    }
    return null;
  }

  private boolean isCurrentKey(String keyId) {
    return relationships.values().stream().anyMatch(r -> keyId.equals(r.currentKey()));
  }

  private boolean locksSnapshots(String keyId) {
    return snapshots.values().stream()
        .anyMatch(s -> s.lock != null && keyId.equals(s.lock.keyId()) && s.lock.active(now));
  }

  private void dropDormant(String keyId) {
    for (Relationship r : relationships.values()) {
      if (keyId.equals(r.dormantKey())) {
        r.originalKey = null;
      }
    }
  }

  // --- target relationships and policy snapshots ---

  Outcome createRelationship(
      String region, String sourcePath, Duration ttl, String id, boolean commit) {
    if (!validRegion(region)
        || !sourcePath.startsWith("/")
        || ttl.isNegative()
        || ttl.compareTo(Duration.ofDays(36500)) > 0) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    if (id != null && (!RELATIONSHIP_ID.matcher(id).matches() || relationships.containsKey(id))) {
      throw new Divergence(
          "CreateTargetRelationship", "the new relationship's id " + id + " is taken");
    }
    Relationship r = new Relationship();
    r.id = id;
    r.region = region;
    r.sourcePath = sourcePath;
    r.ttl = ttl.truncatedTo(ChronoUnit.MILLIS);
    r.createTime = now;
    if (commit && id != null) {
      relationships.put(id, r);
    }
    return Outcome.ok(view(r));
  }

  Outcome getRelationship(String id) {
    if (!RELATIONSHIP_ID.matcher(id).matches()) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Relationship r = relationships.get(id);
    return r == null ? Outcome.refused(Reason.RELATIONSHIP_NOT_FOUND) : Outcome.ok(view(r));
  }

  /** GetTargetRelationshipLock: the current orientation's key id, empty for none. */
  Outcome relationshipLock(String id) {
    Outcome found = getRelationship(id);
    if (!found.accepted()) {
      return found;
    }
    return Outcome.ok(Optional.ofNullable(relationships.get(id).currentKey()));
  }

  List<RelationshipView> listRelationships(String region) {
    return relationships.values().stream()
        .filter(r -> region.isEmpty() || r.region.equals(region))
        .map(Model::view)
        .toList();
  }

  Optional<Reason> listRelationshipsRefusal(String region, int pageSize) {
    return (!region.isEmpty() && !validRegion(region)) || pageSize < 0
        ? Optional.of(Reason.INVALID_PARAMETER)
        : Optional.empty();
  }

  Outcome deleteRelationship(String id, boolean commit) {
    Outcome found = getRelationship(id);
    if (found.accepted() && commit) {
      relationships.remove(id);
    }
    return found;
  }

  /** Reverse: the reversed orientation starts without a key; the original one's stays dormant. */
  Outcome reverse(String id, boolean commit) {
    Outcome found = getRelationship(id);
    if (!found.accepted()) {
      return found;
    }
    Relationship r = relationships.get(id);
    if (r.reversed) {
      return Outcome.refused(Reason.INVALID_RELATIONSHIP_STATE);
    }
    Relationship reversed = copy(r);
    reversed.reversed = true;
    reversed.reversedKey = null;
    if (commit) {
      relationships.put(id, reversed);
    }
    return Outcome.ok(view(reversed));
  }

  /** Revert: the original key is current again, if it was not disabled or deleted meanwhile. */
  Outcome revert(String id, boolean commit) {
    Outcome found = getRelationship(id);
    if (!found.accepted()) {
      return found;
    }
    Relationship r = relationships.get(id);
    if (!r.reversed) {
      return Outcome.refused(Reason.INVALID_RELATIONSHIP_STATE);
    }
    Relationship reverted = copy(r);
    reverted.reversed = false;
    reverted.reversedKey = null;
    if (commit) {
      relationships.put(id, reverted);
    }
    return Outcome.ok(view(reverted));
  }

  /**
   * SetTargetRelationshipLock: sets (an enabled key) or clears the current orientation's key only.
   *
   * @param keyRef empty when none is given
   */
  Outcome setRelationshipLock(String id, String keyRef, boolean clear, boolean commit) {
    boolean setting = !keyRef.isEmpty();
    if (!RELATIONSHIP_ID.matcher(id).matches()
        || setting == clear
        || (setting && !NAME.matcher(keyRef).matches())) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    }
    Relationship r = relationships.get(id);
    if (r == null) {
      return Outcome.refused(Reason.RELATIONSHIP_NOT_FOUND);
    }
    String keyId = null;
    if (setting) {
      KeyVerdict verdict = keyForLocking(keyRef);
      if (verdict.refusal() != null) {
        return Outcome.refused(verdict.refusal());
      }
      keyId = verdict.keyId();
    }
    Relationship updated = copy(r);
    if (r.reversed) {
      updated.reversedKey = keyId;
    } else {
      updated.originalKey = keyId;
    }
    if (commit) {
      relationships.put(id, updated);
    }
    return Outcome.ok(view(updated));
  }

  /**
   * CreatePolicySnapshot: registers an ACCOMPLISHED snapshot of the relationship's region, taken
   * now and expiring after the policy's TTL; KEY-locked until then by the current key, if there is
   * one and the policy has an expiration.
   *
   * @param snapshotId empty to have one generated
   * @param generated the id the system generated, when {@code snapshotId} is empty
   */
  Outcome policySnapshot(
      String relationshipId, String snapshotId, String generated, boolean commit) {
    Outcome found = getRelationship(relationshipId);
    if (!found.accepted()) {
      return found;
    }
    Relationship r = relationships.get(relationshipId);
    String id = snapshotId;
    if (id.isEmpty()) {
      if (generated != null
          && (!validSnapshotId(generated)
              || snapshots.containsKey(new Where(r.region, generated)))) {
        throw new Divergence("CreatePolicySnapshot", "the generated id " + generated + " is taken");
      }
      // When the system refused, any id will do: the outcomes differ anyway.
      id = generated == null ? Universe.SNAPSHOTS.get(0) : generated;
    } else if (!validSnapshotId(id)) {
      return Outcome.refused(Reason.INVALID_PARAMETER);
    } else if (visible(r.region, id) != null) {
      return Outcome.refused(Reason.SNAPSHOT_ALREADY_EXISTS);
    }
    Snap s = new Snap();
    s.region = r.region;
    s.id = id;
    s.status = SnapshotStatus.ACCOMPLISHED;
    s.managedBy = "";
    s.tags = new TreeMap<>();
    s.createTime = now;
    s.createdByPolicy = r.id;
    boolean expires = !r.ttl.isZero();
    s.policyExpireTime = expires ? now.plus(r.ttl) : null;
    String key = r.currentKey();
    if (expires && key != null && keys.containsKey(key) && !keys.get(key).disabled) {
      s.lock = new Lock(LockMode.KEY, now, 0, null, s.policyExpireTime, now, key, 1);
    }
    if (commit && !(snapshotId.isEmpty() && generated == null)) {
      snapshots.put(new Where(s.region, id), s);
    }
    return Outcome.ok(new PolicySnapshotView(view(s), r.id, s.policyExpireTime));
  }

  // --- what the safety checks and the harness need to know ---

  /** When boundary-seeking steps should jump: the ends of time-driven states. */
  Instant lockExpiry(String region, String id) {
    Snap s = visible(region, id);
    return s == null || s.lock == null ? null : s.lock.expiry();
  }

  Instant coolOffEnd(String region, String id) {
    Snap s = visible(region, id);
    return s == null || s.lock == null || s.lock.coolOffHours() == 0
        ? null
        : s.lock.created().plus(Duration.ofHours(s.lock.coolOffHours()));
  }

  Instant retainUntil(String region, String id) {
    Snap s = visible(region, id);
    return s == null ? null : s.binUntil;
  }

  /** The pending unlocks' ends of the region's rules, in identifier order. */
  List<Instant> ruleUnlockEnds(String region) {
    List<Instant> ends = new ArrayList<>();
    for (Rule r : rulesIn(region)) {
      if (r.unlockEnd != null) {
        ends.add(r.unlockEnd);
      }
    }
    return ends;
  }

  /** The key pair of the key {@code keyId}, to sign its unlock challenges; -1 if unknown. */
  int pairOf(String keyId) {
    Key k = keyId == null ? null : keys.get(keyId);
    return k == null ? Keys.STRANGER : k.pair;
  }

  // --- views ---

  private SnapshotView view(Snap s) {
    return new SnapshotView(
        s.region,
        s.id,
        s.status,
        s.retentionDays,
        s.shared,
        s.managedBy,
        s.tags,
        s.createTime,
        stateOf(s),
        s.binUntil,
        s.createdByPolicy,
        s.policyExpireTime,
        lockView(s.lock));
  }

  private LockView lockView(Lock lock) {
    if (lock == null) {
      return null;
    }
    return new LockView(
        lock.mode(),
        lock.status(now),
        lock.created(),
        lock.coolOffHours(),
        lock.days(),
        lock.until(),
        lock.start(),
        lock.expiry(),
        lock.keyId());
  }

  private RuleView view(Rule r) {
    RuleLockState state = r.state(now);
    return new RuleView(
        r.region,
        r.id,
        r.description,
        r.type,
        r.retentionDays,
        r.tags,
        r.exclusions,
        r.delay,
        state,
        state == RuleLockState.PENDING_UNLOCK ? r.unlockEnd : null,
        r.createTime,
        r.updateTime);
  }

  private static KeyView view(Key k) {
    return new KeyView(k.id, k.name, k.comment, k.pem, k.disabled, k.createTime);
  }

  private static RelationshipView view(Relationship r) {
    return new RelationshipView(
        r.id,
        r.region,
        "cluster-a",
        r.sourcePath,
        "/replica",
        r.ttl,
        r.reversed ? Orientation.REVERSED : Orientation.ORIGINAL,
        r.currentKey(),
        r.dormantKey(),
        r.createTime);
  }

  // --- helpers ---

  private Snap visible(String region, String id) {
    Snap s = snapshots.get(new Where(region, id));
    return s == null || (s.inBin() && !now.isBefore(s.binUntil)) ? null : s;
  }

  private List<Snap> inRegion(String region) {
    List<Snap> found = new ArrayList<>();
    for (Snap s : snapshots.values()) {
      if (s.region.equals(region) && visible(region, s.id) != null) {
        found.add(s);
      }
    }
    return found;
  }

  private List<Rule> rulesIn(String region) {
    return rules.values().stream().filter(r -> r.region.equals(region)).toList();
  }

  private boolean active(Lock lock) {
    return lock != null && lock.active(now);
  }

  private static SnapshotState stateOf(Snap s) {
    return s.inBin() ? SnapshotState.IN_RECYCLE_BIN : SnapshotState.ACTIVE;
  }

  private static boolean validRegion(String region) {
    return REGION.matcher(region).matches();
  }

  private static boolean validSnapshotId(String id) {
    return SNAPSHOT_ID.matcher(id).matches();
  }

  private static boolean validTagKey(String key) {
    return !key.isEmpty()
        && key.length() <= 128
        && !key.startsWith("aws:")
        && !key.startsWith("acs:");
  }

  private static boolean validTags(Map<String, String> tags) {
    return tags.size() <= 50
        && tags.entrySet().stream()
            .allMatch(tag -> validTagKey(tag.getKey()) && tag.getValue().length() <= 256);
  }

  private static boolean validRuleTags(List<ResourceTag> tags, int max) {
    return tags.size() <= max
        && tags.stream().distinct().count() == tags.size()
        && tags.stream()
            .allMatch(
                tag ->
                    !tag.key().isEmpty()
                        && tag.key().length() <= 128
                        && tag.value().length() <= 256);
  }

  private static boolean validRetention(int days) {
    return days >= 1 && days <= 3650;
  }

  private static boolean validDelay(int days) {
    return days >= 7 && days <= 30;
  }

  private static Snap copy(Snap s) {
    Snap c = new Snap();
    c.region = s.region;
    c.id = s.id;
    c.status = s.status;
    c.retentionDays = s.retentionDays;
    c.shared = s.shared;
    c.managedBy = s.managedBy;
    c.tags = s.tags;
    c.createTime = s.createTime;
    c.binUntil = s.binUntil;
    c.lock = s.lock;
    c.createdByPolicy = s.createdByPolicy;
    c.policyExpireTime = s.policyExpireTime;
    return c;
  }

  private static Rule copy(Rule r) {
    Rule c = new Rule();
    c.region = r.region;
    c.id = r.id;
    c.description = r.description;
    c.type = r.type;
    c.retentionDays = r.retentionDays;
    c.tags = r.tags;
    c.exclusions = r.exclusions;
    c.delay = r.delay;
    c.unlockEnd = r.unlockEnd;
    c.createTime = r.createTime;
    c.updateTime = r.updateTime;
    return c;
  }

  private static Key copy(Key k) {
    Key c = new Key();
    c.id = k.id;
    c.name = k.name;
    c.comment = k.comment;
    c.pem = k.pem;
    c.pair = k.pair;
    c.disabled = k.disabled;
    c.createTime = k.createTime;
    return c;
  }

  private static Relationship copy(Relationship r) {
    Relationship c = new Relationship();
    c.id = r.id;
    c.region = r.region;
    c.sourcePath = r.sourcePath;
    c.ttl = r.ttl;
    c.reversed = r.reversed;
    c.originalKey = r.originalKey;
    c.reversedKey = r.reversedKey;
    c.createTime = r.createTime;
    return c;
  }
}
