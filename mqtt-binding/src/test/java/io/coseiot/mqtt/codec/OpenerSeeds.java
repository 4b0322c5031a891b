package io.coseiot.mqtt.codec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the seed corpus of {@link OpenerFuzzTest}: per seal mode, payloads of a few sizes sealed
 * by the {@link FuzzCodecs} publisher, with random IVs and, where the mode has it, counter nonces
 * (one small and one multi-byte sequence number). Run by {@code scripts/fuzz-seeds}; its output is
 * committed.
 */
final class OpenerSeeds {
  private static final int[] SIZES = {0, 1, 20, 300};

  private OpenerSeeds() {}

  /**
   * Writes the corpus.
   *
   * @param args mqtt-binding's {@code src/test/resources}
   * @throws Exception if sealing or writing fails
   */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).resolve("io/coseiot/mqtt/codec/OpenerFuzzTestInputs");
    for (FuzzCodecs c : FuzzCodecs.values()) {
      Path dir = root.resolve(c.target());
      Files.createDirectories(dir);
      write(dir, "random", c.publisher(null).sealer());
      if (c.hasCounterMode()) {
        write(dir, "counter-seq5", c.publisher(5L).sealer());
        write(dir, "counter-seq70000", c.publisher(70_000L).sealer());
      }
      System.out.println(dir);
    }
  }

  private static void write(Path dir, String nonces, PayloadSealer sealer) throws Exception {
    for (int size : SIZES) {
      byte[] content = new byte[size];
      for (int i = 0; i < size; i++) {
        content[i] = (byte) ('a' + i % 26);
      }
      SealedMessage m = sealer.seal(FuzzCodecs.TOPIC, content);
      Files.write(dir.resolve(nonces + "-" + size), m.payload());
    }
  }
}
