package io.lockctl.server.http;

import java.util.concurrent.CompletableFuture;

/**
 * One anchor's API on the HTTP edge. The edge offers each request to the APIs in turn; the one that
 * {@link #serves} it answers it, with its own authentication and error shape.
 */
public interface HttpApi {

  /** Whether the request is one of this API's (by path, and headers where paths are shared). */
  boolean serves(HttpCall call);

  /**
   * The answer to the request. A caller's mistake is a 4xx in the API's error shape, never a failed
   * future; a failed future is a fault of the server (a 500).
   */
  CompletableFuture<HttpAnswer> answer(HttpCall call);

  /** This API's answer to a request too large to read, in its error shape. */
  HttpAnswer tooLarge(long limitBytes);
}
