package io.lockctl.server.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.WatchLockEventsRequest;
import io.lockctl.v1.WatchLockEventsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WatchLockEvents client that queues what it receives: it reads as fast as the stream goes, or,
 * built {@link #stalled}, asks for a few events and then for none.
 */
public final class WatchConsumer
    implements ClientResponseObserver<WatchLockEventsRequest, WatchLockEventsResponse>,
        AutoCloseable {
  private final int requests; // -1: as many as come
  private final BlockingQueue<WatchLockEventsResponse> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
  private ClientCallStreamObserver<WatchLockEventsRequest> call;

  private WatchConsumer(int requests) {
    this.requests = requests;
  }

  public static WatchConsumer fast(Channel channel, WatchLockEventsRequest request) {
    WatchConsumer consumer = new WatchConsumer(-1);
    AuditServiceGrpc.newStub(channel).watchLockEvents(request, consumer);
    return consumer;
  }

  /** Takes {@code requests} events, then stops reading (its stream stays open). */
  public static WatchConsumer stalled(
      Channel channel, WatchLockEventsRequest request, int requests) {
    WatchConsumer consumer = new WatchConsumer(requests);
    AuditServiceGrpc.newStub(channel).watchLockEvents(request, consumer);
    return consumer;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<WatchLockEventsRequest> requestStream) {
    this.call = requestStream;
    if (requests >= 0) {
      requestStream.disableAutoRequestWithInitial(requests);
    }
  }

  @Override
  public void onNext(WatchLockEventsResponse response) {
    received.add(response);
  }

  @Override
  public void onError(Throwable failure) {
    closed.complete(failure);
  }

  @Override
  public void onCompleted() {
    closed.complete(null);
  }

  /** The next {@code count} events, waiting up to 10 s for each. */
  public List<WatchLockEventsResponse> take(int count) throws InterruptedException {
    List<WatchLockEventsResponse> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      WatchLockEventsResponse event = received.poll(10, TimeUnit.SECONDS);
      assertNotNull(event, () -> "event " + events.size() + " of " + count + " did not come");
      events.add(event);
    }
    return events;
  }

  /** An event that arrives within {@code millis}, or null. */
  public WatchLockEventsResponse poll(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Every event received and not taken yet. */
  public List<WatchLockEventsResponse> drained() {
    List<WatchLockEventsResponse> events = new ArrayList<>();
    received.drainTo(events);
    return events;
  }

  /** How the stream ended, waiting up to 10 s: a gRPC status, or null for a normal end. */
  public StatusRuntimeException closedWith() throws Exception {
    return (StatusRuntimeException) closed.get(10, TimeUnit.SECONDS);
  }

  public boolean isOpen() {
    return !closed.isDone();
  }

  @Override
  public void close() {
    if (call != null && isOpen()) {
      call.cancel("test done", null);
    }
  }
}
