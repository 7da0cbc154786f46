package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotResponse;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BenchTest {

  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aWarmupThatFellBehindDoesNotSpillIntoTheOpenLoopsWindow() throws Exception {
    // The server answers nothing until half a second into the window as first scheduled, as a cold
    // JVM might: the warmup falls 1.5 s behind. Measured from the original schedule, the window's
    // first quarter would wait up to 0.5 s, so its p99 would be at least 480 ms. The rate is far
    // below what even a loaded machine serves at 16 in flight, so that the window's own latency
    // stays well under that.
    long stallUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
    start(stallUntil);
    BenchOptions options =
        BenchOptions.parse(
            List.of(
                "--target", "127.0.0.1:" + server.getPort(),
                "--rpc", "GetSnapshot",
                "--region", "r1",
                "--ids", "20",
                "--rate", "200",
                "--concurrency", "16",
                "--warmup", "1s",
                "--duration", "2s"));

    BenchReport report = Bench.run(options, channel);

    assertEquals(Map.of(), report.errors());
    assertEquals(400, report.calls(), "the window holds its whole schedule");
    assertTrue(report.p99Ms() < 400, "p99 " + report.p99Ms() + " ms");
  }

  private void start(long stallUntil) throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(
                new SnapshotServiceGrpc.SnapshotServiceImplBase() {
                  @Override
                  public void getSnapshot(
                      GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> observer) {
                    for (long left = stallUntil - System.nanoTime();
                        left > 0;
                        left = stallUntil - System.nanoTime()) {
                      LockSupport.parkNanos(left);
                    }
                    observer.onNext(GetSnapshotResponse.getDefaultInstance());
                    observer.onCompleted();
                  }
                })
            .build()
            .start();
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }
}
