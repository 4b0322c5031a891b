package io.coseiot.mqtt.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The key, topic and captured messages that the replay-state tests and their child JVMs share. */
final class ReplayFixtures {
  static final String TOPIC = "replay/meter";
  static final byte[] SENDER_ID = {0x05};
  static final byte[] MASTER =
      HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");

  private ReplayFixtures() {}

  static Keyring keyring() {
    return Keyring.builder()
        .schedule(RotationSchedule.fixed(0))
        .add(TopicKeyset.derived("replay/#", Algorithm.A128GCM, MASTER, null))
        .build();
  }

  /** The kid the keyring seals {@link #TOPIC} with. */
  static byte[] kid() throws Exception {
    return keyring().primary(TOPIC).kid();
  }

  /** A message as it was captured on the wire, with its sequence number (-1 in random mode). */
  record Captured(int index, long seq, SealedMessage message) {
    /** The line a {@link ReplaySubscriberMain} reads. */
    String line() {
      return index + " " + message.topic() + " " + HexFormat.of().formatHex(message.payload());
    }
  }

  /**
   * Seals messages alternately (even indices first) from a counter-mode publisher with sender id
   * 05, its sequence file {@code seqFile}, and from a random-IV publisher, numbered from {@code
   * firstIndex}. A later call on the same file continues the sender's numbers.
   */
  static List<Captured> seal(Path seqFile, int firstIndex, int count) throws Exception {
    List<Captured> out = new ArrayList<>();
    try (SequenceStore seq =
        Files.exists(seqFile)
            ? SequenceStore.open(seqFile, 16)
            : SequenceStore.create(seqFile, 16)) {
      PayloadSealer counter =
          CoseMqttCodec.builder().keyring(keyring()).counterNonces(SENDER_ID, seq).build().sealer();
      PayloadSealer random = CoseMqttCodec.builder().keyring(keyring()).build().sealer();
      for (int i = firstIndex; i < firstIndex + count; i++) {
        byte[] body = ("m" + i).getBytes(UTF_8);
        if (i % 2 == 0) {
          SealedMessage m = counter.seal(TOPIC, body);
          byte[] piv =
              Encrypt0Message.decode(m.payload()).headers().getBytes(HeaderLabel.PARTIAL_IV);
          out.add(new Captured(i, OscoreNonce.sequence(piv), m));
        } else {
          out.add(new Captured(i, -1, random.seal(TOPIC, body)));
        }
      }
    }
    return out;
  }
}
