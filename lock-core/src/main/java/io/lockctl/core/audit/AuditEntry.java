package io.lockctl.core.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One record of the audit log, field for field the {@code lockctl.v1.AuditRecord} message: who
 * asked for what on which resource, and what came of it. Its canonical bytes ({@link
 * AuditRecordEncoding}) are the input of its leaf hash.
 *
 * @param index the record's position in the log, from 0
 * @param time when it committed, on the compliance clock (lockctl records milliseconds)
 * @param principal the caller
 * @param action {@code lockctl:<RpcName>}
 * @param resource the resource's name, {@code lrn:lockctl:...}
 * @param requestSha256 SHA-256 of the request, 32 bytes (empty only where no request exists)
 * @param outcome {@code OK}, or the refusal's reason
 * @param clientToken the request's idempotency token; empty for none
 */
public record AuditEntry(
    long index,
    Instant time,
    String principal,
    String action,
    String resource,
    byte[] requestSha256,
    String outcome,
    String clientToken) {
  public static final String OUTCOME_OK = "OK";

  /** The range of google.protobuf.Timestamp, which a record's time must fit. */
  static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

  public AuditEntry {
    if (index < 0) {
      throw new IllegalArgumentException("a record index is not negative: " + index);
    }
    Objects.requireNonNull(time, "time");
    if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
      throw new IllegalArgumentException(
          "time " + time + " is outside google.protobuf.Timestamp's range (years 1-9999)");
    }
    requireWellFormed("principal", principal);
    requireWellFormed("action", action);
    requireWellFormed("resource", resource);
    requireWellFormed("outcome", outcome);
    requireWellFormed("client_token", clientToken);
    if (requestSha256.length != 0 && requestSha256.length != 32) {
      throw new IllegalArgumentException(
          "request_sha256 has 32 bytes (or none), not " + requestSha256.length);
    }
    requestSha256 = requestSha256.clone();
  }

  @Override
  public byte[] requestSha256() {
    return requestSha256.clone();
  }

  /** The same record with another index (the store numbers records as it appends them). */
  public AuditEntry withIndex(long newIndex) {
    return new AuditEntry(
        newIndex, time, principal, action, resource, requestSha256, outcome, clientToken);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuditEntry that
        && index == that.index
        && time.equals(that.time)
        && principal.equals(that.principal)
        && action.equals(that.action)
        && resource.equals(that.resource)
        && Arrays.equals(requestSha256, that.requestSha256)
        && outcome.equals(that.outcome)
        && clientToken.equals(that.clientToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, time, principal, action, resource, outcome, clientToken) * 31
        + Arrays.hashCode(requestSha256);
  }

  @Override
  public String toString() {
    return "AuditEntry[index="
        + index
        + ", time="
        + time
        + ", principal="
        + principal
        + ", action="
        + action
        + ", resource="
        + resource
        + ", requestSha256="
        + HexFormat.of().formatHex(requestSha256)
        + ", outcome="
        + outcome
        + ", clientToken="
        + clientToken
        + "]";
  }

  /** Protobuf strings are UTF-8, which cannot carry an unpaired surrogate. */
  private static void requireWellFormed(String field, String value) {
    Objects.requireNonNull(value, field);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            field + " has an unpaired surrogate at " + i + ", which UTF-8 cannot encode");
      }
    }
  }
}
