package io.lockctl.server.auth;

import io.grpc.Metadata;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSession;

/**
 * The caller names itself in the {@code lockctl-caller} header, and is believed: in insecure mode,
 * and over TLS when no client authentication is configured. A call without the header is {@value
 * #ANONYMOUS}; a malformed value is refused.
 */
public final class HeaderAuthenticator implements Authenticator {
  public static final Metadata.Key<String> HEADER =
      Metadata.Key.of("lockctl-caller", Metadata.ASCII_STRING_MARSHALLER);
  public static final String ANONYMOUS = "anonymous";

  private static final Pattern VALID = Pattern.compile("^[\\x20-\\x7E]{1,128}$");

  @Override
  public Verdict authenticate(Metadata headers, SSLSession session) {
    String caller = headers.get(HEADER);
    if (caller == null) {
      return new Caller(ANONYMOUS);
    }
    if (!VALID.matcher(caller).matches()) {
      return new Refused(
          Rejection.invalidField(
              Reason.INVALID_PARAMETER, HEADER.name(), "must be 1-128 printable ASCII characters"),
          null);
    }
    return new Caller(caller);
  }
}
