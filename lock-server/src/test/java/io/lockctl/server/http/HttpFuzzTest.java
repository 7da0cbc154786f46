package io.lockctl.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.v1.CreateAccessKeyRequest;
import io.lockctl.v1.CreateAccessKeyResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random and mutated requests at every endpoint of the HTTP edge, signed where the API needs it so
 * that the bodies reach the parsers: each answer must be a 2xx or 4xx with a JSON body, never a
 * 5xx, and the server must still answer a well-formed request afterwards. A seeded {@link Random}
 * makes a failure repeatable; the status counts are printed.
 */
class HttpFuzzTest {
  private static final int REQUESTS = 20_000;
  private static final int IN_FLIGHT = 16;
  private static final long SEED = 20261202L;
  private static final Set<String> NO_BODY_STATUSES = Set.of("204");

  @RegisterExtension final InProcessLockctl lockctl = InProcessLockctl.withHttp();

  private final Random random = new Random(SEED);
  private String keyId;
  private String secret;
  private String bearer;

  @Test
  void twentyThousandRandomAndMutatedRequestsGetNoServerError() throws Exception {
    CreateAccessKeyResponse key =
        lockctl
            .accessKeys()
            .createAccessKey(CreateAccessKeyRequest.newBuilder().setPrincipal("fuzzer").build());
    keyId = key.getAccessKey().getAccessKeyId();
    secret = key.getSecretAccessKey();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    bearer = login(client);

    Map<String, AtomicInteger> statuses = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> sent = new ArrayList<>();
    int raw = 0;
    for (int i = 0; i < REQUESTS; i++) {
      if (random.nextInt(50) == 0) {
        raw++;
        String status = sendRaw(malformedHttp());
        count(statuses, status);
        continue;
      }
      HttpRequest request = randomRequest();
      slots.acquire();
      sent.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, failure) -> {
                    slots.release();
                    String status =
                        failure != null ? "io-error" : String.valueOf(response.statusCode());
                    count(statuses, status);
                    if (response != null
                        && (response.statusCode() >= 500 || !jsonOrEmpty(response))) {
                      synchronized (serverErrors) {
                        serverErrors.add(
                            request.method()
                                + " "
                                + request.uri()
                                + " -> "
                                + response.statusCode()
                                + " "
                                + response.body());
                      }
                    }
                  }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .exceptionally(ignored -> null)
        .join();

    System.out.println(
        "HTTP fuzz: "
            + REQUESTS
            + " requests ("
            + raw
            + " raw malformed), status counts "
            + statuses);
    assertEquals(List.of(), serverErrors.subList(0, Math.min(5, serverErrors.size())));
    assertEquals(REQUESTS, statuses.values().stream().mapToInt(AtomicInteger::get).sum());
    assertTrue(
        statuses.keySet().stream().noneMatch(status -> status.startsWith("5")),
        statuses.toString());
    assertTrue(
        statuses.containsKey("200") && statuses.containsKey("400") && statuses.containsKey("404"),
        statuses.toString());
    HttpResponse<String> after =
        client.send(
            HttpRequest.newBuilder(
                    uri(
                        "/v2/replication/target-relationships/"
                            + java.util.UUID.randomUUID()
                            + "/lock"))
                .header("authorization", "Bearer " + bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, after.statusCode(), "the server still answers: " + after.body());
  }

  private static void count(Map<String, AtomicInteger> statuses, String status) {
    synchronized (statuses) {
      statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static boolean jsonOrEmpty(HttpResponse<String> response) {
    String body = response.body().trim();
    return NO_BODY_STATUSES.contains(String.valueOf(response.statusCode()))
        ? body.isEmpty()
        : body.startsWith("{") && body.endsWith("}");
  }

  private HttpRequest randomRequest() {
    int api = random.nextInt(3);
    String method = pick("GET", "POST", "PATCH", "DELETE", "PUT", "POST", "GET");
    String path;
    String query = "";
    byte[] body = randomBody();
    HttpRequest.Builder builder;
    switch (api) {
      case 0 -> {
        path =
            pick(
                "/rules",
                "/rules/" + ruleId(),
                "/rules/" + ruleId() + "/lock",
                "/rules/" + ruleId() + "/unlock",
                "/list-rules",
                "/tags/" + urlEncode("arn:aws:rbin:us-east-1:000000000000:rule/" + ruleId()),
                "/tags/"
                    + urlEncode(mutate("arn:aws:rbin:us-east-1:000000000000:rule/AAAAAAAAAAA")),
                "/" + mutate("rules"));
        if (random.nextInt(4) == 0) {
          query = "tagKeys=" + urlEncode(mutate("k")) + "&tagKeys=x";
        }
        builder = HttpRequest.newBuilder(uri(path + (query.isEmpty() ? "" : "?" + query)));
        if (random.nextInt(10) != 0) {
          sigV4(builder, method, path, query, body);
        }
      }
      case 1 -> {
        path =
            pick(
                "/v1/session/login",
                "/v2/replication/target-relationships/" + java.util.UUID.randomUUID() + "/lock",
                "/v2/replication/target-relationships/" + mutate("x") + "/lock",
                "/v2/replication/" + mutate("target-relationships"));
        builder = HttpRequest.newBuilder(uri(path));
        if (random.nextInt(5) != 0) {
          builder.header(
              "authorization", "Bearer " + (random.nextInt(5) == 0 ? mutate(bearer) : bearer));
        }
      }
      default -> {
        path = "/";
        query =
            "RegionId="
                + pick("cn-hangzhou", mutate("cn-hangzhou"))
                + "&SnapshotId="
                + pick("s-" + "a".repeat(20), mutate("s-abc"))
                + "&LockMode="
                + pick("compliance", mutate("compliance"))
                + "&LockDuration="
                + pick("1", "0", "-5", "99999999999", mutate("7"))
                + "&SnapshotIds="
                + urlEncode(pick("[\"s-1\"]", mutate("[\"s-1\"]")))
                + "&DryRun="
                + pick("true", "false", mutate("true"));
        builder = HttpRequest.newBuilder(uri(path + "?" + query));
        builder.header(
            "x-acs-action",
            pick(
                "LockSnapshot",
                "UnlockSnapshot",
                "DescribeLockedSnapshots",
                "DescribeSnapshots",
                "DeleteSnapshot",
                mutate("LockSnapshot")));
        builder.header("x-acs-version", pick("2014-05-26", mutate("2014-05-26")));
        builder.header(
            "x-acs-date",
            pick(
                ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toString().replace("[UTC]", ""),
                mutate("2020-01-01T00:00:00Z")));
        builder.header(
            "authorization",
            pick(
                "ACS3-HMAC-SHA256 Credential="
                    + keyId
                    + ",SignedHeaders=host;x-acs-action;x-acs-date,Signature="
                    + "ab".repeat(32),
                mutate("ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=0")));
      }
    }
    builder.header(
        "content-type",
        pick("application/json", "application/x-www-form-urlencoded", mutate("application/json")));
    return builder
        .method(
            method,
            body.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body))
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private byte[] randomBody() {
    String json =
        pick(
            "",
            "{}",
            "{\"ResourceType\":\"EBS_SNAPSHOT\",\"RetentionPeriod\":{\"RetentionPeriodValue\":7,\"RetentionPeriodUnit\":\"DAYS\"}}",
            "{\"LockConfiguration\":{\"UnlockDelay\":{\"UnlockDelayValue\":7,\"UnlockDelayUnit\":\"DAYS\"}}}",
            "{\"ResourceType\":\"EBS_SNAPSHOT\",\"MaxResults\":2,\"NextToken\":\"abc\"}",
            "{\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}",
            "{\"username\":\"" + keyId + "\",\"password\":\"" + secret + "\"}",
            "{\"lock_key_ref\":null}",
            "{\"lock_key_ref\":\"lk-aaaaaaaaaaaaaaaaaaaa\"}",
            "[1,2,3]",
            "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}",
            "{\"RetentionPeriod\":{\"RetentionPeriodValue\":1e400,\"RetentionPeriodUnit\":\"DAYS\"}}",
            "{\"Description\":\"x\",\"Description\":\"y\"}");
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    int mutations = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
    for (int i = 0; i < mutations && bytes.length > 0; i++) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    if (random.nextInt(40) == 0) {
      bytes = new byte[random.nextBoolean() ? (1 << 20) + 1 : random.nextInt(4096)];
      random.nextBytes(bytes);
    }
    return bytes;
  }

  private String malformedHttp() {
    return pick(
        "GARBAGE\r\n\r\n",
        "GET /rules HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "POST /list-rules HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
        "POST /rules HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "GET /rules/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  /** Sends raw bytes; the status of the answer, or "closed" when the server hung up first. */
  private String sendRaw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), lockctl.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(12);
      String line = new String(head, StandardCharsets.ISO_8859_1);
      return line.startsWith("HTTP/1.1 ") ? line.substring(9, 12) : "closed";
    } catch (IOException reset) {
      return "closed";
    }
  }

  private String login(HttpClient client) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/v1/session/login"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + keyId + "\",\"password\":\"" + secret + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    String body = response.body();
    int start = body.indexOf(":\"") + 2;
    return body.substring(start, body.indexOf('"', start));
  }

  /**
   * Signs as the AWS SDKs do for rbin (written from the SigV4 documentation, not from the server).
   */
  private void sigV4(
      HttpRequest.Builder builder, String method, String path, String query, byte[] body) {
    String date =
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    String host = "127.0.0.1:" + lockctl.httpPort();
    String payload = hex(sha256(body));
    StringBuilder canonicalQuery = new StringBuilder();
    if (!query.isEmpty()) {
      List<String> pairs = new ArrayList<>(List.of(query.split("&")));
      pairs.sort(null);
      canonicalQuery.append(String.join("&", pairs));
    }
    String canonical =
        method
            + "\n"
            + path.replace("%", "%25")
            + "\n"
            + canonicalQuery
            + "\n"
            + "host:"
            + host
            + "\n"
            + "x-amz-content-sha256:"
            + payload
            + "\n"
            + "x-amz-date:"
            + date
            + "\n\n"
            + "host;x-amz-content-sha256;x-amz-date\n"
            + payload;
    String scope = date.substring(0, 8) + "/us-east-1/rbin/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + date
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] signingKey =
        hmac(
            hmac(
                hmac(
                    hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date.substring(0, 8)),
                    "us-east-1"),
                "rbin"),
            "aws4_request");
    builder.header("x-amz-date", date);
    builder.header("x-amz-content-sha256", payload);
    builder.header(
        "authorization",
        "AWS4-HMAC-SHA256 Credential="
            + keyId
            + "/"
            + scope
            + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
            + hex(hmac(signingKey, toSign)));
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + lockctl.httpPort() + pathAndQuery);
  }

  private String ruleId() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  /** {@code text} with up to three characters replaced by random printable ASCII. */
  private String mutate(String text) {
    char[] chars = text.toCharArray();
    for (int i = random.nextInt(4); i > 0 && chars.length > 0; i--) {
      chars[random.nextInt(chars.length)] = (char) (0x21 + random.nextInt(0x5e));
    }
    return urlSafe(new String(chars));
  }

  /** Keeps a mutated string usable in a URI (java.net.URI refuses some characters outright). */
  private static String urlSafe(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(
          Character.isLetterOrDigit(c) || "-._~:/@!$&'()*+,;=".indexOf(c) >= 0
              ? String.valueOf(c)
              : "%" + HexFormat.of().withUpperCase().toHexDigits((byte) c));
    }
    return out.toString();
  }

  private static String urlEncode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (Exception impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
