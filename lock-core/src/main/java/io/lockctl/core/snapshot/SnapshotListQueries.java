package io.lockctl.core.snapshot;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.Identifiers;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.paging.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns ListSnapshots and DescribeLockedSnapshots requests into store queries. Each query gets a
 * canonical description of its filters, which page tokens are bound to, so a token is only accepted
 * for the query that issued it.
 */
public final class SnapshotListQueries {
  static final int MAX_SNAPSHOT_IDS = 100;

  private SnapshotListQueries() {}

  public static Decision<PlannedQuery> list(ListSnapshotsQuery request, Instant now, Pages pages) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(request.regionId(), violations);
    if (!request.tagKey().isEmpty()) {
      SnapshotFieldRules.tagKey("tag_key", request.tagKey(), violations);
    }
    if (request.tagValue() != null) {
      if (request.tagKey().isEmpty()) {
        violations.add(new FieldViolation("tag_value", "requires tag_key"));
      }
      SnapshotFieldRules.tagValue("tag_value", request.tagValue(), violations);
    }
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    String canonical =
        String.join(
            "|",
            "list",
            request.regionId(),
            String.valueOf(request.state()),
            String.valueOf(request.onlyLocked()),
            quoted(request.tagKey()),
            request.tagValue() == null ? "*" : quoted(request.tagValue()));
    try {
      int size = PageRequest.effectiveSize(request.pageSize());
      String tagKey = request.tagKey().isEmpty() ? null : request.tagKey();
      SnapshotQuery query =
          new SnapshotQuery(
              request.regionId(),
              request.state(),
              request.onlyLocked()
                  ? SnapshotQuery.LockFilter.ACTIVE_LOCK
                  : SnapshotQuery.LockFilter.ANY,
              null,
              Set.of(),
              tagKey,
              tagKey == null ? null : request.tagValue(),
              pages.after(canonical, request.pageToken()),
              size + 1,
              now);
      return Decision.accept(new PlannedQuery(query, canonical, size, pages));
    } catch (RejectedException refused) {
      return Decision.reject(refused.rejection());
    }
  }

  public static Decision<PlannedQuery> describeLocked(
      DescribeLockedSnapshotsQuery request, Instant now, Pages pages) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(request.regionId(), violations);
    List<String> ids = request.snapshotIds();
    if (ids.size() > MAX_SNAPSHOT_IDS) {
      violations.add(new FieldViolation("snapshot_ids", "at most " + MAX_SNAPSHOT_IDS + " ids"));
    } else {
      for (int i = 0; i < ids.size(); i++) {
        Identifiers.snapshotId("snapshot_ids[" + i + "]", ids.get(i), violations);
      }
    }
    Optional<Rejection> malformed = Rejection.invalidParameters(violations);
    if (malformed.isPresent()) {
      return Decision.reject(malformed.get());
    }
    String canonical =
        String.join(
            "|",
            "describe-locked",
            request.regionId(),
            String.join(",", new TreeSet<>(ids)),
            String.valueOf(request.lockStatus()));
    try {
      int size = PageRequest.effectiveSize(request.pageSize());
      SnapshotQuery query =
          new SnapshotQuery(
              request.regionId(),
              null,
              SnapshotQuery.LockFilter.HAS_LOCK,
              request.lockStatus(),
              Set.copyOf(ids),
              null,
              null,
              pages.after(canonical, request.pageToken()),
              size + 1,
              now);
      return Decision.accept(new PlannedQuery(query, canonical, size, pages));
    } catch (RejectedException refused) {
      return Decision.reject(refused.rejection());
    }
  }

  /** A free-form filter value, length-prefixed so no two filters share a canonical form. */
  private static String quoted(String value) {
    return value.length() + ":" + value;
  }

  /**
   * A query ready to run. It fetches one row more than {@code pageSize}, which tells whether
   * another page follows.
   *
   * @param canonical the filters' canonical form, which page tokens are bound to
   * @param pages makes the page's token
   */
  public record PlannedQuery(SnapshotQuery query, String canonical, int pageSize, Pages pages) {

    /** The page made of the rows {@link #query} returned, each named by {@code idOf}. */
    public <T> Page<T> page(List<T> fetched, Function<T, String> idOf) {
      return pages.of(canonical, fetched, pageSize, idOf);
    }
  }
}
