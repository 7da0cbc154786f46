package io.lockctl.loadtest;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Registers snapshots numbered {@code start..start+count-1} with at most {@code concurrency} calls
 * in flight. Re-running it is harmless: ALREADY_EXISTS counts as already there, so a seed that
 * stopped halfway is finished by running it again.
 */
final class Seeder {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private Seeder() {}

  static SeedResult run(SeedOptions options, Channel channel) throws InterruptedException {
    Semaphore inFlight = new Semaphore(options.concurrency());
    Outcomes outcomes = new Outcomes();
    long begin = System.nanoTime();
    for (long n = options.start(); n < options.start() + options.count(); n++) {
      RegisterSnapshotRequest request =
          RegisterSnapshotRequest.newBuilder()
              .setRegionId(options.region())
              .setSnapshotId(SnapshotIds.format(n))
              .setStatus(options.status())
              .build();
      inFlight.acquire();
      CallOptions callOptions =
          CallOptions.DEFAULT.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      ClientCalls.asyncUnaryCall(
          channel.newCall(SnapshotServiceGrpc.getRegisterSnapshotMethod(), callOptions),
          request,
          new StreamObserver<RegisterSnapshotResponse>() {
            @Override
            public void onNext(RegisterSnapshotResponse response) {}

            @Override
            public void onError(Throwable t) {
              outcomes.add(Status.fromThrowable(t).getCode().name());
              inFlight.release();
            }

            @Override
            public void onCompleted() {
              outcomes.add(Status.Code.OK.name());
              inFlight.release();
            }
          });
    }
    inFlight.acquire(options.concurrency());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
    var failures = outcomes.snapshot();
    long created = failures.getOrDefault(Status.Code.OK.name(), 0L);
    long existing = failures.getOrDefault(Status.Code.ALREADY_EXISTS.name(), 0L);
    failures.remove(Status.Code.OK.name());
    failures.remove(Status.Code.ALREADY_EXISTS.name());
    return new SeedResult(created, existing, failures, elapsed);
  }
}
