package io.lockctl.core.auth;

import java.util.regex.Pattern;

/**
 * Action names, the {@code action} of an {@link AccessRequest}: {@code lockctl:} plus the RPC's
 * name, for every RPC of every service (an HTTP operation authorises as the RPC it maps to). Calls
 * that are not RPCs of the lockctl.v1 protos yet have their names here.
 */
public final class Actions {
  public static final String PREFIX = "lockctl:";

  /** The operator's acceptance of a system clock step; its resource is {@link Lrn#CLOCK}. */
  public static final String ACCEPT_CLOCK = PREFIX + "AcceptClock";

  /**
   * Creates an access key for a principal; the resource is the new key, {@link
   * Lrn#accessKey(String)} of the id it will get.
   */
  public static final String CREATE_ACCESS_KEY = PREFIX + "CreateAccessKey";

  /** Lists access keys; the resource is {@link Lrn#ACCESS_KEYS}. */
  public static final String LIST_ACCESS_KEYS = PREFIX + "ListAccessKeys";

  /** Deletes an access key; the resource is {@link Lrn#accessKey(String)}. */
  public static final String DELETE_ACCESS_KEY = PREFIX + "DeleteAccessKey";

  private static final Pattern RPC_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

  private Actions() {}

  /**
   * The action of the RPC {@code rpcName} (e.g. {@code "LockSnapshot"}, the method name of its gRPC
   * descriptor); compute it once per method, not per call.
   */
  public static String forRpc(String rpcName) {
    if (!RPC_NAME.matcher(rpcName).matches()) {
      throw new IllegalArgumentException("not an RPC name: " + rpcName);
    }
    return PREFIX + rpcName;
  }
}
