package io.lockctl.server.audit;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.watch.LockEvent;
import io.lockctl.core.watch.Watch;
import io.lockctl.core.watch.WatchEnd;
import io.lockctl.core.watch.WatchListener;
import io.lockctl.server.rpc.StatusErrors;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Moves one watch's events onto its gRPC stream as fast as the client reads them, on the server's
 * threads and never on the feed's: deliveries are serialised (one drain at a time), and the
 * transport's readiness decides when to send, so a slow client fills only its own watch's buffer.
 */
final class WatchDelivery<T> implements WatchListener {
  private final ServerCallStreamObserver<T> call;
  private final Executor executor;
  private final Function<LockEvent, T> toResponse;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Watch watch;
  private boolean finished; // only the drain touches it

  private WatchDelivery(
      ServerCallStreamObserver<T> call, Executor executor, Function<LockEvent, T> toResponse) {
    this.call = call;
    this.executor = executor;
    this.toResponse = toResponse;
  }

  /**
   * Opens a watch with {@code open} (which may refuse the call) and delivers it on {@code call}.
   * Call it from the service method, where the call's handlers can still be set.
   */
  static <T> void start(
      ServerCallStreamObserver<T> call,
      Executor executor,
      Function<WatchListener, Watch> open,
      Function<LockEvent, T> toResponse) {
    WatchDelivery<T> delivery = new WatchDelivery<>(call, executor, toResponse);
    Watch watch;
    try {
      watch = open.apply(delivery);
    } catch (RuntimeException refused) {
      call.onError(StatusErrors.toStatus(refused));
      return;
    }
    delivery.watch = watch;
    call.setOnCancelHandler(watch::cancel);
    call.setOnReadyHandler(delivery::ready);
    delivery.ready();
  }

  @Override
  public void ready() {
    if (pending.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    int missed = 1;
    do {
      if (!finished && watch != null) {
        deliver();
      }
      missed = pending.addAndGet(-missed);
    } while (missed != 0);
  }

  private void deliver() {
    try {
      while (true) {
        WatchEnd end = watch.end();
        if (end != null) {
          finish(end);
          return;
        }
        if (call.isCancelled()) {
          watch.cancel();
          finished = true;
          return;
        }
        if (!call.isReady()) {
          return; // the ready handler comes back
        }
        LockEvent event = watch.poll();
        if (event == null) {
          WatchEnd ended = watch.end();
          if (ended != null) {
            finish(ended);
          }
          return; // the watch tells us when it has more
        }
        call.onNext(toResponse.apply(event));
      }
    } catch (RuntimeException failure) { // the store failed while catching up
      watch.cancel();
      finished = true;
      call.onError(StatusErrors.toStatus(failure));
    }
  }

  private void finish(WatchEnd end) {
    finished = true;
    if (end instanceof WatchEnd.TooSlow slow) {
      call.onError(
          StatusErrors.toStatus(
              Rejection.of(
                  Reason.WATCH_TOO_SLOW,
                  "the stream did not keep up with the log and was closed; call again with"
                      + " start_index "
                      + slow.nextIndex(),
                  Map.of("next_index", Long.toString(slow.nextIndex())))));
    } else if (end instanceof WatchEnd.FeedStopped) {
      call.onError(
          Status.UNAVAILABLE
              .withDescription(
                  "the server is stopping; call again with start_index set to the last index"
                      + " received plus one")
              .asRuntimeException());
    }
    // Cancelled: the client went away, nobody to tell
  }
}
