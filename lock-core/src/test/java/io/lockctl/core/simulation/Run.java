package io.lockctl.core.simulation;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.lockkey.CreateLockKeyCommand;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.UnlockChallenge;
import io.lockctl.core.lockkey.UpdateLockKeyCommand;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.replication.CreatePolicySnapshotCommand;
import io.lockctl.core.replication.CreateTargetRelationshipCommand;
import io.lockctl.core.replication.PolicySnapshot;
import io.lockctl.core.replication.SetTargetRelationshipLockCommand;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.rule.CreateRuleCommand;
import io.lockctl.core.rule.ListRulesQuery;
import io.lockctl.core.rule.LockConfiguration;
import io.lockctl.core.rule.LockRuleCommand;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.UnlockRuleCommand;
import io.lockctl.core.rule.UpdateRuleCommand;
import io.lockctl.core.simulation.Model.TokenCheck;
import io.lockctl.core.simulation.Model.Where;
import io.lockctl.core.simulation.Observation.Family;
import io.lockctl.core.simulation.Step.Call;
import io.lockctl.core.simulation.Step.KeyMaterial;
import io.lockctl.core.simulation.Step.KeyRef;
import io.lockctl.core.simulation.Step.RelationshipRef;
import io.lockctl.core.simulation.Step.RuleRef;
import io.lockctl.core.simulation.Step.Signer;
import io.lockctl.core.simulation.Views.Stamped;
import io.lockctl.core.snapshot.DeletedSnapshot;
import io.lockctl.core.snapshot.DescribeLockedSnapshotsQuery;
import io.lockctl.core.snapshot.ListSnapshotsQuery;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.RequestedTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.UpdateSnapshotCommand;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.snapshotlock.UnlockSnapshotCommand;
import io.lockctl.core.snapshotlock.UnlockedSnapshot;
import io.lockctl.core.testing.World;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One history run against a {@link World} and the {@link Model} side by side. Each step is sent to
 * the application services and its outcome compared with the model's (the refusal's reason, or the
 * result's view); then everything readable is read back and compared ({@link Observation}), and the
 * safety invariants are checked on what the system answered ({@link Safety}). The first difference
 * is thrown as a {@link Divergence}.
 */
final class Run {
  private static final Duration TOKEN_LIFE = Duration.ofHours(24);
  private static final Duration FARTHEST_JUMP = Duration.ofDays(400);
  private static final String GARBAGE_SIGNATURE = "not a signature!";
  private static final String FORGED_PAGE_TOKEN = "bm90IGlzc3VlZCBieSBsb2NrY3Rs";
  private static final Caller OTHER_CALLER = new Caller("someone-else");

  private final World world;
  private final Model model;
  private final Observation observation;
  private final Safety safety = new Safety();

  /** The ids the system gave, in creation order, for steps to refer to by index. */
  private final Map<String, List<String>> rulesCreated = new TreeMap<>();

  private final List<String> relationshipsCreated = new ArrayList<>();
  private final String[] keysCreated = new String[Universe.KEY_NAMES.size()];

  /** Challenges kept by {@link Step.GetChallenge}: the system's and the model's. */
  private final Map<Where, Held> held = new TreeMap<>();

  private Resend lastTokened;
  private int operations;

  /** The families of resources the current step may change. */
  private Set<Family> touched = EnumSet.noneOf(Family.class);

  /**
   * How often each RPC answered what: "RPC OK" or "RPC REASON" (and "UnlockSnapshot of MODE OK"),
   * to tell which refusals the histories reach.
   */
  private final Map<String, Integer> outcomes = new TreeMap<>();

  private record Held(UnlockChallenge system, Model.Challenge model) {}

  /** A mutation as sent: what the system runs, how its result is viewed, what the model says. */
  private record Sent(
      String rpc,
      String request,
      Function<Mutation, CompletableFuture<?>> system,
      Function<Object, Object> view,
      Expectation expect,
      CarriedOut carriedOut) {}

  @FunctionalInterface
  private interface Expectation {
    /** The model's outcome; {@code systemValue} is the system's result (for ids it chose). */
    Outcome expect(boolean commit, Object systemValue);
  }

  /**
   * What the harness notes of a call that was carried out: the id the system gave what it created,
   * or what the safety checks now hold the system to.
   */
  @FunctionalInterface
  private interface CarriedOut {
    void noted(Object systemValue);

    CarriedOut NOTHING = value -> {};
  }

  private record Resend(Sent sent, Caller caller, String token, Instant at) {}

  Run(World world) {
    this.world = world;
    this.model = new Model(world.now());
    this.observation = new Observation(world, model);
  }

  int operations() {
    return operations;
  }

  Map<String, Integer> outcomes() {
    return outcomes;
  }

  private void tally(String rpc, Outcome outcome) {
    outcomes.merge(
        rpc + " " + (outcome.accepted() ? "OK" : outcome.refusal().name()), 1, Integer::sum);
  }

  /**
   * Runs {@code step}, then compares what is listed (with {@code full}, everything) and checks the
   * invariants; throws the first divergence.
   */
  void step(Step step, boolean full) {
    Observation.Observed before = observation.last();
    touched = EnumSet.noneOf(Family.class);
    boolean changes = run(step);
    Observation.Observed after = observation.compare(touched, full);
    safety.check(step, before, after, changes);
  }

  /** Runs one step; whether it may have changed something (a call that was carried out). */
  private boolean run(Step step) {
    if (step instanceof Step.Advance
        || step instanceof Step.StepBack
        || step instanceof Step.ToBoundary) {
      touched = EnumSet.allOf(Family.class);
    }
    if (step instanceof Step.Advance advance) {
      world.system.advance(advance.by());
      model.clockAt(world.system.instant());
      return true;
    }
    if (step instanceof Step.StepBack back) {
      world.system.set(world.system.instant().minus(back.by()));
      model.clockAt(world.system.instant());
      return true;
    }
    if (step instanceof Step.ToBoundary boundary) {
      Instant target = boundary(boundary);
      // Not beyond a year or so: the clock clamps the wall clock to about 2116.
      if (target != null
          && target.isAfter(model.now())
          && target.isBefore(model.now().plus(FARTHEST_JUMP))) {
        world.system.set(target);
        model.clockAt(target);
      }
      return true;
    }
    if (step instanceof Step.Repeat repeat) {
      if (lastTokened == null || !model.now().isBefore(lastTokened.at().plus(TOKEN_LIFE))) {
        return false;
      }
      return send(lastTokened.sent(), lastTokened.caller(), lastTokened.token(), repeat.dryRun());
    }
    if (step instanceof Step.Mutating mutating) {
      Sent sent = sent(mutating);
      Call call = mutating.call();
      String token = token(call.token());
      Caller caller = call.token() == Call.OTHER_CALLERS ? OTHER_CALLER : World.CALLER;
      boolean changed = send(sent, caller, token, call.dryRun());
      if (!token.isEmpty() && call.token() != Call.MALFORMED) {
        lastTokened = new Resend(sent, caller, token, model.now());
      }
      return changed;
    }
    read(step);
    return false;
  }

  /** Sends one mutation and compares its outcome with the model's; whether it changed something. */
  private boolean send(Sent sent, Caller caller, String token, boolean dryRun) {
    touched.addAll(touches(sent.rpc()));
    String digest = digest(sent.request());
    Mutation mutation = new Mutation(caller, token, dryRun, HexFormat.of().parseHex(digest));
    TokenCheck check = model.token(caller.principal(), sent.rpc(), token, digest);
    operations++;
    Object result = null;
    Reason refusal = null;
    try {
      result = World.await(sent.system().apply(mutation));
    } catch (RejectedException refused) {
      refusal = refused.reason();
    }
    Outcome expected =
        switch (check.kind()) {
          case MALFORMED -> Outcome.refused(Reason.INVALID_PARAMETER);
          case MISMATCH -> Outcome.refused(Reason.IDEMPOTENT_PARAMETER_MISMATCH);
          case REPLAY -> Outcome.ok(check.remembered());
          case FRESH -> sent.expect().expect(!dryRun, result);
        };
    Outcome actual =
        refusal != null
            ? Outcome.refused(refusal)
            : Outcome.ok(
                check.kind() == TokenCheck.Kind.REPLAY ? result : sent.view().apply(result));
    tally(sent.rpc() + (check.kind() == TokenCheck.Kind.REPLAY ? " replay" : ""), actual);
    if (result instanceof AsOf<?> asOf && asOf.value() instanceof UnlockedSnapshot unlocked) {
      tally("UnlockSnapshot of " + unlocked.removedLock().mode(), actual);
    }
    if (!expected.equals(actual)) {
      String what =
          check.kind() == TokenCheck.Kind.REPLAY
              ? "a replay of client token " + token + " answered differently"
              : "";
      throw new Divergence(
          "outcome of " + sent.rpc(),
          what
              + "\n    request:  "
              + sent.request()
              + "\n    expected: "
              + expected
              + "\n    actual:   "
              + actual);
    }
    boolean carriedOut = check.kind() == TokenCheck.Kind.FRESH && actual.accepted() && !dryRun;
    if (carriedOut) {
      if (!token.isEmpty()) {
        model.remember(caller.principal(), sent.rpc(), token, digest, result);
      }
      sent.carriedOut().noted(result);
    }
    return carriedOut;
  }

  /** What an RPC may change, by the contract: a key's change may drop a dormant key, too. */
  private static Set<Family> touches(String rpc) {
    return switch (rpc) {
      case "CreateRule", "UpdateRule", "DeleteRule", "LockRule", "UnlockRule" ->
          EnumSet.of(Family.RULES);
      case "CreateLockKey", "UpdateLockKey", "DeleteLockKey" ->
          EnumSet.of(Family.KEYS, Family.RELATIONSHIPS);
      case "CreatePolicySnapshot" -> EnumSet.of(Family.SNAPSHOTS, Family.RELATIONSHIPS);
      case "CreateTargetRelationship",
          "DeleteTargetRelationship",
          "ReverseTargetRelationship",
          "RevertTargetRelationship",
          "SetTargetRelationshipLock" ->
          EnumSet.of(Family.RELATIONSHIPS);
      default -> EnumSet.of(Family.SNAPSHOTS);
    };
  }

  // --- mutations ---

  private Sent sent(Step.Mutating step) {
    if (step instanceof Step.Register r) {
      Instant createTime = model.now().minus(Duration.ofHours(r.createdHoursAgo()));
      RegisterSnapshotCommand command =
          new RegisterSnapshotCommand(
              r.region(),
              r.snapshot(),
              r.status(),
              r.retentionDays(),
              r.shared(),
              r.managedBy(),
              r.tags(),
              createTime);
      return snapshotCall(
          "RegisterSnapshot",
          describe(
              command.regionId(),
              command.snapshotId(),
              command.status(),
              command.retentionDays(),
              command.shared(),
              command.managedBy(),
              new TreeMap<>(command.tags()),
              createTime),
          m -> world.snapshots.register(m, command),
          commit ->
              model.register(
                  r.region(),
                  r.snapshot(),
                  r.status(),
                  r.retentionDays(),
                  r.shared(),
                  r.managedBy(),
                  r.tags(),
                  createTime,
                  commit));
    }
    if (step instanceof Step.UpdateSnapshot u) {
      UpdateSnapshotCommand command =
          new UpdateSnapshotCommand(
              u.region(),
              u.snapshot(),
              u.paths(),
              u.status(),
              u.retentionDays(),
              u.shared(),
              u.tags());
      return snapshotCall(
          "UpdateSnapshot",
          describe(
              u.region(),
              u.snapshot(),
              u.paths(),
              u.status(),
              u.retentionDays(),
              u.shared(),
              new TreeMap<>(u.tags())),
          m -> world.snapshots.update(m, command),
          commit ->
              model.updateSnapshot(
                  u.region(),
                  u.snapshot(),
                  u.paths(),
                  u.status(),
                  u.retentionDays(),
                  u.shared(),
                  u.tags(),
                  commit));
    }
    if (step instanceof Step.DeleteSnapshot d) {
      return new Sent(
          "DeleteSnapshot",
          describe(d.region(), d.snapshot()),
          m -> world.snapshots.delete(m, d.region(), d.snapshot()),
          result -> stamped(result, value -> Views.deleted((DeletedSnapshot) value)),
          (commit, value) -> stamp(model.deleteSnapshot(d.region(), d.snapshot(), commit)),
          result ->
              safety.deleted(
                  new Where(d.region(), d.snapshot()),
                  (DeletedSnapshot) ((AsOf<?>) result).value()));
    }
    if (step instanceof Step.RestoreSnapshot r) {
      Sent restore =
          snapshotCall(
              "RestoreSnapshot",
              describe(r.region(), r.snapshot()),
              m -> world.snapshots.restore(m, r.region(), r.snapshot()),
              commit -> model.restoreSnapshot(r.region(), r.snapshot(), commit));
      return new Sent(
          restore.rpc(),
          restore.request(),
          restore.system(),
          restore.view(),
          restore.expect(),
          result -> safety.restored(new Where(r.region(), r.snapshot())));
    }
    if (step instanceof Step.LockSnapshot l) {
      return lockSnapshot(l);
    }
    if (step instanceof Step.UnlockSnapshot u) {
      return unlockSnapshot(u);
    }
    if (step instanceof Step.CreateRule c) {
      CreateRuleCommand command =
          new CreateRuleCommand(
              c.region(),
              c.description(),
              c.type(),
              c.retentionDays(),
              c.tags(),
              c.exclusions(),
              c.unlockDelayDays() == null ? null : new LockConfiguration(c.unlockDelayDays()));
      return new Sent(
          "CreateRule",
          describe(
              c.region(),
              c.description(),
              c.type(),
              c.retentionDays(),
              c.tags(),
              c.exclusions(),
              c.unlockDelayDays()),
          m -> world.rules.create(m, command),
          Run::ruleView,
          (commit, value) ->
              stamp(
                  model.createRule(
                      c.region(),
                      c.description(),
                      c.type(),
                      c.retentionDays(),
                      c.tags(),
                      c.exclusions(),
                      c.unlockDelayDays(),
                      value == null
                          ? null
                          : ((RetentionRule) ((AsOf<?>) value).value()).identifier(),
                      commit)),
          value ->
              rulesCreated
                  .computeIfAbsent(c.region(), region -> new ArrayList<>())
                  .add(((RetentionRule) ((AsOf<?>) value).value()).identifier()));
    }
    if (step instanceof Step.UpdateRule u) {
      String id = rule(u.region(), u.rule());
      UpdateRuleCommand command =
          new UpdateRuleCommand(
              u.region(),
              id,
              u.paths(),
              u.description(),
              u.retentionDays(),
              u.tags(),
              u.exclusions());
      return ruleCall(
          "UpdateRule",
          describe(
              u.region(),
              id,
              u.paths(),
              u.description(),
              u.retentionDays(),
              u.tags(),
              u.exclusions()),
          m -> world.rules.update(m, command),
          commit ->
              model.updateRule(
                  u.region(),
                  id,
                  u.paths(),
                  u.description(),
                  u.retentionDays(),
                  u.tags(),
                  u.exclusions(),
                  commit));
    }
    if (step instanceof Step.DeleteRule d) {
      String id = rule(d.region(), d.rule());
      return ruleCall(
          "DeleteRule",
          describe(d.region(), id),
          m -> world.rules.delete(m, d.region(), id),
          commit -> model.deleteRule(d.region(), id, commit));
    }
    if (step instanceof Step.LockRule l) {
      String id = rule(l.region(), l.rule());
      LockRuleCommand command =
          new LockRuleCommand(
              l.region(),
              id,
              l.unlockDelayDays() == null ? null : new LockConfiguration(l.unlockDelayDays()));
      return ruleCall(
          "LockRule",
          describe(l.region(), id, l.unlockDelayDays()),
          m -> world.rules.lock(m, command),
          commit -> model.lockRule(l.region(), id, l.unlockDelayDays(), commit));
    }
    if (step instanceof Step.UnlockRule u) {
      String id = rule(u.region(), u.rule());
      return ruleCall(
          "UnlockRule",
          describe(u.region(), id),
          m -> world.rules.unlock(m, new UnlockRuleCommand(u.region(), id)),
          commit -> model.unlockRule(u.region(), id, commit));
    }
    if (step instanceof Step.CreateKey c) {
      return createKey(c);
    }
    if (step instanceof Step.UpdateKey u) {
      String ref = key(u.key());
      UpdateLockKeyCommand command =
          new UpdateLockKeyCommand(ref, u.comment(), u.disabled(), u.paths());
      return new Sent(
          "UpdateLockKey",
          describe(ref, u.comment(), u.disabled(), u.paths()),
          m -> world.keys.update(m, command),
          value -> Views.key((LockKey) value),
          (commit, value) -> model.updateKey(ref, u.paths(), u.comment(), u.disabled(), commit),
          CarriedOut.NOTHING);
    }
    if (step instanceof Step.DeleteKey d) {
      String ref = key(d.key());
      return new Sent(
          "DeleteLockKey",
          describe(ref),
          m -> world.keys.delete(m, ref),
          value -> Views.key((LockKey) value),
          (commit, value) -> model.deleteKey(ref, commit),
          CarriedOut.NOTHING);
    }
    if (step instanceof Step.CreateRelationship c) {
      CreateTargetRelationshipCommand command =
          new CreateTargetRelationshipCommand(
              c.region(), "cluster-a", c.sourcePath(), "/replica", c.ttl());
      return new Sent(
          "CreateTargetRelationship",
          describe(c.region(), c.sourcePath(), c.ttl()),
          m -> world.replication.create(m, command),
          value -> Views.relationship((TargetRelationship) value),
          (commit, value) ->
              model.createRelationship(
                  c.region(),
                  c.sourcePath(),
                  c.ttl(),
                  value == null ? null : ((TargetRelationship) value).id(),
                  commit),
          value -> relationshipsCreated.add(((TargetRelationship) value).id()));
    }
    if (step instanceof Step.DeleteRelationship d) {
      String id = relationship(d.relationship());
      return relationshipCall(
          "DeleteTargetRelationship",
          id,
          m -> world.replication.delete(m, id),
          commit -> model.deleteRelationship(id, commit));
    }
    if (step instanceof Step.Reverse r) {
      String id = relationship(r.relationship());
      return relationshipCall(
          "ReverseTargetRelationship",
          id,
          m -> world.replication.reverse(m, id),
          commit -> model.reverse(id, commit));
    }
    if (step instanceof Step.Revert r) {
      String id = relationship(r.relationship());
      return relationshipCall(
          "RevertTargetRelationship",
          id,
          m -> world.replication.revert(m, id),
          commit -> model.revert(id, commit));
    }
    if (step instanceof Step.SetRelationshipLock s) {
      String id = relationship(s.relationship());
      String ref = s.key() == null ? "" : key(s.key());
      SetTargetRelationshipLockCommand command =
          new SetTargetRelationshipLockCommand(id, ref, s.clear());
      return new Sent(
          "SetTargetRelationshipLock",
          describe(id, ref, s.clear()),
          m -> world.replication.setLock(m, command),
          value -> Views.relationship((TargetRelationship) value),
          (commit, value) -> model.setRelationshipLock(id, ref, s.clear(), commit),
          CarriedOut.NOTHING);
    }
    if (step instanceof Step.TakePolicySnapshot p) {
      String id = relationship(p.relationship());
      CreatePolicySnapshotCommand command = new CreatePolicySnapshotCommand(id, p.snapshot());
      return new Sent(
          "CreatePolicySnapshot",
          describe(id, p.snapshot()),
          m -> world.replication.createPolicySnapshot(m, command),
          result ->
              stamped(
                  result,
                  value -> Views.policySnapshot((PolicySnapshot) value, ((AsOf<?>) result).at())),
          (commit, value) ->
              stamp(
                  model.policySnapshot(
                      id,
                      p.snapshot(),
                      value == null
                          ? null
                          : ((PolicySnapshot) ((AsOf<?>) value).value()).snapshot().snapshotId(),
                      commit)),
          CarriedOut.NOTHING);
    }
    throw new AssertionError("not a mutation: " + step);
  }

  private Sent lockSnapshot(Step.LockSnapshot l) {
    Instant now = model.now();
    RequestedTerm term;
    Integer days = null;
    Instant until = null;
    if (l.term() instanceof Step.Term.Days d) {
      days = d.days();
      term = new LockTerm.Days(d.days());
    } else if (l.term() instanceof Step.Term.UntilHours h) {
      until = now.plus(Duration.ofHours(h.hours()));
      term = new LockTerm.Until(until);
    } else {
      term = RequestedTerm.MISSING;
    }
    String ref = l.key() == null ? "" : key(l.key());
    LockSnapshotCommand command =
        new LockSnapshotCommand(l.region(), l.snapshot(), l.mode(), term, l.coolOffHours(), ref);
    LockMode mode = l.mode() instanceof LockMode known ? known : null;
    Integer termDays = days;
    Instant termUntil = until;
    return snapshotCall(
        "LockSnapshot",
        describe(l.region(), l.snapshot(), l.mode(), term, l.coolOffHours(), ref),
        m -> world.locks.lock(m, command),
        commit ->
            model.lock(
                l.region(),
                l.snapshot(),
                mode,
                mode != null,
                termDays,
                termUntil,
                l.coolOffHours(),
                ref,
                commit));
  }

  private Sent unlockSnapshot(Step.UnlockSnapshot u) {
    String signature = "";
    Model.Signature signed = null;
    if (u.signer() == Signer.GARBAGE) {
      signature = GARBAGE_SIGNATURE;
    } else if (u.signer() == Signer.FRESH || u.signer() == Signer.STRANGER) {
      Held fresh = challenge(u.region(), u.snapshot());
      if (fresh != null) {
        int pair = u.signer() == Signer.FRESH ? model.pairOf(fresh.model().keyId()) : Keys.STRANGER;
        signature = Keys.sign(pair, fresh.system().bytes());
        signed = new Model.Signature(pair, fresh.model());
      }
    } else if (u.signer() == Signer.HELD) {
      Held kept = held.get(new Where(u.region(), u.snapshot()));
      if (kept != null) {
        int pair = model.pairOf(kept.model().keyId());
        signature = Keys.sign(pair, kept.system().bytes());
        signed = new Model.Signature(pair, kept.model());
      }
    }
    UnlockSnapshotCommand command = new UnlockSnapshotCommand(u.region(), u.snapshot(), signature);
    Model.Signature signedBy = signed;
    Where where = new Where(u.region(), u.snapshot());
    return new Sent(
        "UnlockSnapshot",
        describe(u.region(), u.snapshot(), signature),
        m -> world.locks.unlock(m, command),
        result ->
            stamped(
                result, value -> Views.unlocked((UnlockedSnapshot) value, ((AsOf<?>) result).at())),
        (commit, value) -> stamp(model.unlock(u.region(), u.snapshot(), signedBy, commit)),
        value -> safety.unlocked(where));
  }

  private Sent createKey(Step.CreateKey c) {
    String name = Keys.name(c.name());
    String pem = Keys.pem(c.pair(), c.material());
    boolean pemValid = c.material() == KeyMaterial.VALID || c.material() == KeyMaterial.WRONG_NAME;
    String verification =
        pemValid ? Keys.verification(c.name(), c.pair(), c.material()) : "MEUCIQ==";
    CreateLockKeyCommand command = new CreateLockKeyCommand(name, c.comment(), pem, verification);
    return new Sent(
        "CreateLockKey",
        describe(name, c.comment(), c.pair(), c.material()),
        m -> world.keys.create(m, command),
        value -> Views.key((LockKey) value),
        (commit, value) ->
            model.createKey(
                name,
                c.comment(),
                pem,
                c.pair(),
                pemValid,
                c.material() == KeyMaterial.VALID,
                value == null ? null : ((LockKey) value).id(),
                commit),
        value -> {
          if (c.name() >= 0) {
            keysCreated[c.name()] = ((LockKey) value).id();
          }
        });
  }

  private Sent snapshotCall(
      String rpc,
      String request,
      Function<Mutation, CompletableFuture<?>> system,
      Function<Boolean, Outcome> expect) {
    return new Sent(
        rpc,
        request,
        system,
        result ->
            stamped(result, value -> Views.snapshot((Snapshot) value, ((AsOf<?>) result).at())),
        (commit, value) -> stamp(expect.apply(commit)),
        CarriedOut.NOTHING);
  }

  private Sent ruleCall(
      String rpc,
      String request,
      Function<Mutation, CompletableFuture<?>> system,
      Function<Boolean, Outcome> expect) {
    return new Sent(
        rpc,
        request,
        system,
        Run::ruleView,
        (commit, value) -> stamp(expect.apply(commit)),
        CarriedOut.NOTHING);
  }

  private Sent relationshipCall(
      String rpc,
      String id,
      Function<Mutation, CompletableFuture<?>> system,
      Function<Boolean, Outcome> expect) {
    return new Sent(
        rpc,
        describe(id),
        system,
        value -> Views.relationship((TargetRelationship) value),
        (commit, value) -> expect.apply(commit),
        CarriedOut.NOTHING);
  }

  private static Object ruleView(Object result) {
    AsOf<?> asOf = (AsOf<?>) result;
    return new Stamped(Views.rule((RetentionRule) asOf.value(), asOf.at()), asOf.at());
  }

  private static Stamped stamped(Object result, Function<Object, Object> view) {
    AsOf<?> asOf = (AsOf<?>) result;
    return new Stamped(view.apply(asOf.value()), asOf.at());
  }

  /** The model's outcome as an {@link AsOf} result shows it: at the model's now. */
  private Outcome stamp(Outcome outcome) {
    return outcome.accepted() ? Outcome.ok(new Stamped(outcome.value(), model.now())) : outcome;
  }

  // --- reads ---

  private void read(Step step) {
    touched.add(
        step instanceof Step.ListRules
            ? Family.RULES
            : step instanceof Step.ListKeys || step instanceof Step.ListUsages
                ? Family.KEYS
                : step instanceof Step.ListRelationships || step instanceof Step.GetRelationshipLock
                    ? Family.RELATIONSHIPS
                    : Family.SNAPSHOTS);
    if (step instanceof Step.GetChallenge g) {
      Held kept = challenge(g.region(), g.snapshot());
      Where where = new Where(g.region(), g.snapshot());
      if (kept != null) {
        held.put(where, kept);
      }
      return;
    }
    operations++;
    if (step instanceof Step.ListSnapshots l) {
      pages(
          "ListSnapshots",
          model.listSnapshotsRefusal(l.region(), l.tagKey(), l.tagValue(), l.pageSize()),
          () ->
              model.listSnapshots(l.region(), l.state(), l.onlyLocked(), l.tagKey(), l.tagValue()),
          l.pageSize(),
          l.forgedToken(),
          token -> {
            AsOf<Page<Snapshot>> page =
                world.snapshots.list(
                    World.CALLER,
                    new ListSnapshotsQuery(
                        l.region(),
                        l.state(),
                        l.onlyLocked(),
                        l.tagKey(),
                        l.tagValue(),
                        l.pageSize(),
                        token));
            return viewed(page.value(), s -> Views.snapshot(s, page.at()));
          });
    } else if (step instanceof Step.DescribeLocked d) {
      pages(
          "DescribeLockedSnapshots",
          model.describeLockedRefusal(d.region(), d.pageSize()),
          () -> model.describeLocked(d.region(), d.snapshots(), d.status()),
          d.pageSize(),
          d.forgedToken(),
          token -> {
            var page =
                world.locks.describeLocked(
                    World.CALLER,
                    new DescribeLockedSnapshotsQuery(
                        d.region(), d.snapshots(), d.status(), d.pageSize(), token));
            return viewed(page.value(), l -> Views.locked(l, page.at()));
          });
    } else if (step instanceof Step.ListRules l) {
      pages(
          "ListRules",
          model.listRulesRefusal(l.region(), l.tags(), l.pageSize()),
          () -> model.listRules(l.region(), l.type(), l.lockState(), l.tags()),
          l.pageSize(),
          l.forgedToken(),
          token -> {
            var page =
                world.rules.list(
                    World.CALLER,
                    new ListRulesQuery(
                        l.region(), l.type(), l.lockState(), l.tags(), l.pageSize(), token));
            return viewed(page.value(), r -> Views.rule(r, page.at()));
          });
    } else if (step instanceof Step.ListKeys l) {
      pages(
          "ListLockKeys",
          l.pageSize() < 0 ? Optional.of(Reason.INVALID_PARAMETER) : Optional.empty(),
          model::listKeys,
          l.pageSize(),
          l.forgedToken(),
          token -> viewed(world.keys.list(World.CALLER, l.pageSize(), token), Views::key));
    } else if (step instanceof Step.ListUsages l) {
      String ref = key(l.key());
      Outcome expected = model.usages(ref, l.pageSize());
      pages(
          "ListLockKeyUsages",
          Optional.ofNullable(expected.refusal()),
          () -> (List<?>) expected.value(),
          l.pageSize(),
          l.forgedToken(),
          token -> viewed(world.keys.usages(World.CALLER, ref, l.pageSize(), token), Views::usage));
    } else if (step instanceof Step.ListRelationships l) {
      pages(
          "ListTargetRelationships",
          model.listRelationshipsRefusal(l.region(), l.pageSize()),
          () -> model.listRelationships(l.region()),
          l.pageSize(),
          l.forgedToken(),
          token ->
              viewed(
                  world.replication.list(World.CALLER, l.region(), l.pageSize(), token),
                  Views::relationship));
    } else if (step instanceof Step.GetRelationshipLock g) {
      String id = relationship(g.relationship());
      Outcome actual = answer(() -> world.replication.getLock(World.CALLER, id));
      tally("GetTargetRelationshipLock", actual);
      same("outcome of GetTargetRelationshipLock", model.relationshipLock(id), actual);
    } else {
      throw new AssertionError("not a read: " + step);
    }
  }

  /** The page's items as views, and its next page token. */
  private static <T> Page<Object> viewed(Page<T> page, Function<T, Object> view) {
    return new Page<>(page.items().stream().map(view).toList(), page.nextPageToken());
  }

  /**
   * Reads every page of a listing and compares the refusal, or all the items in order, with the
   * model's; no page may hold more than the page size asks. A forged first token is refused as one
   * never issued (after the request's malformed fields, which are refused first).
   */
  private void pages(
      String rpc,
      Optional<Reason> refusal,
      Supplier<List<?>> expected,
      int pageSize,
      boolean forgedToken,
      Function<String, Page<Object>> fetch) {
    List<Object> items = new ArrayList<>();
    Reason refused = null;
    try {
      String token = forgedToken ? FORGED_PAGE_TOKEN : "";
      int pages = 0;
      do {
        Page<Object> page = fetch.apply(token);
        if (page.items().size() > PageRequest.effectiveSize(Math.max(pageSize, 0))
            || ++pages > 1000) {
          throw new Divergence("pages of " + rpc, "a page holds " + page.items().size());
        }
        items.addAll(page.items());
        token = page.nextPageToken();
      } while (!token.isEmpty());
    } catch (RejectedException e) {
      refused = e.reason();
    }
    Outcome actual = refused == null ? Outcome.ok(items) : Outcome.refused(refused);
    tally(rpc, actual);
    Outcome wanted =
        refusal.isPresent()
            ? Outcome.refused(refusal.get())
            : forgedToken ? Outcome.refused(Reason.INVALID_PAGE_TOKEN) : Outcome.ok(expected.get());
    same("outcome of " + rpc, wanted, actual);
  }

  /**
   * GetSnapshotUnlockChallenge on both sides; the challenge pair when both issue one. A challenge
   * shows the key to sign with and when it stops being valid, which the model predicts too.
   */
  private Held challenge(String region, String snapshot) {
    operations++;
    Outcome expected = model.challenge(region, snapshot);
    UnlockChallenge issued = null;
    Reason refused = null;
    try {
      issued = world.locks.unlockChallenge(World.CALLER, region, snapshot);
    } catch (RejectedException e) {
      refused = e.reason();
    }
    Outcome actual =
        refused != null
            ? Outcome.refused(refused)
            : Outcome.ok(List.of(issued.lockKeyId(), issued.expireTime()));
    Model.Challenge predicted = expected.accepted() ? (Model.Challenge) expected.value() : null;
    Outcome wanted =
        predicted == null
            ? expected
            : Outcome.ok(List.of(predicted.keyId(), predicted.expireTime()));
    tally("GetSnapshotUnlockChallenge", actual);
    same("outcome of GetSnapshotUnlockChallenge", wanted, actual);
    return issued == null ? null : new Held(issued, predicted);
  }

  private static Outcome answer(Supplier<?> read) {
    try {
      return Outcome.ok(read.get());
    } catch (RejectedException e) {
      return Outcome.refused(e.reason());
    }
  }

  private static void same(String kind, Outcome expected, Outcome actual) {
    if (!expected.equals(actual)) {
      throw new Divergence(kind, "\n    expected: " + expected + "\n    actual:   " + actual);
    }
  }

  // --- references, tokens, time ---

  private String rule(String region, RuleRef ref) {
    if (ref.index() == RuleRef.MALFORMED) {
      return Universe.MALFORMED_RULE;
    }
    List<String> created = rulesCreated.getOrDefault(region, List.of());
    return ref.index() == RuleRef.UNKNOWN || created.isEmpty()
        ? Universe.UNKNOWN_RULE
        : created.get(ref.index() % created.size());
  }

  private String relationship(RelationshipRef ref) {
    if (ref.index() == RelationshipRef.MALFORMED) {
      return Universe.MALFORMED_RELATIONSHIP;
    }
    return ref.index() == RelationshipRef.UNKNOWN || relationshipsCreated.isEmpty()
        ? Universe.UNKNOWN_RELATIONSHIP
        : relationshipsCreated.get(ref.index() % relationshipsCreated.size());
  }

  private String key(KeyRef ref) {
    return switch (ref.kind()) {
      case NAME -> Universe.KEY_NAMES.get(ref.slot());
      case ID -> Objects.requireNonNullElse(keysCreated[ref.slot()], Universe.UNKNOWN_KEY_ID);
      case UNKNOWN -> Universe.UNKNOWN_KEY_ID;
      case MALFORMED -> Universe.MALFORMED_KEY_REF;
    };
  }

  /**
   * A client token of the pool, named for the day it is used on: a token is never sent again more
   * than a day after its first use, when a store may have forgotten it (it must remember for 24
   * hours).
   */
  private String token(int index) {
    if (index == Call.NONE) {
      return "";
    }
    if (index == Call.MALFORMED) {
      return "bad\ttoken";
    }
    return "t" + (index % Call.TOKENS) + "-" + Math.floorDiv(model.now().getEpochSecond(), 86400);
  }

  private Instant boundary(Step.ToBoundary step) {
    String region = Universe.REGIONS.get(step.index() < 6 ? 0 : 1);
    String snapshot = Universe.SNAPSHOTS.get(step.index() % Universe.SNAPSHOTS.size());
    Instant end =
        switch (step.boundary()) {
          case LOCK_EXPIRY -> model.lockExpiry(region, snapshot);
          case COOL_OFF_END -> model.coolOffEnd(region, snapshot);
          case RETAIN_UNTIL -> model.retainUntil(region, snapshot);
          case RULE_UNLOCK_END -> {
            List<Instant> ends = model.ruleUnlockEnds(Universe.REGIONS.get(0));
            yield ends.isEmpty() ? null : ends.get(step.index() % ends.size());
          }
          case CHALLENGE_EXPIRY -> {
            Held kept = held.get(new Where(region, snapshot));
            yield kept == null ? null : kept.model().expireTime();
          }
        };
    return end == null ? null : end.plusMillis(step.offsetMillis());
  }

  /** A request's canonical text: what its digest, and so a client token's replay, depends on. */
  private static String describe(Object... fields) {
    StringBuilder text = new StringBuilder();
    for (Object field : fields) {
      text.append(field instanceof Map<?, ?> map ? new TreeMap<>(map) : field).append('|');
    }
    return text.toString();
  }

  private static String digest(String request) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(request.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
