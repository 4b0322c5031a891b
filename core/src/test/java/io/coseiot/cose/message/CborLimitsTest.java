package io.coseiot.cose.message;

import static io.coseiot.cose.message.Strict.hex;
import static io.coseiot.cose.message.Strict.throwsExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.exception.CborException;
import io.coseiot.cose.exception.StructureException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** Decoding bounds: lengths, nesting, recipient depth and trailing bytes. */
class CborLimitsTest {

  /**
   * Bytes this thread allocates while running {@code r}, or -1 where the JVM cannot tell. Reached
   * by reflection because the module under test does not read java.management.
   */
  private static long allocatedBy(Runnable r) {
    Method counter;
    Object bean;
    try {
      bean =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      counter =
          Class.forName("com.sun.management.ThreadMXBean")
              .getMethod("getThreadAllocatedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      r.run();
      return -1;
    }
    long id = Thread.currentThread().getId();
    try {
      long before = (Long) counter.invoke(bean, id);
      r.run();
      return (Long) counter.invoke(bean, id) - before;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static volatile byte[] sink;

  @Test
  void lengthBeyondTheInputIsRefusedWithoutAllocatingIt() {
    // The probe itself works: it sees a real 4 MiB allocation (or reports that it cannot tell).
    long probe = allocatedBy(() -> sink = new byte[4 << 20]);
    assertTrue(probe == -1 || probe >= 4 << 20, "allocation probe saw " + probe);
    // Ciphertext bstr claiming 2^31 - 1 bytes (5A 7FFFFFFF) with two bytes behind it; then the
    // 8-byte form claiming 2^63 - 1; then an array claiming 2^32 - 1 recipients.
    String[] lies = {
      "83 43a10101 a0 5a7fffffff 0000",
      "83 43a10101 a0 5b7fffffffffffffff 00",
      "84 43a10101 a0 f6 9affffffff 00",
      // And a header value inside the unprotected bucket: {4: bstr of 2^31 - 1 bytes}.
      "83 43a10101 a1 04 5a7fffffff f6",
    };
    for (String lie : lies) {
      byte[] data = hex(lie);
      long allocated =
          allocatedBy(
              () -> {
                throwsExactly(
                    CborException.class,
                    () -> {
                      if (lie.startsWith("84")) {
                        EncryptMessage.decode(data);
                      } else {
                        Encrypt0Message.decode(data);
                      }
                    });
              });
      assertTrue(allocated < 1 << 20, lie + " allocated " + allocated + " bytes");
    }
  }

  @Test
  void nestingDeeperThanTheBoundIsRefused() throws Exception {
    int depth = CborReader.MAX_DEPTH + 1;
    // Unprotected {100: [[[...[0]...]]]} with one array too many.
    String nested = "81".repeat(depth) + "00";
    throwsExactly(
        CborException.class,
        () -> Encrypt0Message.decode(hex("83 43a10101 a1 1864 " + nested + " f6")));
    // One level less is accepted.
    String ok = "81".repeat(depth - 1) + "00";
    Encrypt0Message.decode(hex("83 43a10101 a1 1864 " + ok + " f6"));
    // Inside the protected bstr too: {100: nested} wrapped in a bstr of its length.
    String prot = "a1 1864 " + nested;
    int len = hex(prot).length;
    throwsExactly(
        CborException.class,
        () -> Encrypt0Message.decode(hex("83 58" + String.format("%02x", len) + prot + " a0 f6")));
  }

  /** A recipient whose nested recipients go {@code depth} levels further down. */
  private static String recipient(int depth) {
    if (depth == 0) {
      // [h'', {1: -6 (direct)}, h'']
      return "83 40 a10125 40";
    }
    // [h'', {1: -3 (A128KW)}, h'', [nested]]
    return "84 40 a10122 40 81 " + recipient(depth - 1);
  }

  @Test
  void recipientsNestedDeeperThanTheLimitAreRefused() throws Exception {
    String head = "84 43a10101 a0 f6 81 ";
    EncryptMessage m = EncryptMessage.decode(hex(head + recipient(Recipient.MAX_NESTING)));
    assertEquals(1, m.recipients().size());
    throwsExactly(
        StructureException.class,
        () -> EncryptMessage.decode(hex(head + recipient(Recipient.MAX_NESTING + 1))));
    throwsExactly(
        StructureException.class,
        () ->
            MacMessage.decode(
                hex("85 43a10105 a0 f6 40 81 " + recipient(Recipient.MAX_NESTING + 1))));
  }

  @Test
  void trailingBytesAreRefused() throws Exception {
    Encrypt0Message.decode(hex("83 43a10101 a0 f6"));
    throwsExactly(CborException.class, () -> Encrypt0Message.decode(hex("83 43a10101 a0 f6 00")));
    throwsExactly(CborException.class, () -> Sign1Message.decode(hex("84 43a10126 a0 f6 40 f6")));
    // Trailing bytes inside the protected bstr: h'A10101 00'.
    throwsExactly(CborException.class, () -> Encrypt0Message.decode(hex("83 44a1010100 a0 f6")));
  }

  @Test
  void indefiniteLengthsAreRefused() {
    // An indefinite-length array (9F ... FF) as the message.
    throwsExactly(CborException.class, () -> Encrypt0Message.decode(hex("9f 43a10101 a0 f6 ff")));
  }
}
