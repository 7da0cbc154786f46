package io.lockctl.server.http.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.server.testing.Acs3Requests;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.v1.CreateAccessKeyRequest;
import io.lockctl.v1.CreateAccessKeyResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A signed ECS request sent twice with the same signature nonce is refused the second time. */
class EcsNonceReplayTest {
  private static final Map<String, String> DESCRIBE = Map.of("RegionId", "cn-hangzhou");

  @RegisterExtension final InProcessLockctl lockctl = InProcessLockctl.withHttp();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aReplayedNonceIsSignatureNonceUsed() throws Exception {
    Acs3Requests ecs = signer();
    HttpRequest first = ecs.signed("DescribeSnapshots", DESCRIBE, UUID.randomUUID().toString());

    HttpResponse<String> accepted = send(first);
    assertEquals(200, accepted.statusCode(), accepted.body());
    HttpResponse<String> replayed = send(first);
    assertEquals(400, replayed.statusCode(), replayed.body());
    assertTrue(replayed.body().contains("\"Code\":\"SignatureNonceUsed\""), replayed.body());
    assertTrue(replayed.body().contains("\"RequestId\""), replayed.body());

    HttpResponse<String> fresh =
        send(ecs.signed("DescribeSnapshots", DESCRIBE, UUID.randomUUID().toString()));
    assertEquals(200, fresh.statusCode(), fresh.body());
  }

  @Test
  void aForgedRequestDoesNotSpendTheNonceOfARealOne() throws Exception {
    Acs3Requests ecs = signer();
    String nonce = UUID.randomUUID().toString();
    Acs3Requests forger = new Acs3Requests(ecs.baseUri(), ecs.accessKeyId(), "not-the-secret");

    HttpResponse<String> forged = send(forger.signed("DescribeSnapshots", DESCRIBE, nonce));
    assertEquals(400, forged.statusCode(), forged.body());
    assertTrue(forged.body().contains("SignatureDoesNotMatch"), forged.body());
    HttpResponse<String> real = send(ecs.signed("DescribeSnapshots", DESCRIBE, nonce));
    assertEquals(200, real.statusCode(), real.body());
  }

  private Acs3Requests signer() {
    CreateAccessKeyResponse key =
        lockctl
            .accessKeys()
            .createAccessKey(CreateAccessKeyRequest.newBuilder().setPrincipal("ecs-ops").build());
    return new Acs3Requests(
        URI.create("http://127.0.0.1:" + lockctl.httpPort()),
        key.getAccessKey().getAccessKeyId(),
        key.getSecretAccessKey());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
