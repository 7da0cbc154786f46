package io.lockctl.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seeded part of the fuzz corpus, made by a {@link Random} with a fixed seed per service so
 * that running it again writes the same files: for every RPC, each valid template as it stands
 * (template mode) and as raw bytes, two mutations of those bytes (flipped, replaced, inserted,
 * deleted or duplicated bytes, truncations), and a template with a random field appended; for every
 * service, two inputs of fully random bytes.
 *
 * <p>Regenerate after changing {@link Templates} (inputs found while fuzzing are kept beside):
 *
 * <pre>
 * java -cp "$(cat lock-server/target/fuzz-classpath.txt)" io.lockctl.server.fuzz.SeedCorpus \
 *   lock-server/src/test/resources/io/lockctl/server/fuzz/GrpcFuzzTestInputs
 * </pre>
 */
public final class SeedCorpus {
  static final long SEED = 20261202L;
  private static final int MUTATIONS = 2;

  private SeedCorpus() {}

  public static void main(String[] args) throws IOException {
    Path inputs = Path.of(args[0]);
    int written = 0;
    for (Map.Entry<String, Map<String, byte[]>> target : generate().entrySet()) {
      Path dir = Files.createDirectories(inputs.resolve(target.getKey()));
      for (Map.Entry<String, byte[]> input : target.getValue().entrySet()) {
        Files.write(dir.resolve(input.getKey()), input.getValue());
        written++;
      }
    }
    System.out.println("wrote " + written + " seed inputs under " + inputs);
  }

  /** The fuzz test method of a service: {@code lockctl.v1.SnapshotService} -> snapshotService. */
  static String targetOf(String service) {
    String bare = service.substring(service.lastIndexOf('.') + 1);
    return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
  }

  /** The seed inputs of each fuzz target, by file name. */
  static Map<String, Map<String, byte[]>> generate() {
    Map<String, List<byte[]>> templates = Templates.build(Templates.Fixtures.placeholders());
    Map<String, Map<String, byte[]>> corpus = new LinkedHashMap<>();
    int serviceIndex = 0;
    for (Map.Entry<String, List<FuzzRpcs.Rpc>> service : FuzzRpcs.all().entrySet()) {
      Random random = new Random(SEED + serviceIndex++);
      Map<String, byte[]> inputs = new LinkedHashMap<>();
      List<FuzzRpcs.Rpc> rpcs = service.getValue();
      for (int i = 0; i < rpcs.size(); i++) {
        FuzzRpcs.Rpc rpc = rpcs.get(i);
        List<byte[]> valid = templates.get(rpc.name());
        for (int j = 0; j < valid.size(); j++) {
          inputs.put("seed-" + rpc.name() + "-valid-" + j, input(i, 2 * j + 1, new byte[0]));
          inputs.put("seed-" + rpc.name() + "-raw-" + j, input(i, 0, valid.get(j)));
        }
        for (int k = 0; k < MUTATIONS; k++) {
          byte[] template = valid.get(random.nextInt(valid.size()));
          inputs.put("seed-" + rpc.name() + "-mutated-" + k, input(i, 0, mutate(template, random)));
        }
        int j = random.nextInt(valid.size());
        inputs.put("seed-" + rpc.name() + "-override-0", input(i, 2 * j + 1, field(random)));
      }
      for (int k = 0; k < 2; k++) {
        byte[] bytes = new byte[2 + random.nextInt(48)];
        random.nextBytes(bytes);
        bytes[1] &= (byte) 0xfe; // raw mode
        inputs.put("seed-random-" + k, bytes);
      }
      corpus.put(targetOf(service.getKey()), inputs);
    }
    return corpus;
  }

  private static byte[] input(int rpc, int mode, byte[] rest) {
    byte[] input = new byte[2 + rest.length];
    input[0] = (byte) rpc;
    input[1] = (byte) mode;
    System.arraycopy(rest, 0, input, 2, rest.length);
    return input;
  }

  /** One to three random edits of a valid encoding. */
  static byte[] mutate(byte[] valid, Random random) {
    byte[] bytes = valid.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      switch (random.nextInt(6)) {
        case 0 -> {
          if (bytes.length > 0) {
            bytes[at] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          if (bytes.length > 0) {
            bytes[at] = (byte) random.nextInt(256);
          }
        }
        case 2 -> bytes = Arrays.copyOf(bytes, at); // truncated
        case 3 -> bytes = splice(bytes, at, new byte[] {(byte) random.nextInt(256)}, 0);
        case 4 -> bytes = splice(bytes, at, new byte[0], Math.min(bytes.length - at, 4));
        default -> {
          int length = Math.min(bytes.length - at, 1 + random.nextInt(8));
          bytes = splice(bytes, at, Arrays.copyOfRange(bytes, at, at + length), 0);
        }
      }
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int at, byte[] insert, int remove) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(insert);
    out.write(bytes, at + remove, bytes.length - at - remove);
    return out.toByteArray();
  }

  /** One protobuf field with a random number, wire type and value. */
  static byte[] field(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int number = 1 + random.nextInt(12);
    if (random.nextBoolean()) {
      varint(out, (long) number << 3);
      varint(out, random.nextBoolean() ? random.nextInt(5) : random.nextLong());
    } else {
      varint(out, (long) number << 3 | 2);
      byte[] value = new byte[random.nextInt(24)];
      for (int i = 0; i < value.length; i++) {
        value[i] =
            (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(95));
      }
      varint(out, value.length);
      out.writeBytes(value);
    }
    return out.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
