package io.coseiot.cose.key;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/** A "random" source that replays given bytes, as the COSE WG examples' rng_stream does. */
final class FixedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final byte[] stream;
  private int pos;

  FixedRandom(String hex) {
    this(HexFormat.of().parseHex(hex));
  }

  private FixedRandom(byte[] stream) {
    this.stream = stream;
  }

  /** A reproducible stream for property tests, long enough for any key. */
  static FixedRandom seeded(long seed) {
    byte[] stream = new byte[4096];
    new Random(seed).nextBytes(stream);
    return new FixedRandom(stream);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    if (pos + bytes.length > stream.length) {
      throw new IllegalStateException("fixed random stream exhausted");
    }
    System.arraycopy(stream, pos, bytes, 0, bytes.length);
    pos += bytes.length;
  }
}
