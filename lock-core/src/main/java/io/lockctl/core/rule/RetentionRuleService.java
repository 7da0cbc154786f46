package io.lockctl.core.rule;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Guard;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.transaction.Transactions;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The retention rules' application service, for every edge: each call is authorised, runs in the
 * transaction its kind needs, and a mutation is idempotent per client token and audited. Results
 * carry the instant their lock states are shown at.
 */
public final class RetentionRuleService {
  static final Action CREATE_RULE = new Action("CreateRule");
  static final Action GET_RULE = new Action("GetRule");
  static final Action LIST_RULES = new Action("ListRules");
  static final Action UPDATE_RULE = new Action("UpdateRule");
  static final Action DELETE_RULE = new Action("DeleteRule");
  static final Action LOCK_RULE = new Action("LockRule");
  static final Action UNLOCK_RULE = new Action("UnlockRule");

  private final Transactions<? extends RuleReads, ? extends RuleWrites> store;
  private final OperationRunner operations;
  private final RetentionRules rules;

  public RetentionRuleService(
      Transactions<? extends RuleReads, ? extends RuleWrites> store,
      OperationRunner operations,
      RetentionRules rules) {
    this.store = store;
    this.operations = operations;
    this.rules = rules;
  }

  public CompletableFuture<AsOf<RetentionRule>> create(
      Mutation mutation, CreateRuleCommand command) {
    return operations.mutate(
        store,
        CREATE_RULE,
        mutation,
        RuleCodec.RULE,
        (tx, guard) -> {
          String identifier = rules.unusedIdentifier(tx, command.regionId());
          guard.authorize(Lrn.rule(command.regionId(), identifier));
          return changed(guard, rules.create(tx, command, identifier), tx.now());
        });
  }

  public AsOf<RetentionRule> get(Caller caller, String regionId, String identifier) {
    return operations.read(
        store,
        caller,
        GET_RULE,
        (tx, guard) -> {
          guard.authorize(Lrn.rule(regionId, identifier));
          return new AsOf<>(rules.get(tx, regionId, identifier), tx.now());
        });
  }

  public AsOf<Page<RetentionRule>> list(Caller caller, ListRulesQuery query) {
    return operations.read(
        store,
        caller,
        LIST_RULES,
        (tx, guard) -> {
          guard.authorize(Lrn.rules(query.regionId()));
          return new AsOf<>(rules.list(tx, query), tx.now());
        });
  }

  public CompletableFuture<AsOf<RetentionRule>> update(
      Mutation mutation, UpdateRuleCommand command) {
    return operations.mutate(
        store,
        UPDATE_RULE,
        mutation,
        RuleCodec.RULE,
        (tx, guard) -> {
          guard.authorize(Lrn.rule(command.regionId(), command.identifier()));
          return changed(guard, rules.update(tx, command), tx.now());
        });
  }

  /** Deletes the rule; the result is the rule as it was. */
  public CompletableFuture<AsOf<RetentionRule>> delete(
      Mutation mutation, String regionId, String identifier) {
    return operations.mutate(
        store,
        DELETE_RULE,
        mutation,
        RuleCodec.RULE,
        (tx, guard) -> {
          guard.authorize(Lrn.rule(regionId, identifier));
          RetentionRule deleted = rules.delete(tx, regionId, identifier);
          guard.changed(RuleCodec.state(null));
          return new AsOf<>(deleted, tx.now());
        });
  }

  public CompletableFuture<AsOf<RetentionRule>> lock(Mutation mutation, LockRuleCommand command) {
    return operations.mutate(
        store,
        LOCK_RULE,
        mutation,
        RuleCodec.RULE,
        (tx, guard) -> {
          guard.authorize(Lrn.rule(command.regionId(), command.identifier()));
          return changed(guard, rules.lock(tx, command), tx.now());
        });
  }

  public CompletableFuture<AsOf<RetentionRule>> unlock(
      Mutation mutation, UnlockRuleCommand command) {
    return operations.mutate(
        store,
        UNLOCK_RULE,
        mutation,
        RuleCodec.RULE,
        (tx, guard) -> {
          guard.authorize(Lrn.rule(command.regionId(), command.identifier()));
          return changed(guard, rules.unlock(tx, command), tx.now());
        });
  }

  /** The rule as the mutation left it, for the audit log, and as its result. */
  private static AsOf<RetentionRule> changed(Guard guard, RetentionRule rule, Instant now) {
    guard.changed(RuleCodec.state(rule));
    return new AsOf<>(rule, now);
  }
}
