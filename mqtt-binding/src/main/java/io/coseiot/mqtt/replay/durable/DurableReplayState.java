package io.coseiot.mqtt.replay.durable;

import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.mqtt.replay.ReplayKeys;
import io.coseiot.mqtt.replay.ReplayState;
import io.coseiot.mqtt.replay.ReplayStateException;
import io.coseiot.mqtt.replay.ReplayStateException.Reason;
import io.coseiot.mqtt.replay.ReplayWindow;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A {@link ReplayState} in an H2 MVStore file that survives a crash of the process (kill -9, power
 * loss once the disk honours fsync), for a single subscriber instance.
 *
 * <p>Counter mode applies OSCORE's block reservation (RFC 8613 §7.5) to the receiver: before a
 * window accepts a number above its persisted mark, the mark is raised to that number plus the
 * block size and forced to disk; numbers up to the mark are accepted from memory alone. Once half a
 * reservation is used, the next is written by a background thread; the mark in memory moves only
 * after the write is forced. A sender's stream waits for the disk only when it uses half a block
 * faster than one forced write takes: above about {@code block / (2 × fsync time)} messages a
 * second, 6 million for 4096 numbers and a 325 µs fsync, but 800,000 with the 2.5 ms measured on a
 * loaded 2-core machine, where a benchmark opening one sender's stream at full speed waited about
 * 250 times per million messages. Only a larger block lifts that, at the price of more fresh
 * numbers refused after a crash. After a restart, a sender's window starts at its persisted mark
 * with everything at or below it counted as seen: no message accepted before the crash is accepted
 * again, and at most one block of fresh numbers above the last accepted one (plus late ones inside
 * the old window) is refused.
 *
 * <p>Messages without a sequence number have no order to reserve ahead of, so each new identifier
 * is forced to disk before it is accepted: a single stream of random-IV messages costs one fsync
 * per message (see the benchmark), while openers on several threads share one (group commit);
 * counter mode is the cheap way to durable replay protection. The newest {@code recentCapacity}
 * identifiers are kept, like {@link io.coseiot.mqtt.replay.ReplayGuard}.
 *
 * <p>The file is made once with {@link #create} and reopened with {@link #open}: a missing file is
 * an error, not an empty state that would accept every old message again. MVStore locks the file,
 * so a second process cannot open it. Thread-safe.
 */
public final class DurableReplayState implements ReplayState {
  /** Numbers reserved per fsync and sender by default. */
  public static final int DEFAULT_BLOCK = 4096;

  private final MVStore store;
  private final MVMap<String, Long> marks;
  private final MVMap<String, Long> ids;
  private final MVMap<Long, String> order;
  private final int block;
  private final int recentCapacity;
  private final Map<ByteBuffer, Sender> senders = new ConcurrentHashMap<>();
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cose-iot-replay-marks");
            t.setDaemon(true);
            return t;
          });
  private long nextOrder;
  // Group commit of identifiers: how many were staged (under the store's monitor), and how many of
  // those a finished commit has forced to disk (under durability's, which one committer holds).
  private final Object durability = new Object();
  private long staged;
  private long durable;

  /**
   * One sender's window and its persisted mark. The mark only rises, and only once a write covering
   * it is forced, so a number at or below it may be accepted from memory without a lock of ours;
   * the monitor orders the rarer checks above it.
   */
  private static final class Sender {
    final String key;
    final ReplayWindow window;
    volatile long mark;
    final AtomicBoolean advancing = new AtomicBoolean();

    Sender(String key, long mark) {
      this.key = key;
      this.mark = mark;
      this.window = ReplayWindow.restoredAt(mark);
    }
  }

  private DurableReplayState(MVStore store, int block, int recentCapacity) {
    this.store = store;
    this.block = block;
    this.recentCapacity = recentCapacity;
    this.marks = store.openMap("marks");
    this.ids = store.openMap("ids");
    this.order = store.openMap("order");
    Long last = order.lastKey();
    this.nextOrder = last == null ? 0 : last + 1;
  }

  /**
   * Creates the store of a new subscriber.
   *
   * @param file the file, which must not exist
   * @param block numbers reserved per fsync and sender, at least 1
   * @param recentCapacity how many message identifiers to remember, at least 1
   * @return the state, empty
   * @throws ReplayStateException if the file exists or cannot be made
   */
  public static DurableReplayState create(Path file, int block, int recentCapacity)
      throws ReplayStateException {
    if (Files.exists(file)) {
      throw new ReplayStateException(Reason.EXISTS, file + " already exists; open it", null);
    }
    DurableReplayState s = openStore(file, block, recentCapacity);
    s.commit();
    return s;
  }

  /**
   * Opens the store of a subscriber that ran before, resuming every window at its persisted mark.
   *
   * @param file the file made by {@link #create}
   * @param block numbers reserved per fsync and sender, at least 1
   * @param recentCapacity how many message identifiers to remember, at least 1
   * @return the state
   * @throws ReplayStateException if the file is missing, locked by another process or unreadable
   */
  public static DurableReplayState open(Path file, int block, int recentCapacity)
      throws ReplayStateException {
    if (!Files.isRegularFile(file)) {
      throw new ReplayStateException(
          Reason.MISSING,
          file
              + " is missing: an empty state would accept every earlier message again; rotate the"
              + " key epoch before creating a new one",
          null);
    }
    return openStore(file, block, recentCapacity);
  }

  private static DurableReplayState openStore(Path file, int block, int recentCapacity)
      throws ReplayStateException {
    if (block < 1 || recentCapacity < 1) {
      throw new IllegalArgumentException("block and recent capacity must be at least 1");
    }
    try {
      MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
      // Every commit is forced to disk before it counts, so a superseded chunk may be overwritten
      // at once; MVStore's default keeps 45 s of them, a 68 MB file at 500 marks a second for a
      // state of a few longs, and commits that slow down as its chunk list grows.
      store.setRetentionTime(0);
      return new DurableReplayState(store, block, recentCapacity);
    } catch (MVStoreException e) {
      Reason r = e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED ? Reason.IN_USE : Reason.CORRUPT;
      throw new ReplayStateException(r, file + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new ReplayStateException(Reason.CORRUPT, file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ReplayWindow.Verdict acceptSequence(byte[] kid, long epoch, byte[] senderId, long seq)
      throws ReplayStateException {
    Sender known = senders.get(ReplayKeys.sender(kid, epoch, senderId));
    Sender s = known != null ? known : load(kid, epoch, senderId);
    long mark = s.mark;
    if (seq > mark && seq <= OscoreNonce.MAX_SEQUENCE) {
      // Not reserved yet: wait for the write, as the first message of a sender does.
      synchronized (s) {
        if (seq > s.mark) {
          s.mark = Math.max(s.mark, persist(s.key, seq, seq));
        }
      }
    } else if (seq > mark - block / 2 && s.advancing.compareAndSet(false, true)) {
      // Half the reservation used: the next one is written in the background.
      writer.execute(() -> advance(s, seq));
    }
    // The hot path: a compare above and the window's own check, no store work.
    return s.window.accept(seq);
  }

  /**
   * Persists {@code seq + block} as a sender's mark, forced to disk, unless the stored mark is
   * already at least {@code needed}, and returns the mark now on disk. The hot path needs only a
   * mark covering {@code seq}: when the stream outruns the background write, it waits here for that
   * write and then makes no second one. The background needs the whole new block.
   */
  private long persist(String key, long seq, long needed) throws ReplayStateException {
    long mark = Math.min(seq + block, OscoreNonce.MAX_SEQUENCE);
    synchronized (store) {
      try {
        Long had = marks.get(key);
        if (had != null && had >= Math.min(needed, mark)) {
          return had;
        }
        marks.put(key, mark);
      } catch (MVStoreException e) {
        throw new ReplayStateException(Reason.UNAVAILABLE, e.getMessage(), e);
      }
      commit();
    }
    return mark;
  }

  private void advance(Sender s, long scheduledAt) {
    try {
      // Reserve from where the stream is when the write starts, not where it was when it was
      // scheduled: on a busy machine the writer starts late, and a mark from the older number
      // would be overtaken sooner, making the hot path wait. Still at most one block above h.
      long from = Math.max(scheduledAt, s.window.highest());
      long mark = persist(s.key, from, from + block);
      synchronized (s) {
        s.mark = Math.max(s.mark, mark);
      }
    } catch (ReplayStateException e) {
      // The hot path persists synchronously once it reaches the mark, and reports the failure.
    } finally {
      s.advancing.set(false);
    }
  }

  private Sender load(byte[] kid, long epoch, byte[] senderId) throws ReplayStateException {
    String key = ReplayKeys.senderText(kid, epoch, senderId);
    Long mark;
    try {
      mark = marks.get(key);
    } catch (MVStoreException e) {
      throw new ReplayStateException(Reason.UNAVAILABLE, e.getMessage(), e);
    }
    Sender fresh = new Sender(key, mark == null ? -1 : mark);
    Sender had = senders.putIfAbsent(ReplayKeys.sender(kid, epoch, senderId), fresh);
    return had == null ? fresh : had;
  }

  /**
   * Accepts an identifier only once it is on disk. Openers on several threads share the fsync
   * (group commit): each stages its identifier, then either finds it already covered by a commit
   * that another thread started after the staging, or commits everything staged so far itself. A
   * repeat of an identifier that is staged but not yet on disk is refused at once, which is safe:
   * the first one has not been accepted yet, and is accepted only once it is durable.
   */
  @Override
  public boolean acceptUnique(byte[] kid, byte[] messageId) throws ReplayStateException {
    String key = ReplayKeys.messageText(kid, messageId);
    long ticket;
    synchronized (store) {
      try {
        if (ids.putIfAbsent(key, nextOrder) != null) {
          return false;
        }
        order.put(nextOrder++, key);
        while (ids.size() > recentCapacity) {
          ids.remove(order.remove(order.firstKey()));
        }
      } catch (MVStoreException e) {
        throw new ReplayStateException(Reason.UNAVAILABLE, e.getMessage(), e);
      }
      ticket = ++staged;
    }
    synchronized (durability) {
      if (durable < ticket) {
        long upTo;
        synchronized (store) {
          upTo = staged;
          write();
        }
        // Outside the store's monitor, so that other openers stage meanwhile for the next one.
        force();
        durable = upTo;
      }
    }
    return true;
  }

  /**
   * Returns the persisted mark of a sender: after a restart every number at or below it is refused.
   *
   * @param kid the key id
   * @param epoch the key epoch
   * @param senderId the sender id
   * @return the mark, or -1 if the sender was never seen
   */
  public long persistedMark(byte[] kid, long epoch, byte[] senderId) {
    Long m = marks.get(ReplayKeys.senderText(kid, epoch, senderId));
    return m == null ? -1 : m;
  }

  // Callers hold the store's monitor (or are the constructor's caller).
  private void commit() throws ReplayStateException {
    write();
    force();
  }

  /** Writes the changes as a new version of the file, not forced to disk yet. */
  private void write() throws ReplayStateException {
    try {
      store.commit();
    } catch (MVStoreException e) {
      throw new ReplayStateException(Reason.UNAVAILABLE, "cannot persist: " + e.getMessage(), e);
    }
  }

  /** Forces what was written to disk. */
  private void force() throws ReplayStateException {
    try {
      store.sync();
    } catch (MVStoreException e) {
      throw new ReplayStateException(Reason.UNAVAILABLE, "cannot persist: " + e.getMessage(), e);
    }
  }

  /** Writes what is pending and closes the file. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (store) {
      store.close();
    }
  }
}
