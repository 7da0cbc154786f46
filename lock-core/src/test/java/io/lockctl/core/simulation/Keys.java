package io.lockctl.core.simulation;

import io.lockctl.core.lockkey.TestKeys;
import io.lockctl.core.simulation.Step.KeyMaterial;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * The key pairs of every history, made once per run: making and signing with P-256 keys is the slow
 * part of the simulation. So are the verification signatures of every key name with every pair;
 * only unlock challenges are signed as the histories go.
 */
final class Keys {
  static final int PAIRS = 3;

  /** Signs for no key that a history registers. */
  static final int STRANGER = -1;

  private static final List<KeyPair> PAIR_LIST = pairs();
  private static final KeyPair STRANGER_PAIR = TestKeys.p256();
  private static final String OTHER_CURVE_PEM = TestKeys.pem(TestKeys.ec("secp384r1").getPublic());

  /** By name (the names of {@link Universe#KEY_NAMES}, then the id-shaped one), then by pair. */
  private static final List<List<String>> VERIFICATIONS = verifications();

  private Keys() {}

  static String name(int slot) {
    return slot < 0 ? Universe.ID_SHAPED_NAME : Universe.KEY_NAMES.get(slot);
  }

  static String pem(int pair, KeyMaterial material) {
    return switch (material) {
      case VALID, WRONG_NAME -> TestKeys.pem(PAIR_LIST.get(pair).getPublic());
      case OTHER_CURVE -> OTHER_CURVE_PEM;
      case GARBAGE -> "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n";
    };
  }

  /** The verification signature CreateKey sends: of its name, or for WRONG_NAME of another. */
  static String verification(int nameSlot, int pair, KeyMaterial material) {
    int signed =
        material == KeyMaterial.WRONG_NAME
            ? (nameSlot + 1) % Universe.KEY_NAMES.size()
            : nameSlot < 0 ? Universe.KEY_NAMES.size() : nameSlot;
    return VERIFICATIONS.get(signed).get(pair);
  }

  /** {@code message} signed by pair {@code pair} ({@link #STRANGER} for the stranger). */
  static String sign(int pair, byte[] message) {
    KeyPair signer = pair == STRANGER ? STRANGER_PAIR : PAIR_LIST.get(pair);
    return TestKeys.sign(signer.getPrivate(), message);
  }

  private static List<KeyPair> pairs() {
    List<KeyPair> pairs = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      pairs.add(TestKeys.p256());
    }
    return List.copyOf(pairs);
  }

  private static List<List<String>> verifications() {
    List<String> names = new ArrayList<>(Universe.KEY_NAMES);
    names.add(Universe.ID_SHAPED_NAME);
    List<List<String>> byName = new ArrayList<>();
    for (String name : names) {
      List<String> byPair = new ArrayList<>();
      for (KeyPair pair : PAIR_LIST) {
        byPair.add(TestKeys.sign(pair.getPrivate(), name));
      }
      byName.add(List.copyOf(byPair));
    }
    return List.copyOf(byName);
  }
}
