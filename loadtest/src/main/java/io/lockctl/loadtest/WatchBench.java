package io.lockctl.loadtest;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.SnapshotStatus;
import io.lockctl.v1.WatchLockEventsRequest;
import io.lockctl.v1.WatchLockEventsResponse;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Delivery latency of WatchLockEvents under a write load: an open loop registers fresh snapshots at
 * {@code --rate} per second while {@code --watchers} streams (each on its own connection) watch
 * from now. A record's delay is the instant it reached a watcher minus the instant its write
 * committed, which the client takes as the record's {@code time} (the compliance clock, in
 * milliseconds, read inside the write's transaction, so never after its commit): this overstates
 * the delay after commit by the commit itself, never understates it. Client and server must share a
 * clock (run both on one machine).
 */
final class WatchBench {
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

  private WatchBench() {}

  static int run(WatchBenchOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    List<ManagedChannel> channels = new ArrayList<>();
    List<Watcher> watchers = new ArrayList<>();
    ManagedChannel writes = LoadTool.channel(options.target(), err);
    channels.add(writes);
    try {
      for (int i = 0; i < options.watchers(); i++) {
        ManagedChannel channel = LoadTool.channel(options.target(), err);
        channels.add(channel);
        Watcher watcher = new Watcher(AuditServiceGrpc.newStub(channel));
        watcher.subscribe(WatchLockEventsRequest.getDefaultInstance());
        watchers.add(watcher);
      }
      Thread.sleep(500); // let the streams open: they watch from now
      Writer writer = new Writer(SnapshotServiceGrpc.newFutureStub(writes), options.region());
      long periodNanos = TimeUnit.SECONDS.toNanos(1) / options.rate();
      long start = System.nanoTime();
      long measureFrom = start + options.warmup().toNanos();
      long end = measureFrom + options.duration().toNanos();
      Instant measureFromWall = null;
      for (long i = 0; ; i++) {
        long at = start + i * periodNanos;
        if (at - end >= 0) {
          break;
        }
        long wait = at - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        if (measureFromWall == null && at - measureFrom >= 0) {
          measureFromWall = Instant.now();
          for (Watcher watcher : watchers) {
            watcher.measureFrom(measureFromWall);
          }
        }
        writer.write(at - measureFrom >= 0);
      }
      writer.awaitAll();
      Thread.sleep(1000); // the last deliveries
      Histogram all = new Histogram(MAX_NANOS, 3);
      long closed = 0;
      long gaps = 0;
      long failed = 0;
      for (Watcher watcher : watchers) {
        synchronized (watcher) {
          all.add(watcher.latency);
          gaps += watcher.gaps;
          closed += watcher.tooSlow;
        }
        if (watcher.failedWith != null) {
          failed++;
          err.println("a watcher failed: " + watcher.failedWith);
        }
      }
      out.println(
          String.format(
              Locale.ROOT,
              "watch-bench: %d watchers, %d writes/s for %d s: %d writes measured (%d failed),"
                  + " %d deliveries, %d gaps, %d closed WATCH_TOO_SLOW (and resumed)",
              options.watchers(),
              options.rate(),
              options.duration().toSeconds(),
              writer.measured.get(),
              writer.failed.get(),
              all.getTotalCount(),
              gaps,
              closed));
      out.println(
          String.format(
              Locale.ROOT,
              "delivery after commit: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms,"
                  + " max %.1f ms",
              ms(all.getValueAtPercentile(50)),
              ms(all.getValueAtPercentile(90)),
              ms(all.getValueAtPercentile(99)),
              ms(all.getValueAtPercentile(99.9)),
              ms(all.getMaxValue())));
      return all.getTotalCount() > 0 && failed == 0 && writer.failed.get() == 0 ? 0 : 1;
    } finally {
      for (Watcher watcher : watchers) {
        watcher.cancel();
      }
      for (ManagedChannel channel : channels) {
        LoadTool.close(channel);
      }
    }
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Registers fresh snapshots; ids start at the wall clock's microseconds, so runs never clash. */
  private static final class Writer {
    private final SnapshotServiceGrpc.SnapshotServiceFutureStub stub;
    private final String region;
    private final long base = System.currentTimeMillis() * 1000;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();

    Writer(SnapshotServiceGrpc.SnapshotServiceFutureStub stub, String region) {
      this.stub = stub;
      this.region = region;
    }

    void write(boolean measuring) {
      inFlight.incrementAndGet();
      var future =
          stub.withDeadlineAfter(10, TimeUnit.SECONDS)
              .registerSnapshot(
                  RegisterSnapshotRequest.newBuilder()
                      .setRegionId(region)
                      .setSnapshotId(SnapshotIds.format(base + next.getAndIncrement()))
                      .setStatus(SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED)
                      .build());
      future.addListener(
          () -> {
            try {
              RegisterSnapshotResponse unused = future.get();
              if (measuring) {
                measured.incrementAndGet();
              }
            } catch (Exception failure) { // counted, the run reports it
              failed.incrementAndGet();
            } finally {
              inFlight.decrementAndGet();
            }
          },
          Runnable::run);
    }

    void awaitAll() throws InterruptedException {
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (inFlight.get() > 0 && System.nanoTime() - giveUp < 0) {
        Thread.sleep(10);
      }
    }
  }

  /**
   * One watcher: the delay of each record committed after the measured window opened. Closed
   * WATCH_TOO_SLOW, it resumes from {@code next_index}, as a client should.
   */
  private static final class Watcher
      implements ClientResponseObserver<WatchLockEventsRequest, WatchLockEventsResponse> {
    private final AuditServiceGrpc.AuditServiceStub stub;
    private final Histogram latency = new Histogram(MAX_NANOS, 3); // guarded by this
    private long gaps; // guarded by this
    private long tooSlow; // guarded by this
    private long lastIndex = -1; // guarded by this
    private volatile Instant measureFrom = Instant.MAX;
    private volatile Status failedWith;
    private volatile ClientCallStreamObserver<WatchLockEventsRequest> call;

    Watcher(AuditServiceGrpc.AuditServiceStub stub) {
      this.stub = stub;
    }

    void subscribe(WatchLockEventsRequest request) {
      stub.watchLockEvents(request, this);
    }

    void measureFrom(Instant from) {
      measureFrom = from;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchLockEventsRequest> requestStream) {
      call = requestStream;
    }

    @Override
    public void onNext(WatchLockEventsResponse event) {
      Instant received = Instant.now();
      var time = event.getRecord().getTime();
      Instant committed = Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
      long nanos = Math.max(0, epochNanos(received) - epochNanos(committed));
      synchronized (this) {
        long index = event.getRecord().getIndex();
        if (lastIndex >= 0 && index != lastIndex + 1) {
          gaps++;
        }
        lastIndex = index;
        if (!committed.isBefore(measureFrom)) {
          latency.recordValue(Math.min(nanos, MAX_NANOS));
        }
      }
    }

    @Override
    public void onError(Throwable failure) {
      Status status = Status.fromThrowable(failure);
      if (status.getCode() == Status.Code.CANCELLED) {
        return;
      }
      String next = nextIndex(failure);
      if (next == null) {
        failedWith = status;
        return;
      }
      synchronized (this) {
        tooSlow++;
      }
      subscribe(
          WatchLockEventsRequest.newBuilder()
              .setHasStartIndex(true)
              .setStartIndex(Long.parseLong(next))
              .build());
    }

    @Override
    public void onCompleted() {}

    void cancel() {
      if (call != null) {
        call.cancel("bench done", null);
      }
    }

    /** The {@code next_index} of a WATCH_TOO_SLOW refusal; null for any other failure. */
    private static String nextIndex(Throwable failure) {
      com.google.rpc.Status status = StatusProto.fromThrowable(failure);
      if (status == null) {
        return null;
      }
      for (Any detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          try {
            ErrorInfo info = detail.unpack(ErrorInfo.class);
            if (info.getReason().equals("WATCH_TOO_SLOW")) {
              return info.getMetadataOrDefault("next_index", null);
            }
          } catch (InvalidProtocolBufferException unreadable) {
            return null;
          }
        }
      }
      return null;
    }
  }
}
