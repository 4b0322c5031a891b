package io.coseiot.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.mqtt.nonce.SequenceStateException;
import io.coseiot.mqtt.nonce.SequenceStateException.Reason;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A counter-mode publisher whose sequence file is deleted, truncated or corrupted stops sealing
 * with a typed error at its next block, keeps refusing, and cannot be restarted on the file: it
 * never starts again at 0.
 */
class SequenceFileFaultTest {
  enum Fault {
    DELETED(Reason.MISSING),
    TRUNCATED(Reason.CORRUPT),
    EMPTIED(Reason.CORRUPT),
    CORRUPTED(Reason.CORRUPT);

    final Reason reason;

    Fault(Reason reason) {
      this.reason = reason;
    }

    void apply(Path f) throws Exception {
      String s = Files.readString(f);
      switch (this) {
        case DELETED:
          Files.delete(f);
          break;
        case TRUNCATED:
          Files.writeString(f, s.substring(0, s.length() / 2));
          break;
        case EMPTIED:
          Files.write(f, new byte[0]);
          break;
        default:
          Files.writeString(f, s.replace("next=", "next=1"));
      }
    }
  }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Fault.class)
  void faultStopsThePublisher(Fault fault) throws Exception {
    Path f = dir.resolve("publisher.seq");
    try (SequenceStore store = SequenceStore.create(f, 4)) {
      PayloadSealer sealer =
          CoseMqttCodec.builder()
              .keyring(Fixtures.keyring(Algorithm.A128GCM))
              .counterNonces(new byte[] {3}, store)
              .build()
              .sealer();
      for (int i = 0; i < 4; i++) {
        sealer.seal(Fixtures.TOPIC, new byte[] {(byte) i});
      }
      fault.apply(f);
      for (int attempt = 0; attempt < 3; attempt++) {
        NonceException e =
            assertThrows(NonceException.class, () -> sealer.seal(Fixtures.TOPIC, new byte[] {9}));
        SequenceStateException cause = assertInstanceOf(SequenceStateException.class, e.getCause());
        assertEquals(fault.reason, cause.reason(), cause.getMessage());
      }
    }
    SequenceStateException restart =
        assertThrows(SequenceStateException.class, () -> SequenceStore.open(f, 4));
    assertEquals(fault.reason, restart.reason());
  }
}
