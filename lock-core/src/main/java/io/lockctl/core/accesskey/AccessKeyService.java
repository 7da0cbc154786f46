package io.lockctl.core.accesskey;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.transaction.Transactions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The access keys' application service, for every edge: keys are made for a principal, listed and
 * deleted under the policy and the audit log like every other resource, and looked up (without a
 * policy check: that is authentication, not an action) when a signed HTTP request arrives.
 */
public final class AccessKeyService {
  static final Action CREATE_ACCESS_KEY = new Action("CreateAccessKey");
  static final Action LIST_ACCESS_KEYS = new Action("ListAccessKeys");
  static final Action DELETE_ACCESS_KEY = new Action("DeleteAccessKey");

  /** Upper-case letters and digits: an id sits in SigV4's credential scope and ACS3's header. */
  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  public static final String ID_PREFIX = "LCAK";
  private static final int ID_RANDOM_CHARS = 16;
  private static final int SECRET_BYTES = 30;
  private static final Pattern ID = Pattern.compile("^LCAK[A-Z2-7]{16}$");

  /** Printable, no spaces at either end, as the principals certificates and tokens give. */
  private static final Pattern PRINCIPAL =
      Pattern.compile("^[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?$");

  private static final int MAX_PRINCIPAL_LENGTH = 256;
  private static final String LIST_QUERY = "access-keys";

  private final Transactions<? extends AccessKeyReads, ? extends AccessKeyWrites> store;
  private final OperationRunner operations;
  private final SecretSealer sealer;
  private final Pages pages;
  private final SecureRandom random = new SecureRandom();

  public AccessKeyService(
      Transactions<? extends AccessKeyReads, ? extends AccessKeyWrites> store,
      OperationRunner operations,
      SecretSealer sealer,
      Pages pages) {
    this.store = store;
    this.operations = operations;
    this.sealer = sealer;
    this.pages = pages;
  }

  /**
   * Makes a key for {@code principal}. The answer carries the secret; a replay of the same client
   * token answers the same key and secret, and nothing else ever shows the secret again.
   */
  public CompletableFuture<CreatedAccessKey> create(Mutation mutation, String principal) {
    String id = newId();
    String secret = newSecret();
    return operations
        .mutate(
            store,
            CREATE_ACCESS_KEY,
            mutation,
            AccessKeyCodec.KEY,
            (tx, guard) -> {
              guard.authorize(Lrn.accessKey(id));
              requireValid(principal);
              AccessKey key =
                  new AccessKey(id, principal, sealer.seal(id, principal, secret), tx.now());
              tx.accessKeys().insert(key);
              guard.changed(AccessKeyCodec.state(key));
              return key;
            })
        .thenApply(key -> new CreatedAccessKey(key, sealer.open(key)));
  }

  /** Keys in id order, of {@code principal} only unless it is empty; secrets are not shown. */
  public Page<AccessKey> list(Caller caller, String principal, int pageSize, String pageToken) {
    int size = PageRequest.effectiveSize(pageSize);
    String query = LIST_QUERY + "\n" + principal;
    return operations.read(
        store,
        caller,
        LIST_ACCESS_KEYS,
        (tx, guard) -> {
          guard.authorize(Lrn.ACCESS_KEYS);
          String after = pages.after(query, pageToken);
          return pages.of(
              query, tx.accessKeys().list(principal, after, size + 1), size, AccessKey::id);
        });
  }

  /**
   * Deletes the key: requests signed with it are refused from then on. Answers the key as it was.
   */
  public CompletableFuture<AccessKey> delete(Mutation mutation, String accessKeyId) {
    return operations.mutate(
        store,
        DELETE_ACCESS_KEY,
        mutation,
        AccessKeyCodec.KEY,
        (tx, guard) -> {
          guard.authorize(Lrn.accessKey(accessKeyId));
          AccessKey key =
              tx.accessKeys()
                  .find(accessKeyId)
                  .orElseThrow(
                      () ->
                          Rejection.of(Reason.ACCESS_KEY_NOT_FOUND, "no access key " + accessKeyId)
                              .toException());
          tx.accessKeys().delete(accessKeyId);
          guard.changed(AccessKeyCodec.state(null));
          return key;
        });
  }

  /**
   * The key a signed request names, with its secret opened, for the edge to check the signature;
   * empty for an id that names no key.
   */
  public Optional<SigningKey> signingKey(String accessKeyId) {
    if (!ID.matcher(accessKeyId).matches()) {
      return Optional.empty();
    }
    return store
        .read(tx -> tx.accessKeys().find(accessKeyId))
        .map(key -> new SigningKey(key.id(), key.principal(), sealer.open(key)));
  }

  private static void requireValid(String principal) {
    if (principal.length() > MAX_PRINCIPAL_LENGTH || !PRINCIPAL.matcher(principal).matches()) {
      throw Rejection.invalidField(
              Reason.INVALID_PARAMETER,
              "principal",
              "must be 1-"
                  + MAX_PRINCIPAL_LENGTH
                  + " printable ASCII characters, not starting or ending with a space")
          .toException();
    }
  }

  private String newId() {
    StringBuilder id = new StringBuilder(ID_PREFIX);
    for (int i = 0; i < ID_RANDOM_CHARS; i++) {
      id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
    }
    return id.toString();
  }

  private String newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
