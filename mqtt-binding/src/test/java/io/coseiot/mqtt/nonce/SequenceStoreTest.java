package io.coseiot.mqtt.nonce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.mqtt.nonce.SequenceStateException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Profile R7.10: sequence numbers reserved in durable blocks, and their Partial IV encoding. */
class SequenceStoreTest {
  @TempDir Path dir;

  @Test
  void persistsBlockEndBeforeUse() throws Exception {
    Path f = dir.resolve("seq");
    SequenceStore s = SequenceStore.create(f, 10);
    assertEquals(0, SequenceStore.read(f));
    assertEquals(0, s.next());
    assertEquals(10, SequenceStore.read(f));
    for (int i = 1; i < 10; i++) {
      assertEquals(i, s.next());
    }
    assertEquals(10, SequenceStore.read(f));
    assertEquals(10, s.next());
    assertEquals("next=20 crc32=" + crc("next=20") + "\n", Files.readString(f));
    // A killed process leaves its reservation and loses its lock: a new store resumes after it.
    s.close();
    SequenceStore t = SequenceStore.open(f, 10);
    assertEquals(20, t.next());
    t.close();
  }

  @Test
  void deletedFileIsMissingNotZero() throws Exception {
    Path f = dir.resolve("seq");
    SequenceStore.create(f, 10).close();
    Files.delete(f);
    assertReason(Reason.MISSING, () -> SequenceStore.open(f, 10));
  }

  @Test
  void deletedUnderARunningStoreStopsIt() throws Exception {
    Path f = dir.resolve("seq");
    try (SequenceStore s = SequenceStore.create(f, 2)) {
      s.next();
      s.next();
      Files.delete(f);
      assertReason(Reason.MISSING, s::next);
      assertFalse(Files.exists(f), "the store must not write a fresh file");
    }
  }

  @Test
  void fileReplacedUnderARunningStoreStopsIt() throws Exception {
    Path f = dir.resolve("seq");
    Path other = dir.resolve("other");
    try (SequenceStore s = SequenceStore.create(f, 2);
        SequenceStore o = SequenceStore.create(other, 2, 1000)) {
      s.next();
      s.next();
      // Someone restores an old copy (a valid file with another value) over the store's file.
      Files.copy(other, f, StandardCopyOption.REPLACE_EXISTING);
      assertReason(Reason.CHANGED, s::next);
    }
  }

  @Test
  void corruptOrTruncatedFileIsRefused() throws Exception {
    Path f = dir.resolve("seq");
    SequenceStore s = SequenceStore.create(f, 100);
    s.next();
    s.close();
    String good = Files.readString(f);
    assertEquals(100, SequenceStore.read(f));
    List<String> bad =
        List.of(
            "",
            good.substring(0, good.length() - 1),
            good.substring(0, 5),
            // One digit changed: the checksum no longer matches.
            good.replace("next=100", "next=000"),
            good.replace("next=100", "next=10"),
            "100\n",
            "next=-1 crc32=" + crc("next=-1") + "\n",
            "next=99999999999999 crc32=" + crc("next=99999999999999") + "\n");
    for (String b : bad) {
      Files.writeString(f, b);
      assertReason(Reason.CORRUPT, () -> SequenceStore.open(f, 10));
    }
    Files.write(f, new byte[] {(byte) 0xff, 0, 1});
    assertReason(Reason.CORRUPT, () -> SequenceStore.open(f, 10));
  }

  @Test
  void twoStoresCannotShareAFile() throws Exception {
    Path f = dir.resolve("seq");
    try (SequenceStore s = SequenceStore.create(f, 10)) {
      s.next();
      assertReason(Reason.IN_USE, () -> SequenceStore.open(f, 10));
    }
    SequenceStore.open(f, 10).close();
  }

  @Test
  void createRefusesAnExistingFile() throws Exception {
    Path f = dir.resolve("seq");
    SequenceStore.create(f, 10).close();
    assertReason(Reason.EXISTS, () -> SequenceStore.create(f, 10));
  }

  @Test
  void exhaustedNumbersAreTyped() throws Exception {
    Path f = dir.resolve("seq");
    try (SequenceStore s = SequenceStore.create(f, 10, OscoreNonce.MAX_SEQUENCE)) {
      assertEquals(OscoreNonce.MAX_SEQUENCE, s.next());
      assertReason(Reason.EXHAUSTED, s::next);
    }
  }

  private static void assertReason(Reason r, Executable e) {
    SequenceStateException x = assertThrows(SequenceStateException.class, e);
    assertEquals(r, x.reason(), x.getMessage());
  }

  private static String crc(String text) {
    CRC32 c = new CRC32();
    c.update(text.getBytes(StandardCharsets.US_ASCII));
    return String.format("%08x", c.getValue());
  }

  @Test
  void partialIvEncoding() {
    assertArrayEquals(new byte[] {0}, OscoreNonce.partialIv(0));
    assertArrayEquals(new byte[] {(byte) 0xff}, OscoreNonce.partialIv(255));
    assertArrayEquals(new byte[] {1, 0}, OscoreNonce.partialIv(256));
    assertEquals(
        OscoreNonce.MAX_SEQUENCE,
        OscoreNonce.sequence(OscoreNonce.partialIv(OscoreNonce.MAX_SEQUENCE)));
    assertThrows(IllegalArgumentException.class, () -> OscoreNonce.sequence(new byte[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> OscoreNonce.partialIv(1L << 40));
  }

  @Test
  void nonceLayoutFor13Bytes() {
    byte[] iv = new byte[13];
    byte[] n = OscoreNonce.nonce(iv, new byte[] {0x0a, 0x0b}, new byte[] {0x01, 0x02});
    // len(sid) | sid padded to 7 bytes | PIV padded to 5 bytes
    assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0x0a, 0x0b, 0, 0, 0, 1, 2}, n);
  }
}
