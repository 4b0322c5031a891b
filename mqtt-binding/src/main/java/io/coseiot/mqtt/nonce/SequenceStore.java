package io.coseiot.mqtt.nonce;

import io.coseiot.mqtt.nonce.SequenceStateException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A sender sequence number that survives crashes, after RFC 8613 §7.5: numbers are handed out from
 * reserved blocks, and before the first number of a block is used the end of the block is written
 * to a file (temporary file, fsync, atomic rename, directory fsync). A restarted sender resumes at
 * the persisted end, so it never reuses a number, at the cost of skipping at most one block.
 *
 * <p>The file is made once with {@link #create} and reopened with {@link #open}; a missing, corrupt
 * or truncated file, or one changed under a running store, is a {@link SequenceStateException},
 * never a restart at 0 (which would reuse every nonce since). It holds one line, {@code
 * next=<decimal> crc32=<8 hex digits>}, the CRC-32 being of the text before the space. A store
 * holds an exclusive lock on a {@code .lock} file beside it until {@link #close}, so two stores, in
 * one process or two, cannot share a file. Thread-safe.
 */
public final class SequenceStore implements AutoCloseable {
  private static final Pattern LINE =
      Pattern.compile("(next=(0|[1-9][0-9]{0,17})) crc32=([0-9a-f]{8})\n");

  private final Path file;
  private final int blockSize;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private SenderLease lease;
  private long next;
  private long reservedUntil;

  private SequenceStore(Path file, int blockSize, FileChannel lockChannel, FileLock lock) {
    this.file = file;
    this.blockSize = blockSize;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the file of a new sender (or a new key or sender id) at sequence number 0.
   *
   * @param file the file, which must not exist
   * @param blockSize how many numbers to reserve per write, at least 1
   * @return the store
   * @throws SequenceStateException if the file exists ({@code EXISTS}) or is locked ({@code
   *     IN_USE})
   * @throws IOException if it cannot be written
   */
  public static SequenceStore create(Path file, int blockSize) throws IOException {
    return create(file, blockSize, 0);
  }

  /**
   * Creates the file of a sender that starts at a given number, such as one moved from another
   * store that had reserved numbers below it.
   *
   * @param file the file, which must not exist
   * @param blockSize how many numbers to reserve per write, at least 1
   * @param first the first number to hand out, 0 to {@link OscoreNonce#MAX_SEQUENCE}
   * @return the store
   * @throws SequenceStateException if the file exists ({@code EXISTS}) or is locked ({@code
   *     IN_USE})
   * @throws IOException if it cannot be written
   */
  public static SequenceStore create(Path file, int blockSize, long first) throws IOException {
    if (first < 0 || first > OscoreNonce.MAX_SEQUENCE) {
      throw new IllegalArgumentException("first sequence number out of range: " + first);
    }
    SequenceStore s = locked(file, blockSize);
    try {
      if (Files.exists(file)) {
        throw new SequenceStateException(Reason.EXISTS, file + " already exists; open it instead");
      }
      s.write(first);
      s.next = first;
      s.reservedUntil = first;
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Opens the file of an existing sender.
   *
   * @param file the file made by {@link #create}
   * @param blockSize how many numbers to reserve per write, at least 1
   * @return the store, resuming after everything any earlier instance may have used
   * @throws SequenceStateException if the file is missing, corrupt or truncated, or locked
   * @throws IOException if it cannot be read
   */
  public static SequenceStore open(Path file, int blockSize) throws IOException {
    SequenceStore s = locked(file, blockSize);
    try {
      s.next = read(file);
      s.reservedUntil = s.next;
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Reads the value a file holds: the first number a store opened on it would hand out.
   *
   * @param file the file
   * @return the value
   * @throws SequenceStateException if the file is missing ({@code MISSING}) or not well formed
   *     ({@code CORRUPT})
   * @throws IOException if it cannot be read
   */
  public static long read(Path file) throws IOException {
    String s;
    try {
      s = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new SequenceStateException(
          Reason.MISSING,
          file
              + " is missing; a sender whose sequence file is lost needs a new sender id or key,"
              + " never a restart at 0");
    }
    Matcher m = LINE.matcher(s);
    if (!m.matches() || !crc(m.group(1)).equals(m.group(3))) {
      throw new SequenceStateException(
          Reason.CORRUPT,
          file + " is corrupt or truncated (" + s.length() + " bytes); it cannot be trusted");
    }
    long v = Long.parseLong(m.group(2));
    if (v > OscoreNonce.MAX_SEQUENCE + 1) {
      throw new SequenceStateException(Reason.CORRUPT, file + " holds " + v + ", out of range");
    }
    return v;
  }

  /**
   * Makes each block reservation depend on a sender id lease, checked now and before every
   * reservation.
   *
   * @param lease this instance's lease on its sender id
   * @return this store
   * @throws SequenceStateException if the lease is not held
   */
  public synchronized SequenceStore withLease(SenderLease lease) throws SequenceStateException {
    lease.check();
    this.lease = lease;
    return this;
  }

  /**
   * Returns the next sequence number, reserving a new block first if needed.
   *
   * @return a number never returned before by any store on this file
   * @throws SequenceStateException if the numbers are exhausted, the file changed under this store,
   *     or the lease was lost
   * @throws IOException if the reservation cannot be persisted
   */
  public synchronized long next() throws IOException {
    if (next > OscoreNonce.MAX_SEQUENCE) {
      throw new SequenceStateException(
          Reason.EXHAUSTED, "sequence numbers exhausted; rotate the key or sender id");
    }
    if (next >= reservedUntil) {
      if (lease != null) {
        lease.check();
      }
      long until = Math.min(next + blockSize, OscoreNonce.MAX_SEQUENCE + 1);
      long onFile = read(file);
      if (onFile != reservedUntil) {
        throw new SequenceStateException(
            Reason.CHANGED, file + " holds " + onFile + ", this store wrote " + reservedUntil);
      }
      write(until);
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

  /** Releases the file's lock; the numbers reserved stay used. */
  @Override
  public synchronized void close() throws IOException {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } finally {
      lockChannel.close();
    }
  }

  private static SequenceStore locked(Path file, int blockSize) throws IOException {
    if (blockSize < 1) {
      throw new IllegalArgumentException("block size must be >= 1");
    }
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel ch =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (l == null) {
      ch.close();
      throw new SequenceStateException(
          Reason.IN_USE, file + " is in use by another sequence store (" + lockFile + ")");
    }
    return new SequenceStore(file, blockSize, ch, l);
  }

  private static String crc(String text) {
    CRC32 c = new CRC32();
    c.update(text.getBytes(StandardCharsets.US_ASCII));
    return String.format("%08x", c.getValue());
  }

  private void write(long value) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    String text = "next=" + value;
    byte[] bytes = (text + " crc32=" + crc(text) + "\n").getBytes(StandardCharsets.US_ASCII);
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
