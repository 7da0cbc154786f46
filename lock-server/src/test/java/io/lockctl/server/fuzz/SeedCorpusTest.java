package io.lockctl.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed corpus holds the seeds {@link SeedCorpus} makes, and reaches every RPC. */
class SeedCorpusTest {
  private static Path inputs() throws Exception {
    URL url = GrpcFuzzTest.class.getResource("GrpcFuzzTestInputs");
    assertTrue(url != null, "no GrpcFuzzTestInputs among the test resources");
    return Path.of(url.toURI());
  }

  @Test
  void theCommittedSeedsAreTheGeneratorsOutput() throws Exception {
    for (Map.Entry<String, Map<String, byte[]>> target : SeedCorpus.generate().entrySet()) {
      for (Map.Entry<String, byte[]> seed : target.getValue().entrySet()) {
        Path file = inputs().resolve(target.getKey()).resolve(seed.getKey());
        assertTrue(
            Files.exists(file), () -> file + " is missing: regenerate the seeds (SeedCorpus)");
        assertArrayEquals(
            seed.getValue(),
            Files.readAllBytes(file),
            () -> file + " differs: regenerate the seeds (SeedCorpus)");
      }
    }
  }

  @Test
  void everyRpcOfEveryServiceHasAnInput() throws Exception {
    for (Map.Entry<String, List<FuzzRpcs.Rpc>> service : FuzzRpcs.all().entrySet()) {
      int rpcs = service.getValue().size();
      Set<Integer> reached = new TreeSet<>();
      try (Stream<Path> files =
          Files.walk(inputs().resolve(SeedCorpus.targetOf(service.getKey())))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          byte[] input = Files.readAllBytes(file);
          reached.add(input.length == 0 ? 0 : Byte.toUnsignedInt(input[0]) % rpcs);
        }
      }
      assertEquals(rpcs, reached.size(), () -> service.getKey() + " reaches only " + reached);
    }
  }
}
