package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
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
   * Starts the publisher JVM, its output in {@link #log}.
   *
   * @param uri the broker
   * @param seq the sequence file
   * @param master the master secret
   * @param topic where it publishes
   * @param label the payloads' prefix, also naming the log
   * @param count how many it publishes before it exits
   */
  static Process start(String uri, Path seq, byte[] master, String topic, String label, int count)
      throws IOException {
    return ChildJvm.command(
            List.of(),
            CounterPublisherMain.class,
            uri,
            seq.toString(),
            HexFormat.of().formatHex(master),
            topic,
            label,
            Integer.toString(count))
        .redirectErrorStream(true)
        .redirectOutput(log(seq, label))
        .start();
  }

  /** Where the run of that label writes its output: next to the sequence file. */
  static File log(Path seq, String label) {
    return seq.resolveSibling(seq.getFileName() + "." + label + ".log").toFile();
  }

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
