package io.lockctl.server.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the APIs see it, copied off Netty's buffers: the method, the raw path and
 * query exactly as sent (signatures cover them), the headers by lower-case name, and the body.
 *
 * @param rawPath the path as sent, still percent-encoded
 * @param rawQuery the query as sent, without the {@code ?}; empty for none
 */
public record HttpCall(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  public HttpCall {
    Map<String, List<String>> lowerCase = new TreeMap<>();
    headers.forEach(
        (name, values) ->
            lowerCase
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
    lowerCase.replaceAll((name, values) -> List.copyOf(values));
    headers = Map.copyOf(lowerCase);
    body = body.clone();
  }

  /** Splits a request target ({@code /path?query}) as sent. */
  public static HttpCall of(
      String method, String target, Map<String, List<String>> headers, byte[] body) {
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? "" : target.substring(question + 1);
    return new HttpCall(method, path, query, headers, body);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of the header, or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The path's segments, percent-decoded.
   *
   * @throws MalformedRequestException if the path does not decode
   */
  public List<String> pathSegments() {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/", -1)) {
      segments.add(HttpCall.decode(raw));
    }
    if (!segments.isEmpty() && segments.get(0).isEmpty()) {
      segments.remove(0);
    }
    return List.copyOf(segments);
  }

  /** The query's parameters, percent-decoded ({@code +} is a space), the first of each name. */
  public Map<String, String> queryParameters() {
    return formParameters(rawQuery);
  }

  /** Every value of the query parameter {@code name}, in order, percent-decoded. */
  public List<String> queryValues(String name) {
    List<String> values = new ArrayList<>();
    for (String pair : rawQuery.split("&", -1)) {
      int equals = pair.indexOf('=');
      if (!pair.isEmpty() && decode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
        values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    return values;
  }

  /** Parameters of a query string or an {@code application/x-www-form-urlencoded} body. */
  public static Map<String, String> formParameters(String encoded) {
    Map<String, String> parameters = new TreeMap<>();
    if (encoded.isEmpty()) {
      return parameters;
    }
    for (String pair : encoded.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode((equals < 0 ? pair : pair.substring(0, equals)).replace('+', ' '));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1).replace('+', ' '));
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }

  /**
   * Percent-decodes {@code text} as UTF-8.
   *
   * @throws MalformedRequestException for a broken escape or a raw non-ASCII character
   */
  public static String decode(String text) {
    byte[] out = new byte[text.length()];
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        throw new MalformedRequestException("a request target is ASCII; encode other characters");
      }
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw new MalformedRequestException("malformed percent-encoding");
        }
        out[length++] = (byte) (high * 16 + low);
        i += 2;
      } else {
        out[length++] = (byte) c;
      }
    }
    return new String(out, 0, length, StandardCharsets.UTF_8);
  }
}
