package io.coseiot.tck;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.interop.broker.EmbeddedBroker;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cose-tck demo}: a sealed publisher, a subscriber that opens, and an outsider without keys
 * subscribed to everything, through one broker; shows what the broker carried beside what the
 * subscriber got.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Publishes sealed telemetry through an MQTT broker and opens it at a subscriber.",
    description = {
      "Shows side by side what the broker carried (ciphertext) and what the subscriber got.",
      "Starts an embedded HiveMQ CE broker unless --broker is given.",
      "Exits 1 if any message was lost or failed to open."
    })
final class DemoCommand implements Callable<Integer> {
  /** A fixed, public master secret: the demo's keys are derived from it, so it protects nothing. */
  static final byte[] DEMO_MASTER_SECRET =
      HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

  static final String FILTER = "demo/telemetry/#";
  private static final int HEX_BYTES = 20;
  private static final long WAIT_SECONDS = 15;

  @Spec CommandSpec spec;

  @Option(
      names = "--broker",
      paramLabel = "URI",
      description = "An MQTT broker, e.g. tcp://127.0.0.1:1883 (default: an embedded HiveMQ CE).")
  String broker;

  @Option(
      names = "--messages",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many telemetry messages to publish (default: ${DEFAULT-VALUE}).")
  int messages;

  /** What the outsider saw: the wire topic and the raw payload. */
  private record Carried(String topic, byte[] payload) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (messages < 1) {
      err.println("cose-tck demo: --messages must be at least 1");
      return 2;
    }
    out.println(
        "Demo master secret (fixed and public, for this demo only): "
            + HexFormat.of().formatHex(DEMO_MASTER_SECRET));
    EmbeddedBroker.quietLogging();
    EmbeddedBroker embedded = null;
    try {
      String uri = broker;
      if (uri == null) {
        embedded = EmbeddedBroker.start();
        uri = embedded.uri();
        out.println("Broker: embedded HiveMQ CE at " + uri);
      } else {
        out.println("Broker: " + uri);
      }
      out.flush();
      return run(uri, out, err);
    } catch (SecureMqttException e) {
      err.println(
          "cose-tck demo: "
              + e.getMessage()
              + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
      return 1;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private int run(String uri, PrintWriter out, PrintWriter err) throws Exception {
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived(FILTER, Algorithm.A128GCM, DEMO_MASTER_SECRET, null))
            .build();
    // Random nonces: the demo's key is the same on every run, and counter mode would then need
    // a sequence file kept across runs to never repeat a nonce; a random 96-bit IV needs nothing.
    CoseMqttCodec codec =
        CoseMqttCodec.builder().keyring(keyring).mode(SealMode.ENCRYPT0).randomNonces().build();
    TopicKey key = keyring.primary("demo/telemetry/sensor-1");
    out.println(
        "Key: A128GCM, HKDF-SHA-256 from the master secret for "
            + FILTER
            + ", epoch "
            + key.epoch()
            + ", kid "
            + HexFormat.of().formatHex(key.kid()));
    out.println(
        "Seal: COSE_Encrypt0 (profile "
            + CoseMqttProfile.PROFILE
            + "), random 96-bit nonces, topic and epoch in the external AAD");

    BlockingQueue<OpenedMessage> opened = new LinkedBlockingQueue<>();
    List<String> rejected = new ArrayList<>();
    BlockingQueue<Carried> carried = new LinkedBlockingQueue<>();

    // An outsider is a plain MQTT client with no keys: it records what the broker carries.
    try (AutoCloseable outsider = outsider(uri, carried);
        SecureMqttClient subscriber =
            PahoMqtt.client(options(uri, "subscriber"))
                .codec(codec)
                .onMessage((m, c) -> opened.add(m))
                .onRejection(
                    (topic, rejection) -> {
                      synchronized (rejected) {
                        rejected.add(topic + ": " + rejection.getMessage());
                      }
                    })
                .build();
        SecureMqttClient publisher =
            PahoMqtt.client(options(uri, "publisher")).codec(codec).build()) {
      subscriber.connect();
      subscriber.subscribe(FILTER, 1);
      publisher.connect();

      List<String> sent = new ArrayList<>();
      for (int i = 1; i <= messages; i++) {
        String topic = "demo/telemetry/sensor-" + ((i - 1) % 3 + 1);
        String json =
            String.format(
                Locale.ROOT, "{\"n\":%d,\"temperature\":%.1f,\"unit\":\"C\"}", i, 20 + i * 0.5);
        sent.add(json);
        publisher
            .publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false)
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
      }

      List<OpenedMessage> got = take(opened, messages);
      List<Carried> wire = take(carried, messages);

      out.println();
      out.printf(
          Locale.ROOT,
          "%-4s %-24s %-" + (HEX_BYTES * 2 + 12) + "s %s%n",
          "#",
          "topic",
          "broker carried (ciphertext, first " + HEX_BYTES + " bytes)",
          "subscriber got");
      int rows = Math.max(got.size(), wire.size());
      for (int i = 0; i < rows; i++) {
        Carried c = i < wire.size() ? wire.get(i) : null;
        OpenedMessage m = i < got.size() ? got.get(i) : null;
        String topic = c != null ? c.topic() : m.topic();
        String hex = c == null ? "(nothing seen)" : hex(c.payload());
        String plain =
            m == null ? "(nothing opened)" : new String(m.plaintext(), StandardCharsets.UTF_8);
        out.printf(
            Locale.ROOT,
            "%-4d %-24s %-" + (HEX_BYTES * 2 + 12) + "s %s%n",
            i + 1,
            topic,
            hex,
            plain);
      }
      out.println();

      int lost = 0;
      for (int i = 0; i < sent.size(); i++) {
        String expected = sent.get(i);
        boolean found =
            got.stream()
                .anyMatch(m -> new String(m.plaintext(), StandardCharsets.UTF_8).equals(expected));
        if (!found) {
          lost++;
        }
      }
      int leaks = 0;
      for (Carried c : wire) {
        String asText = new String(c.payload(), StandardCharsets.ISO_8859_1);
        for (String s : sent) {
          if (asText.contains(s)) {
            leaks++;
          }
        }
      }
      synchronized (rejected) {
        rejected.forEach(r -> err.println("rejected " + r));
      }
      int failedToOpen;
      synchronized (rejected) {
        failedToOpen = rejected.size();
      }
      out.printf(
          Locale.ROOT,
          "%d sent, %d opened, %d lost, %d failed to open, %d carried in plaintext%n",
          messages,
          got.size(),
          lost,
          failedToOpen,
          leaks);
      out.flush();
      return lost == 0 && failedToOpen == 0 && leaks == 0 && got.size() == messages ? 0 : 1;
    }
  }

  /** Subscribes a plain MQTT v5 client to everything; closing it disconnects it. */
  private static AutoCloseable outsider(String uri, BlockingQueue<Carried> carried)
      throws SecureMqttException {
    try {
      MqttClient c =
          new MqttClient(
              uri,
              "cose-tck-demo-outsider-" + ProcessHandle.current().pid(),
              new MemoryPersistence());
      c.connect();
      c.subscribe(
          new MqttSubscription[] {new MqttSubscription("#", 1)},
          new IMqttMessageListener[] {
            (topic, m) -> carried.add(new Carried(topic, m.getPayload()))
          });
      return () -> {
        c.disconnect();
        c.close();
      };
    } catch (MqttException e) {
      throw new SecureMqttException("cannot connect to " + uri + " as the outsider", e);
    }
  }

  private static SecureMqttOptions options(String uri, String role) {
    return SecureMqttOptions.builder(uri)
        .clientId("cose-tck-demo-" + role + "-" + ProcessHandle.current().pid())
        .build();
  }

  /** The start of the COSE ciphertext field, or of the raw payload if it is not Encrypt0. */
  private static String hex(byte[] cose) {
    byte[] payload;
    try {
      payload = Encrypt0Message.decode(cose).ciphertext();
    } catch (CoseException e) {
      payload = cose;
    }
    int n = Math.min(HEX_BYTES, payload.length);
    StringBuilder b = new StringBuilder(HexFormat.of().formatHex(payload, 0, n));
    if (payload.length > n) {
      b.append("..");
    }
    b.append(" (").append(cose.length).append(" B)");
    return b.toString();
  }

  /** Up to n items, waiting at most a few seconds for each missing one. */
  private static <T> List<T> take(BlockingQueue<T> q, int n) throws InterruptedException {
    List<T> all = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (all.size() < n) {
      long left = end - System.nanoTime();
      T t = q.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (t == null) {
        break;
      }
      all.add(t);
    }
    return all;
  }
}
