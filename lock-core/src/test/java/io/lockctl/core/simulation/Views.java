package io.lockctl.core.simulation;

import io.lockctl.core.lockkey.KeyHolder;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyUsage;
import io.lockctl.core.replication.Orientation;
import io.lockctl.core.replication.PolicySnapshot;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RuleLockState;
import io.lockctl.core.snapshot.DeletedSnapshot;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.snapshotlock.UnlockedSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a caller observes of each resource, as small comparable values: the model builds them from
 * its own state, and the system's results are turned into them here. Statuses that depend on time
 * are taken at the instant the result was produced. Nothing a caller cannot see (a lock's version)
 * is in them.
 */
final class Views {

  private Views() {}

  /** A result and the compliance instant it is shown at. */
  record Stamped(Object value, Instant at) {}

  /**
   * @param days the term in days; {@code null} for an expire_time term
   * @param until the expire_time term; {@code null} for a days term
   * @param expireTime when it expires; {@code null} while a days term waits for its snapshot
   */
  record LockView(
      LockMode mode,
      LockStatus status,
      Instant creationTime,
      int coolOffHours,
      Integer days,
      Instant until,
      Instant durationStart,
      Instant expireTime,
      String keyId) {}

  record SnapshotView(
      String region,
      String id,
      SnapshotStatus status,
      int retentionDays,
      boolean shared,
      String managedBy,
      Map<String, String> tags,
      Instant createTime,
      SnapshotState state,
      Instant retainUntil,
      String createdByPolicy,
      Instant policyExpireTime,
      LockView lock) {}

  record DeletedView(String id, List<String> ruleIds, Instant retainUntil) {}

  record UnlockedView(SnapshotView snapshot, LockView removed) {}

  record LockedView(String id, LockView lock) {}

  record PolicySnapshotView(SnapshotView snapshot, String createdByPolicy, Instant expireTime) {}

  /**
   * @param unlockDelayDays the latest lock's delay; {@code null} while never locked
   * @param lockEndTime when the pending unlock completes; {@code null} unless PENDING_UNLOCK
   */
  record RuleView(
      String region,
      String id,
      String description,
      ResourceType type,
      int retentionDays,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions,
      Integer unlockDelayDays,
      RuleLockState lockState,
      Instant lockEndTime,
      Instant createTime,
      Instant updateTime) {}

  record KeyView(
      String id,
      String name,
      String comment,
      String publicKeyPem,
      boolean disabled,
      Instant createTime) {}

  /**
   * @param currentKey {@code null} for none
   * @param dormantKey while reversed, the original orientation's key kept; {@code null} for none
   */
  record RelationshipView(
      String id,
      String region,
      String sourceCluster,
      String sourcePath,
      String targetPath,
      Duration ttl,
      Orientation orientation,
      String currentKey,
      String dormantKey,
      Instant createTime) {}

  /** One use of a key: a relationship (with its role), or a snapshot it locks. */
  record UsageView(
      String relationshipId,
      KeyHolder.Role role,
      String region,
      String snapshotId,
      Instant lockExpireTime) {

    static UsageView relationship(String id, String region, KeyHolder.Role role) {
      return new UsageView(id, role, region, null, null);
    }

    static UsageView snapshot(String region, String id, Instant lockExpireTime) {
      return new UsageView(null, null, region, id, lockExpireTime);
    }
  }

  // --- from the system's values ---

  static LockView lock(SnapshotLock lock, Instant at) {
    if (lock == null) {
      return null;
    }
    return new LockView(
        lock.mode(),
        lock.statusAt(at),
        lock.creationTime(),
        lock.coolOffHours(),
        lock.term() instanceof LockTerm.Days days ? days.days() : null,
        lock.term() instanceof LockTerm.Until until ? until.expireTime() : null,
        lock.durationStartTime(),
        lock.expireTime().orElse(null),
        lock.lockKeyId());
  }

  static SnapshotView snapshot(Snapshot s, Instant at) {
    return new SnapshotView(
        s.regionId(),
        s.snapshotId(),
        s.status(),
        s.retentionDays(),
        s.shared(),
        s.managedBy(),
        s.tags(),
        s.createTime(),
        s.state(),
        s.retainUntil(),
        s.createdByPolicy(),
        s.expireTime(),
        lock(s.lock(), at));
  }

  static DeletedView deleted(DeletedSnapshot d) {
    return new DeletedView(d.snapshotId(), d.retainedByRuleIds(), d.retainUntil());
  }

  static UnlockedView unlocked(UnlockedSnapshot u, Instant at) {
    return new UnlockedView(snapshot(u.snapshot(), at), lock(u.removedLock(), at));
  }

  static LockedView locked(LockedSnapshot l, Instant at) {
    return new LockedView(l.snapshotId(), lock(l.lock(), at));
  }

  static PolicySnapshotView policySnapshot(PolicySnapshot p, Instant at) {
    return new PolicySnapshotView(snapshot(p.snapshot(), at), p.createdByPolicy(), p.expireTime());
  }

  static RuleView rule(RetentionRule r, Instant at) {
    return new RuleView(
        r.regionId(),
        r.identifier(),
        r.description(),
        r.resourceType(),
        r.retentionPeriodDays(),
        r.resourceTags(),
        r.excludeResourceTags(),
        r.lockConfiguration() == null ? null : r.lockConfiguration().unlockDelayDays(),
        r.lockStateAt(at),
        r.lockEndTimeAt(at).orElse(null),
        r.createTime(),
        r.updateTime());
  }

  static KeyView key(LockKey k) {
    return new KeyView(
        k.id(), k.name(), k.comment(), k.publicKeyPem(), k.disabled(), k.createTime());
  }

  static RelationshipView relationship(TargetRelationship r) {
    return new RelationshipView(
        r.id(),
        r.regionId(),
        r.sourceCluster(),
        r.sourcePath(),
        r.targetPath(),
        r.expirationTtl(),
        r.orientation(),
        r.currentKeyId().orElse(null),
        r.dormantKeyId().orElse(null),
        r.createTime());
  }

  static UsageView usage(LockKeyUsage usage) {
    if (usage instanceof LockKeyUsage.Relationship relationship) {
      KeyHolder holder = relationship.holder();
      return UsageView.relationship(holder.relationshipId(), holder.regionId(), holder.role());
    }
    var snapshot = ((LockKeyUsage.Snapshot) usage).snapshot();
    return UsageView.snapshot(
        snapshot.regionId(), snapshot.snapshotId(), snapshot.lockExpireTime());
  }
}
