package io.lockctl.client;

import io.grpc.ServiceDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grpc-java service config that makes a channel retry lockctl calls, in the map form that
 * {@code ManagedChannelBuilder.defaultServiceConfig} takes (numbers are {@code Double}, durations
 * are strings such as "0.1s", as in the JSON form).
 *
 * <p>Only {@code UNAVAILABLE} is retried: it means the call never reached the service, the
 * connection broke before the response came back, or the server's store could not take the call and
 * nothing of it took effect (reason {@code STORE_UNAVAILABLE}: a lost database connection, a
 * failing disk). Every other code is an answer from lockctl (a refusal, a missing resource, a
 * deadline the caller chose) that a new attempt would only repeat or, for {@code
 * DEADLINE_EXCEEDED}/{@code INTERNAL}, could apply twice. Reads are safe to repeat; a mutating call
 * is safe because {@link ClientTokens} gives it a {@code client_token} that every attempt reuses,
 * so the server applies it at most once. The backoff is exponential and jittered by grpc-java;
 * throttling stops retries when most calls fail (a server down is not helped by 4x load).
 *
 * <p>{@link LockctlClient.Builder#target} applies it; callers that build their own channel (for
 * example an in-process one) pass {@link LockctlClient#serviceConfig(int)} to it with {@code
 * enableRetry()}.
 */
public final class RetryServiceConfig {

  static final List<String> RETRYABLE_STATUS_CODES = List.of("UNAVAILABLE");
  static final String INITIAL_BACKOFF = "0.1s";
  static final String MAX_BACKOFF = "2s";
  static final double BACKOFF_MULTIPLIER = 2.0;
  static final double THROTTLING_MAX_TOKENS = 10.0;
  static final double THROTTLING_TOKEN_RATIO = 0.1;

  private RetryServiceConfig() {}

  /**
   * A service config retrying every method of these services up to {@code maxAttempts} attempts in
   * all; with {@code maxAttempts == 1} it names the services but retries nothing.
   */
  public static Map<String, Object> of(Collection<ServiceDescriptor> services, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    List<Object> names = new ArrayList<>();
    for (ServiceDescriptor service : services) {
      names.add(Map.of("service", service.getName()));
    }
    Map<String, Object> methodConfig = new LinkedHashMap<>();
    methodConfig.put("name", names);
    // grpc-java rejects a retryPolicy with maxAttempts < 2; one attempt simply means no policy.
    if (maxAttempts > 1) {
      methodConfig.put(
          "retryPolicy",
          Map.of(
              "maxAttempts", (double) maxAttempts,
              "initialBackoff", INITIAL_BACKOFF,
              "maxBackoff", MAX_BACKOFF,
              "backoffMultiplier", BACKOFF_MULTIPLIER,
              "retryableStatusCodes", RETRYABLE_STATUS_CODES));
    }
    return Map.of(
        "methodConfig", List.of(methodConfig),
        "retryThrottling",
            Map.of(
                "maxTokens", THROTTLING_MAX_TOKENS,
                "tokenRatio", THROTTLING_TOKEN_RATIO));
  }
}
