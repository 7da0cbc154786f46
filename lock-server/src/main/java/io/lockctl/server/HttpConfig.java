package io.lockctl.server;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The HTTP edge, where the anchors' own APIs are served (AWS Recycle Bin, Alibaba Cloud ECS,
 * Qumulo), and the access keys that sign its requests.
 *
 * @param port the HTTP port, 0 for a free one; {@code null} serves no HTTP
 * @param accountId the 12-digit account id that AWS RuleArns and Alibaba resource names carry
 * @param accessKeyMasterKey the file holding the key that seals access-key secrets in the store
 *     (the base64 of 32 bytes); {@code null} for one made on first start in the data directory
 * @param ecsRegion the region of Alibaba ECS calls that name none (DeleteSnapshot sends no
 *     RegionId; Alibaba takes it from the endpoint's host name)
 */
public record HttpConfig(
    Integer port, String accountId, Path accessKeyMasterKey, String ecsRegion) {
  private static final Pattern ACCOUNT_ID = Pattern.compile("^[0-9]{12}$");
  private static final Pattern REGION = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");

  public static final String DEFAULT_ACCOUNT_ID = "000000000000";
  public static final String DEFAULT_ECS_REGION = "cn-hangzhou";
  public static final HttpConfig OFF =
      new HttpConfig(null, DEFAULT_ACCOUNT_ID, null, DEFAULT_ECS_REGION);

  public HttpConfig {
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("--http-port must be 0-65535");
    }
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      throw new IllegalArgumentException("--account-id must be 12 digits, got '" + accountId + "'");
    }
    if (!REGION.matcher(ecsRegion).matches()) {
      throw new IllegalArgumentException("--ecs-region must be a region id such as cn-hangzhou");
    }
  }

  /** Serves HTTP on {@code port} with the defaults otherwise. */
  public static HttpConfig onPort(int port) {
    return new HttpConfig(port, DEFAULT_ACCOUNT_ID, null, DEFAULT_ECS_REGION);
  }

  public boolean enabled() {
    return port != null;
  }
}
