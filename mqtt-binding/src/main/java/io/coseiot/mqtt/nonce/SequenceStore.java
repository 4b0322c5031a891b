package io.coseiot.mqtt.nonce;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A sender sequence number that survives crashes, after RFC 8613 §7.5: numbers are handed out from
 * reserved blocks, and before the first number of a block is used the end of the block is written
 * to a file (temporary file, fsync, atomic rename, directory fsync). A restarted sender resumes at
 * the persisted end, so it never reuses a number, at the cost of skipping at most one block.
 *
 * <p>The file holds the next unreserved number in ASCII decimal followed by a newline. Thread-safe
 * within one process; two processes must not share a file.
 */
public final class SequenceStore {
  private final Path file;
  private final int blockSize;
  private long next;
  private long reservedUntil;

  private SequenceStore(Path file, int blockSize, long start) {
    this.file = file;
    this.blockSize = blockSize;
    this.next = start;
    this.reservedUntil = start;
  }

  /**
   * Opens (or creates) a store.
   *
   * @param file the file; created on the first reservation if absent
   * @param blockSize how many numbers to reserve per write, at least 1
   * @return the store, resuming after everything any earlier instance may have used
   * @throws IOException if the file exists but cannot be read or parsed
   */
  public static SequenceStore open(Path file, int blockSize) throws IOException {
    if (blockSize < 1) {
      throw new IllegalArgumentException("block size must be >= 1");
    }
    long start = 0;
    if (Files.exists(file)) {
      String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
      try {
        start = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new IOException(file + ": not a sequence number: " + s, e);
      }
      if (start < 0) {
        throw new IOException(file + ": negative sequence number");
      }
    }
    return new SequenceStore(file, blockSize, start);
  }

  /**
   * Returns the next sequence number, reserving a new block first if needed.
   *
   * @return a number never returned before by any store on this file
   * @throws IOException if the reservation cannot be persisted, or the numbers are exhausted
   */
  public synchronized long next() throws IOException {
    if (next > OscoreNonce.MAX_SEQUENCE) {
      throw new IOException("sequence numbers exhausted; rotate the key or sender id");
    }
    if (next >= reservedUntil) {
      long until = Math.min(next + blockSize, OscoreNonce.MAX_SEQUENCE + 1);
      persist(until);
      reservedUntil = until;
    }
    return next++;
  }

  /**
   * Returns the value persisted so far.
   *
   * @return the first number a restarted store would hand out
   */
  public synchronized long persisted() {
    return reservedUntil;
  }

  private void persist(long value) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    byte[] bytes = (value + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is still atomic there.
    }
  }
}
