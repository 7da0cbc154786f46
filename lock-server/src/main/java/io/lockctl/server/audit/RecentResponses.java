package io.lockctl.server.audit;

import io.lockctl.core.watch.LockEvent;
import io.lockctl.v1.WatchLockEventsResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The responses of the records most recently streamed, by index, so that a record going to many
 * watchers is translated once. A record never changes, so its response is valid forever.
 */
final class RecentResponses {
  private static final int SIZE = 4096;

  private final Function<LockEvent, WatchLockEventsResponse> translate;
  private final Map<Long, WatchLockEventsResponse> recent =
      new LinkedHashMap<>(SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, WatchLockEventsResponse> eldest) {
          return size() > SIZE;
        }
      }; // guarded by itself

  RecentResponses(Function<LockEvent, WatchLockEventsResponse> translate) {
    this.translate = translate;
  }

  WatchLockEventsResponse of(LockEvent event) {
    synchronized (recent) {
      WatchLockEventsResponse known = recent.get(event.index());
      if (known != null) {
        return known;
      }
    }
    WatchLockEventsResponse response = translate.apply(event);
    synchronized (recent) {
      recent.put(event.index(), response);
    }
    return response;
  }
}
