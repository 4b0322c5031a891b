package io.coseiot.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterRestartTest {
  @TempDir Path dir;

  @Test
  void killedPublisherNeverReusesANonce() throws Exception {
    Path seq = dir.resolve("publisher.seq");
    Set<String> pairs = new HashSet<>();
    int total = 0;
    for (int run = 0; run < 5; run++) {
      // Each run is a fresh process: new store and codec on the same file, then "killed" mid-block.
      // A killed process's lock goes with it; here the store is closed at the end of the run.
      SequenceStore store = run == 0 ? SequenceStore.create(seq, 8) : SequenceStore.open(seq, 8);
      CoseMqttCodec codec =
          CoseMqttCodec.builder()
              .keyring(Fixtures.keyring(Algorithm.AES_CCM_16_64_128))
              .counterNonces(new byte[] {7, 7}, store)
              .build();
      PayloadSealer sealer = codec.sealer();
      PayloadOpener opener = codec.opener();
      for (int i = 0; i < 13 + run; i++) {
        SealedMessage m = sealer.seal(Fixtures.TOPIC, new byte[] {(byte) i});
        opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
        Encrypt0Message e = Encrypt0Message.decode(m.payload());
        String pair =
            Fixtures.hex(e.headers().getBytes(HeaderLabel.KID))
                + "/"
                + Fixtures.hex(e.headers().getBytes(HeaderLabel.PARTIAL_IV));
        assertTrue(pairs.add(pair), "(key, nonce) reused: " + pair);
        total++;
      }
      store.close();
    }
    assertTrue(pairs.size() == total);
  }
}
