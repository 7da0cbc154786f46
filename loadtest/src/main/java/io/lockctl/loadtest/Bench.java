package io.lockctl.loadtest;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Drives one RPC for a warmup and then a measured window, and stops by itself.
 *
 * <p>Closed loop: {@code concurrency} lanes, each sending its next call when the previous one ends;
 * a call's latency runs from its send. Open loop ({@code --rate}): calls are scheduled at fixed
 * instants whatever the server does, and a call's latency runs from its scheduled instant, so a
 * server stall shows up as latency of every call it delayed instead of as calls never sent
 * (coordinated omission). {@code concurrency} then caps the calls in flight; a call that cannot be
 * sent within one deadline of its instant is counted as NOT_SENT. If the warmup fell behind its
 * schedule (a cold JVM does), the window and its schedule start when the warmup's calls have been
 * sent, so the warmup's backlog is not measured as the window's latency.
 *
 * <p>A call belongs to the window when it was sent (closed) or scheduled (open) inside it; calls
 * still in flight at the window's end are awaited, up to one deadline.
 */
final class Bench {

  static final String NOT_SENT = "NOT_SENT";

  private final BenchOptions options;
  private final Channel channel;
  private final Recorder latenciesMicros = new Recorder(3);
  private final Outcomes errors = new Outcomes();
  // moved on by an open loop whose warmup fell behind, while calls complete on other threads
  private volatile long windowStart;
  private volatile long windowEnd;

  private Bench(BenchOptions options, Channel channel) {
    this.options = options;
    this.channel = channel;
  }

  static BenchReport run(BenchOptions options, Channel channel) throws InterruptedException {
    Bench bench = new Bench(options, channel);
    bench.drive(options.workload().spec(options));
    return BenchReport.of(
        options, bench.latenciesMicros.getIntervalHistogram(), bench.errors.snapshot());
  }

  private <Req, Resp> void drive(CallSpec<Req, Resp> spec) throws InterruptedException {
    long begin = System.nanoTime();
    windowStart = begin + options.warmup().toNanos();
    windowEnd = windowStart + options.duration().toNanos();
    if (options.openLoop()) {
      openLoop(spec, begin);
    } else {
      closedLoop(spec);
    }
  }

  private <Req, Resp> void closedLoop(CallSpec<Req, Resp> spec) throws InterruptedException {
    CountDownLatch lanes = new CountDownLatch(options.concurrency());
    for (int i = 0; i < options.concurrency(); i++) {
      nextInLane(spec, lanes);
    }
    long wait = windowEnd - System.nanoTime() + options.deadline().toNanos();
    lanes.await(Math.max(wait, 0), TimeUnit.NANOSECONDS);
  }

  private <Req, Resp> void nextInLane(CallSpec<Req, Resp> spec, CountDownLatch lanes) {
    long now = System.nanoTime();
    if (now - windowEnd >= 0) {
      lanes.countDown();
      return;
    }
    // The completion runs on the channel's executor, not inside send(), so lanes do not recurse.
    send(spec, now, () -> nextInLane(spec, lanes));
  }

  private <Req, Resp> void openLoop(CallSpec<Req, Resp> spec, long begin)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(options.concurrency());
    double interval = 1e9 / options.rate();
    long origin = begin;
    boolean windowOpen = false;
    for (long i = 0; ; i++) {
      long scheduled = origin + (long) (i * interval);
      if (!windowOpen && scheduled - windowStart >= 0) {
        windowOpen = true;
        long behind = System.nanoTime() - scheduled;
        if (behind > 0) {
          origin += behind;
          scheduled += behind;
          windowStart = scheduled;
          windowEnd = scheduled + options.duration().toNanos();
        }
      }
      if (scheduled - windowEnd >= 0) {
        break;
      }
      long giveUp = windowEnd + options.deadline().toNanos();
      sleepUntil(scheduled);
      long lateBy = System.nanoTime() - scheduled;
      long patience = Math.min(options.deadline().toNanos() - lateBy, giveUp - System.nanoTime());
      if (inFlight.tryAcquire(Math.max(patience, 0), TimeUnit.NANOSECONDS)) {
        send(spec, scheduled, inFlight::release);
      } else if (inWindow(scheduled)) {
        errors.add(NOT_SENT);
      }
    }
    inFlight.tryAcquire(options.concurrency(), options.deadline().toNanos(), TimeUnit.NANOSECONDS);
  }

  private <Req, Resp> void send(CallSpec<Req, Resp> spec, long startedAt, Runnable then) {
    CallOptions callOptions =
        CallOptions.DEFAULT.withDeadlineAfter(options.deadline().toNanos(), TimeUnit.NANOSECONDS);
    ClientCalls.asyncUnaryCall(
        channel.newCall(spec.method(), callOptions),
        spec.requests().get(),
        new StreamObserver<>() {
          @Override
          public void onNext(Resp response) {}

          @Override
          public void onError(Throwable t) {
            complete(startedAt, Status.fromThrowable(t));
            then.run();
          }

          @Override
          public void onCompleted() {
            complete(startedAt, Status.OK);
            then.run();
          }
        });
  }

  private void complete(long startedAt, Status status) {
    if (!inWindow(startedAt)) {
      return;
    }
    if (status.isOk()) {
      latenciesMicros.recordValue(Math.max(1, (System.nanoTime() - startedAt) / 1000));
    } else {
      errors.add(status.getCode().name());
    }
  }

  private boolean inWindow(long instant) {
    return instant - windowStart >= 0 && instant - windowEnd < 0;
  }

  private static void sleepUntil(long instant) {
    for (long left = instant - System.nanoTime(); left > 0; left = instant - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
