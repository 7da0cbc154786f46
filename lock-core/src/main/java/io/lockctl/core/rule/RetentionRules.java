package io.lockctl.core.rule;

import io.lockctl.core.error.Rejection;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.paging.PageToken;
import io.lockctl.core.store.ReadTransaction;
import io.lockctl.core.store.WriteTransaction;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Retention rules' operations (SPEC.md section 3): the shell that loads rules from a transaction,
 * asks {@link RuleDecisions}, and writes what they accept. Every method either completes or throws
 * a {@link io.lockctl.core.error.RejectedException} having written nothing. Running inside the
 * store's serial write order is what makes each rule's operations linearizable: a LockRule and an
 * UpdateRule of the same rule are decided one after the other, never on the same state.
 */
public final class RetentionRules {
  private final RuleIds ids;

  public RetentionRules(RuleIds ids) {
    this.ids = ids;
  }

  public RetentionRule create(WriteTransaction tx, CreateRuleCommand command) {
    RuleRepository rules = tx.rules();
    String identifier;
    do {
      identifier = ids.next();
    } while (rules.find(command.regionId(), identifier).isPresent());
    RetentionRule rule =
        RuleDecisions.create(command, identifier, rules.countInRegion(command.regionId()), tx.now())
            .orElseThrow();
    rules.insert(rule);
    return rule;
  }

  public RetentionRule get(ReadTransaction tx, String regionId, String identifier) {
    throwIfPresent(RuleValidation.reference(regionId, identifier));
    return find(tx, regionId, identifier);
  }

  /**
   * One page of a region's rules, ascending by identifier, lock states evaluated at {@code
   * tx.now()}.
   */
  public Page<RetentionRule> list(ReadTransaction tx, ListRulesQuery query) {
    throwIfPresent(RuleValidation.list(query));
    int pageSize = PageRequest.effectiveSize(query.pageSize());
    String canonical = canonical(query);
    String after =
        query.pageToken().isEmpty() ? null : PageToken.decode(canonical, query.pageToken());
    // One more than a page tells whether there is a next page without a count query.
    List<RetentionRule> found =
        tx.rules()
            .list(
                new RuleQuery(
                    query.regionId(),
                    query.resourceType(),
                    query.lockState(),
                    query.resourceTags(),
                    after,
                    pageSize + 1,
                    tx.now()));
    if (found.size() <= pageSize) {
      return new Page<>(found, "");
    }
    List<RetentionRule> page = found.subList(0, pageSize);
    return new Page<>(page, PageToken.encode(canonical, page.get(pageSize - 1).identifier()));
  }

  public RetentionRule update(WriteTransaction tx, UpdateRuleCommand command) {
    throwIfPresent(RuleValidation.update(command));
    RetentionRule current = find(tx, command.regionId(), command.identifier());
    RetentionRule updated = RuleDecisions.update(current, command, tx.now()).orElseThrow();
    tx.rules().update(updated);
    return updated;
  }

  /** Deletes the rule; returns it as it was. Snapshots it sent to the recycle bin stay there. */
  public RetentionRule delete(WriteTransaction tx, String regionId, String identifier) {
    throwIfPresent(RuleValidation.reference(regionId, identifier));
    RetentionRule deleted =
        RuleDecisions.delete(find(tx, regionId, identifier), tx.now()).orElseThrow();
    tx.rules().delete(regionId, identifier);
    return deleted;
  }

  public RetentionRule lock(WriteTransaction tx, LockRuleCommand command) {
    throwIfPresent(RuleValidation.lock(command));
    RetentionRule current = find(tx, command.regionId(), command.identifier());
    RetentionRule locked = RuleDecisions.lock(current, command, tx.now()).orElseThrow();
    if (!locked.equals(current)) {
      tx.rules().update(locked);
    }
    return locked;
  }

  public RetentionRule unlock(WriteTransaction tx, UnlockRuleCommand command) {
    throwIfPresent(RuleValidation.reference(command.regionId(), command.identifier()));
    RetentionRule current = find(tx, command.regionId(), command.identifier());
    RetentionRule unlocking = RuleDecisions.unlock(current, tx.now()).orElseThrow();
    tx.rules().update(unlocking);
    return unlocking;
  }

  private static RetentionRule find(ReadTransaction tx, String regionId, String identifier) {
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
