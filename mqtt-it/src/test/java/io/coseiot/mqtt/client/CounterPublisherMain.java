package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A counter-mode publisher run as its own JVM by {@link PublisherRestartTest} and {@link
 * PublisherKillTest}, so that they can kill it outright. Arguments: broker URI, sequence file,
 * master secret (hex), topic, label, count. Publishes {@code label-i} at QoS 1 one after another,
 * then exits 0.
 */
public final class CounterPublisherMain {
  static final byte[] SENDER_ID = {0x05};
  static final int BLOCK = 10;

  private CounterPublisherMain() {}

  /**
   * Runs the publisher.
   *
   * @param args broker URI, sequence file, master secret hex, topic, label, count
   * @throws Exception if anything fails (the exit status is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    String uri = args[0];
    Path file = Path.of(args[1]);
    byte[] master = HexFormat.of().parseHex(args[2]);
    String topic = args[3];
    String label = args[4];
    int count = Integer.parseInt(args[5]);
    CoseMqttCodec codec =
        CoseMqttCodec.builder()
            .keyring(Codecs.keyring(master, "#"))
            .counterNonces(SENDER_ID, SequenceStore.open(file, BLOCK))
            .build();
    try (SecureMqttClient pub = PahoMqtt.client(uri).codec(codec).build()) {
      pub.connect();
      for (int i = 0; i < count; i++) {
        pub.publish(topic, (label + "-" + i).getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
        Thread.sleep(2);
      }
    }
    System.exit(0);
  }
}
