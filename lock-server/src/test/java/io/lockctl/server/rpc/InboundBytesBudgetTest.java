package io.lockctl.server.rpc;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.Refusals.Refusal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The budget as the transport drives it: a stream's tracer reports the bytes of a message as they
 * arrive, and calls started meanwhile are admitted or refused.
 */
class InboundBytesBudgetTest {
  private static final long BUDGET = 1 << 20;

  @Test
  void newCallsAreRefusedWhileUnfinishedRequestsHoldMoreThanTheBudget() throws Exception {
    InboundBytesBudget budget = new InboundBytesBudget(BUDGET, Duration.ofSeconds(1));
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name)
            .addService(
                ServerInterceptors.intercept(new HealthStatusManager().getHealthService(), budget))
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try (CapturedLog log = CapturedLog.of(InboundBytesBudget.class.getName())) {
      ServerStreamTracer arriving = budget.newServerStreamTracer("x/Slow", new Metadata());
      ServerStreamTracer other = budget.newServerStreamTracer("x/Slow", new Metadata());
      arriving.inboundWireSize(BUDGET / 2);
      other.inboundWireSize(BUDGET / 2);
      assertEquals(ServingStatus.SERVING, check(channel), "at the budget, calls are admitted");

      arriving.inboundWireSize(1);
      Refusal refusal =
          assertRefused(Status.Code.RESOURCE_EXHAUSTED, "SERVER_BUSY", () -> check(channel));
      assertEquals(
          Long.toString(BUDGET),
          refusal.errorInfo().getMetadataOrThrow("max_inflight_request_bytes"));

      arriving.inboundMessageRead(1, BUDGET / 2 + 1, BUDGET / 2 + 1);
      assertEquals(BUDGET / 2, budget.held());
      assertEquals(ServingStatus.SERVING, check(channel));

      other.streamClosed(Status.CANCELLED);
      other.streamClosed(Status.CANCELLED);
      assertEquals(0, budget.held(), "each stream's bytes are given back once");
      assertEquals(1, log.messages(java.util.logging.Level.WARNING).size());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static ServingStatus check(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.getDefaultInstance())
        .getStatus();
  }
}
