package io.coseiot.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed seeds of {@link OpenerFuzzTest} still open under its codecs: a seed that no longer
 * authenticates (after a key or format change) would leave the fuzzer stuck before the checks that
 * matter, with no test failing. Rerun {@code scripts/fuzz-seeds} when this fails.
 */
class OpenerSeedsTest {
  @ParameterizedTest
  @EnumSource(FuzzCodecs.class)
  void everySeedOpens(FuzzCodecs c) throws Exception {
    Path dir =
        Path.of(OpenerSeedsTest.class.getResource("OpenerFuzzTestInputs/" + c.target()).toURI());
    List<Path> seeds;
    try (Stream<Path> s = Files.list(dir)) {
      seeds = s.sorted().toList();
    }
    assertFalse(seeds.isEmpty());
    for (Path seed : seeds) {
      OpenedMessage m =
          c.subscriber()
              .opener()
              .open(c.wireTopic(), Files.readAllBytes(seed), c.contentType(), Map.of());
      String name = seed.getFileName().toString();
      int size = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
      assertEquals(size, m.plaintext().length, name);
      assertEquals(FuzzCodecs.TOPIC, m.topic(), name);
    }
  }
}
