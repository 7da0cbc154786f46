package io.lockctl.server.http;

/**
 * A request the HTTP edge cannot read (a broken encoding, malformed JSON, a wrong type): the API
 * answers it 400 in its own error shape.
 */
public final class MalformedRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedRequestException(String message) {
    super(message);
  }
}
