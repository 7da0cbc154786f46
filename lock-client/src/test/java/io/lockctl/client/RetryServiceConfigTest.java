package io.lockctl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetryServiceConfigTest {

  @Test
  void retriesOnlyUnavailableWithExponentialBackoffOnEveryServiceOfTheClient() {
    Map<String, ?> config = LockctlClient.serviceConfig(4);

    Map<?, ?> methodConfig = (Map<?, ?>) ((List<?>) config.get("methodConfig")).get(0);
    Set<Object> services =
        ((List<?>) methodConfig.get("name"))
            .stream().map(name -> ((Map<?, ?>) name).get("service")).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "lockctl.v1.SnapshotService",
            "lockctl.v1.SnapshotLockService",
            "lockctl.v1.RetentionRuleService",
            "lockctl.v1.ReplicationService"),
        services);

    Map<?, ?> retry = (Map<?, ?>) methodConfig.get("retryPolicy");
    assertEquals(4.0, retry.get("maxAttempts"));
    assertEquals(List.of("UNAVAILABLE"), retry.get("retryableStatusCodes"));
    assertEquals("0.1s", retry.get("initialBackoff"));
    assertEquals("2s", retry.get("maxBackoff"));
    assertEquals(2.0, retry.get("backoffMultiplier"));
    assertTrue(config.containsKey("retryThrottling"));
  }

  @Test
  void oneAttemptMeansNoRetryPolicy() {
    Map<?, ?> methodConfig =
        (Map<?, ?>) ((List<?>) LockctlClient.serviceConfig(1).get("methodConfig")).get(0);

    assertFalse(methodConfig.containsKey("retryPolicy"));
    assertThrows(IllegalArgumentException.class, () -> LockctlClient.serviceConfig(0));
  }

  /**
   * The policy retries every method, which is only safe while each mutating RPC (the ones with a
   * {@code dry_run}) also has a {@code client_token} for the client to fill. A new service or RPC
   * that breaks this must change the policy before it joins {@link LockctlClient#SERVICES}.
   */
  @Test
  void everyMutatingMethodTheClientRetriesCarriesAClientToken() {
    int mutating = 0;
    for (ServiceDescriptor service : LockctlClient.SERVICES) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        Message prototype = requestPrototype(method);
        if (prototype.getDescriptorForType().findFieldByName("dry_run") != null) {
          mutating++;
          assertTrue(
              ClientTokens.hasTokenField(prototype),
              method.getFullMethodName() + " has no client_token");
        }
      }
    }
    // snapshots and snapshot locks (6), retention rules (5), replication (9)
    assertEquals(6 + 5 + 9, mutating);
  }

  private static Message requestPrototype(MethodDescriptor<?, ?> method) {
    return (Message)
        ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
            .getMessagePrototype();
  }
}
