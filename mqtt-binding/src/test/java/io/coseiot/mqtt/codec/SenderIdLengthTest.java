package io.coseiot.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profile §7: a sender id may take n − 6 bytes, so 7 with AES-CCM's 13-byte nonces, 6 with GCM. */
class SenderIdLengthTest {
  @TempDir Path dir;

  private CoseMqttCodec codec(Algorithm alg, int sidLength) throws Exception {
    return CoseMqttCodec.builder()
        .keyring(Fixtures.keyring(alg))
        .counterNonces(
            new byte[sidLength],
            SequenceStore.create(Files.createTempDirectory(dir, "seq").resolve(alg + ".seq"), 4))
        .build();
  }

  @Test
  void sevenByteSenderIdSealsAndOpensWithAesCcm() throws Exception {
    CoseMqttCodec c = codec(Algorithm.AES_CCM_16_64_128, 7);
    SealedMessage m = c.sealer().seal(Fixtures.TOPIC, new byte[] {1, 2, 3});
    OpenedMessage o = c.opener().open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    assertArrayEquals(new byte[7], o.senderId());
    assertArrayEquals(new byte[] {1, 2, 3}, o.plaintext());
  }

  @Test
  void sevenByteSenderIdIsACheckedErrorWithGcm() throws Exception {
    PayloadSealer s = codec(Algorithm.A128GCM, 7).sealer();
    KeyException e = assertThrows(KeyException.class, () -> s.seal(Fixtures.TOPIC, new byte[1]));
    assertEquals(true, e.getMessage().contains("12-byte nonces"), e.getMessage());
  }

  @Test
  void eightBytesAreRefusedUpFront() {
    assertThrows(IllegalArgumentException.class, () -> codec(Algorithm.AES_CCM_16_64_128, 8));
  }
}
