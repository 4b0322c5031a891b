package io.coseiot.vectors.examples;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.List;

/**
 * A {@link SecureRandom} that replays an example's {@code rng_stream}: every request takes the next
 * bytes of the concatenated entries, so a message built with it reproduces {@code output.cbor} byte
 * for byte. For tests only; it is not random.
 */
public final class RngStream extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final byte[] stream;
  private int position;

  /**
   * Creates a stream over the given entries.
   *
   * @param name names the example in errors
   * @param entries the {@code rng_stream} entries, in order; copied
   */
  public RngStream(String name, List<byte[]> entries) {
    this.name = name;
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    entries.forEach(all::writeBytes);
    this.stream = all.toByteArray();
  }

  /**
   * Fills {@code bytes} with the next bytes of the stream.
   *
   * @param bytes the array to fill
   * @throws RngExhaustedException if the stream has fewer bytes left than asked for
   */
  @Override
  public synchronized void nextBytes(byte[] bytes) {
    if (bytes.length > stream.length - position) {
      throw new RngExhaustedException(
          name
              + ": rng_stream ran out: "
              + bytes.length
              + " bytes asked for, "
              + (stream.length - position)
              + " left");
    }
    System.arraycopy(stream, position, bytes, 0, bytes.length);
    position += bytes.length;
  }

  /**
   * Returns how many bytes have not been served yet, to check that a run used the whole stream.
   *
   * @return the count
   */
  public synchronized int remaining() {
    return stream.length - position;
  }

  @Override
  public String getAlgorithm() {
    return "rng_stream";
  }
}
