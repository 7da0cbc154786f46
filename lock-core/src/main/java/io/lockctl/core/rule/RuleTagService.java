package io.lockctl.core.rule;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.transaction.Transactions;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Tags on retention rules themselves (AWS Recycle Bin's TagResource, UntagResource and
 * ListTagsForResource), for labelling and cost allocation: they select nothing, so a rule's lock
 * does not freeze them, as in AWS. Authorised and audited on the rule as {@code
 * lockctl:TagResource} and so on; a rule's tags go with it when it is deleted.
 */
public final class RuleTagService {
  static final Action TAG_RESOURCE = new Action("TagResource");
  static final Action UNTAG_RESOURCE = new Action("UntagResource");
  static final Action LIST_TAGS_FOR_RESOURCE = new Action("ListTagsForResource");

  /** At most this many tags on one rule (AWS's limit). */
  public static final int MAX_TAGS = 50;

  private static final Pattern KEY = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$");
  private static final Pattern VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$");

  private static final ResultCodec<SortedMap<String, String>> TAGS =
      new ResultCodec<>() {
        @Override
        public void write(SortedMap<String, String> tags, BinaryWriter out) {
          out.writeStringMap(tags);
        }

        @Override
        public SortedMap<String, String> read(BinaryReader in) {
          return new TreeMap<>(in.readStringMap());
        }
      };

  private final Transactions<? extends RuleReads, ? extends RuleWrites> store;
  private final OperationRunner operations;

  public RuleTagService(
      Transactions<? extends RuleReads, ? extends RuleWrites> store, OperationRunner operations) {
    this.store = store;
    this.operations = operations;
  }

  /** Adds or replaces {@code tags} on the rule; answers every tag it then has. */
  public CompletableFuture<SortedMap<String, String>> tag(
      Mutation mutation, String regionId, String identifier, Map<String, String> tags) {
    return operations.mutate(
        store,
        TAG_RESOURCE,
        mutation,
        TAGS,
        (tx, guard) -> {
          guard.authorize(Lrn.rule(regionId, identifier));
          requireRule(tx, regionId, identifier);
          validate(tags);
          SortedMap<String, String> after = tx.ruleTags().tagsOf(regionId, identifier);
          after.putAll(tags);
          if (after.size() > MAX_TAGS) {
            throw Rejection.of(
                    Reason.SERVICE_QUOTA_EXCEEDED,
                    "a retention rule has at most " + MAX_TAGS + " tags")
                .toException();
          }
          tags.forEach((key, value) -> tx.ruleTags().put(regionId, identifier, key, value));
          return after;
        });
  }

  /** Removes the tags with these keys (absent ones are ignored); answers what remains. */
  public CompletableFuture<SortedMap<String, String>> untag(
      Mutation mutation, String regionId, String identifier, List<String> keys) {
    return operations.mutate(
        store,
        UNTAG_RESOURCE,
        mutation,
        TAGS,
        (tx, guard) -> {
          guard.authorize(Lrn.rule(regionId, identifier));
          requireRule(tx, regionId, identifier);
          if (keys.isEmpty()) {
            throw Rejection.invalidField(Reason.INVALID_PARAMETER, "tag_keys", "name a tag key")
                .toException();
          }
          keys.forEach(key -> tx.ruleTags().remove(regionId, identifier, key));
          return tx.ruleTags().tagsOf(regionId, identifier);
        });
  }

  public SortedMap<String, String> list(Caller caller, String regionId, String identifier) {
    return operations.read(
        store,
        caller,
        LIST_TAGS_FOR_RESOURCE,
        (tx, guard) -> {
          guard.authorize(Lrn.rule(regionId, identifier));
          requireRule(tx, regionId, identifier);
          return tx.ruleTags().tagsOf(regionId, identifier);
        });
  }

  private static void requireRule(RuleReads tx, String regionId, String identifier) {
    if (tx.rules().find(regionId, identifier).isEmpty()) {
      throw RuleRejections.notFound(regionId, identifier).toException();
    }
  }

  private static void validate(Map<String, String> tags) {
    if (tags.isEmpty()) {
      throw Rejection.invalidField(Reason.INVALID_PARAMETER, "tags", "give at least one tag")
          .toException();
    }
    tags.forEach(
        (key, value) -> {
          if (!KEY.matcher(key).matches() || key.startsWith("aws:")) {
            throw Rejection.invalidField(
                    Reason.INVALID_PARAMETER,
                    "tags.key",
                    "a tag key is 1-128 letters, digits, spaces and _.:/=+-@, not starting with"
                        + " aws:")
                .toException();
          }
          if (!VALUE.matcher(value).matches()) {
            throw Rejection.invalidField(
                    Reason.INVALID_PARAMETER,
                    "tags.value",
                    "a tag value is 0-256 letters, digits, spaces and _.:/=+-@")
                .toException();
          }
        });
  }
}
