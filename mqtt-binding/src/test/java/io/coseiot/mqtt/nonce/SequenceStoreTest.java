package io.coseiot.mqtt.nonce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profile R7.10: sequence numbers reserved in durable blocks, and their Partial IV encoding. */
class SequenceStoreTest {
  @TempDir Path dir;

  @Test
  void persistsBlockEndBeforeUse() throws Exception {
    Path f = dir.resolve("seq");
    SequenceStore s = SequenceStore.open(f, 10);
    assertEquals(0, s.next());
    assertEquals("10", Files.readString(f).trim());
    for (int i = 1; i < 10; i++) {
      assertEquals(i, s.next());
    }
    assertEquals("10", Files.readString(f).trim());
    assertEquals(10, s.next());
    assertEquals("20", Files.readString(f).trim());
    // A "killed" process: a new store on the same file resumes after the reserved block.
    SequenceStore t = SequenceStore.open(f, 10);
    assertEquals(20, t.next());
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
