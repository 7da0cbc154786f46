package io.lockctl.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP response: the status, extra headers, and a body of the given content type. */
public record HttpAnswer(int status, Map<String, String> headers, String contentType, byte[] body) {
  public static final String JSON = "application/json";

  public HttpAnswer {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  public static HttpAnswer json(int status, String json) {
    return json(status, Map.of(), json);
  }

  public static HttpAnswer json(int status, Map<String, String> headers, String json) {
    return new HttpAnswer(status, headers, JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
