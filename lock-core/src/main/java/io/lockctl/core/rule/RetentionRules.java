package io.lockctl.core.rule;

import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.paging.Pages;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Retention rules' operations within a transaction: the shell that loads rules, asks {@link
 * RuleDecisions}, and writes what they accept. Every method either completes or throws a {@link
 * io.lockctl.core.error.RejectedException} having written nothing. Running inside the store's
 * serial write order is what makes each rule's operations linearizable: a LockRule and an
 * UpdateRule of the same rule are decided one after the other, never on the same state.
 */
public final class RetentionRules {
  private final RandomIds ids;
  private final Pages pages;

  public RetentionRules(RandomIds ids, Pages pages) {
    this.ids = ids;
    this.pages = pages;
  }

  /** An identifier no rule of the region has, for the rule a create would add. */
  public String unusedIdentifier(RuleReads tx, String regionId) {
    String identifier;
    do {
      identifier = ids.ruleId();
    } while (tx.rules().find(regionId, identifier).isPresent());
    return identifier;
  }

  /** Creates the rule under {@code identifier}, one {@link #unusedIdentifier} gave. */
  public RetentionRule create(RuleWrites tx, CreateRuleCommand command, String identifier) {
    RuleRepository rules = tx.rules();
    RetentionRule rule =
        RuleDecisions.create(command, identifier, rules.countInRegion(command.regionId()), tx.now())
            .orElseThrow();
    rules.insert(rule);
    return rule;
  }

  public RetentionRule get(RuleReads tx, String regionId, String identifier) {
    throwIfPresent(RuleValidation.reference(regionId, identifier));
    return find(tx, regionId, identifier);
  }

  /**
   * One page of a region's rules, ascending by identifier, lock states evaluated at {@code
   * tx.now()}.
   */
  public Page<RetentionRule> list(RuleReads tx, ListRulesQuery query) {
    throwIfPresent(RuleValidation.list(query));
    int pageSize = PageRequest.effectiveSize(query.pageSize());
    String canonical = canonical(query);
    RuleQuery filters =
        new RuleQuery(
            query.regionId(),
            query.resourceType(),
            query.lockState(),
            query.resourceTags(),
            pages.after(canonical, query.pageToken()),
            pageSize + 1,
            tx.now());
    return pages.of(canonical, tx.rules().list(filters), pageSize, RetentionRule::identifier);
  }

  public RetentionRule update(RuleWrites tx, UpdateRuleCommand command) {
    throwIfPresent(RuleValidation.update(command));
    RetentionRule current = find(tx, command.regionId(), command.identifier());
    RetentionRule updated = RuleDecisions.update(current, command, tx.now()).orElseThrow();
    tx.rules().update(updated);
    return updated;
  }

  /** Deletes the rule; returns it as it was. Snapshots it sent to the recycle bin stay there. */
  public RetentionRule delete(RuleWrites tx, String regionId, String identifier) {
    throwIfPresent(RuleValidation.reference(regionId, identifier));
    RetentionRule deleted =
        RuleDecisions.delete(find(tx, regionId, identifier), tx.now()).orElseThrow();
    tx.rules().delete(regionId, identifier);
    tx.ruleTags().removeAll(regionId, identifier);
    return deleted;
  }

  public RetentionRule lock(RuleWrites tx, LockRuleCommand command) {
    throwIfPresent(RuleValidation.lock(command));
    RetentionRule current = find(tx, command.regionId(), command.identifier());
    RetentionRule locked = RuleDecisions.lock(current, command, tx.now()).orElseThrow();
    if (!locked.equals(current)) {
      tx.rules().update(locked);
    }
    return locked;
  }

  public RetentionRule unlock(RuleWrites tx, UnlockRuleCommand command) {
    throwIfPresent(RuleValidation.reference(command.regionId(), command.identifier()));
    RetentionRule current = find(tx, command.regionId(), command.identifier());
    RetentionRule unlocking = RuleDecisions.unlock(current, tx.now()).orElseThrow();
    tx.rules().update(unlocking);
    return unlocking;
  }

  private static RetentionRule find(RuleReads tx, String regionId, String identifier) {
    return tx.rules()
        .find(regionId, identifier)
        .orElseThrow(() -> RuleRejections.notFound(regionId, identifier).toException());
  }

  private static void throwIfPresent(Optional<Rejection> rejection) {
    if (rejection.isPresent()) {
      throw rejection.get().toException();
    }
  }

  /** The filters a page token is bound to (not the page size, which may change between pages). */
  private static String canonical(ListRulesQuery query) {
    String tags =
        query.resourceTags().stream()
            .map(
                tag ->
                    tag.key().length()
                        + ":"
                        + tag.key()
                        + "="
                        + tag.value().length()
                        + ":"
                        + tag.value())
            .sorted()
            .collect(Collectors.joining(","));
    return "rules|"
        + query.regionId()
        + "|"
        + query.resourceType()
        + "|"
        + query.lockState()
        + "|"
        + tags;
  }
}
