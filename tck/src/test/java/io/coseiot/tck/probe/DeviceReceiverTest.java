package io.coseiot.tck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.interop.DeviceBuild;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C device's receive path on a Mosquitto process against the profile 1.2 receiver rules, with
 * commands sealed by the JVM codec and sent with the MQTT v5 properties under test: the content
 * type (R4.4), the Payload Format Indicator (R4.5), the kid property (R4.6), an untagged payload
 * (R9.3), a random-IV replay (R7.7) and the size limit's edge (R9.1).
 */
@Tag("mqtt")
@Tag("interop")
class DeviceReceiverTest {
  private static final byte[] MASTER = HexFormat.of().parseHex(ProbeDeviceTest.MASTER);
  private static final String FILTER = "recv/+/commands";
  private static final String TOPIC = "recv/dev/commands";
  private static final DeviceBuild DEVICE = new DeviceBuild(Path.of("../device"));
  private static MosquittoProcess broker;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(MosquittoProcess.binary() != null, "mosquitto is not installed: skipped");
    broker = MosquittoProcess.start(dir);
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void theDeviceFollowsTheReceiverRules() throws Exception {
    String why = DEVICE.unavailableReason();
    assumeTrue(why == null, "C device unavailable: " + why);
    Process p =
        new ProcessBuilder(
                DEVICE.mqttDevice().toString(),
                "--port",
                String.valueOf(broker.port()),
                "--master",
                ProbeDeviceTest.MASTER,
                "--telemetry",
                "recv/dev/telemetry",
                "--commands",
                TOPIC,
                "--cmd-filter",
                FILTER,
                "--expect",
                "3",
                "--wait",
                "20")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
              } catch (Exception e) {
                lines.add("reader: " + e);
              }
            });
    reader.start();
    // R12.1: the device subscribes before its first telemetry message.
    String first = lines.poll(20, TimeUnit.SECONDS);
    assertTrue(first != null && first.startsWith("published "), "device: " + first);

    CoseMqttCodec codec =
        CoseMqttCodec.builder()
            .keyring(
                Keyring.builder()
                    .add(TopicKeyset.derived(FILTER, Algorithm.A128GCM, MASTER, null))
                    .schedule(RotationSchedule.fixed(0))
                    .build())
            .build();
    SealedMessage one = codec.sealer().seal(TOPIC, "one".getBytes(StandardCharsets.UTF_8));
    String ct = one.contentType();
    String hint = one.userProperties().get(CoseMqttProfile.KID_PROPERTY);
    List<String> expected = new ArrayList<>();
    MqttClient c =
        new MqttClient(broker.uri(), "recv-" + System.nanoTime(), new MemoryPersistence());
    try {
      c.connect();
      send(c, one.payload(), ct, 0, hint);
      expected.add("opened " + TOPIC + " " + hex("one"));
      send(c, seal(codec, "unquoted"), ct.replace("\"", ""), 0, hint);
      expected.add("rejected " + TOPIC + " invalid header parameter");
      send(c, seal(codec, "json"), "application/json", 0, hint);
      expected.add("rejected " + TOPIC + " not a sealed message (empty, untagged or not COSE)");
      byte[] tagged = seal(codec, "untagged");
      send(c, Arrays.copyOfRange(tagged, 1, tagged.length), ct, 0, hint);
      expected.add("rejected " + TOPIC + " not a sealed message (empty, untagged or not COSE)");
      send(c, seal(codec, "padded"), ct, 0, hint + "=");
      expected.add("rejected " + TOPIC + " kid hint does not match the COSE kid");
      send(c, one.payload(), ct, 0, hint);
      expected.add(
          "rejected "
              + TOPIC
              + " replayed message: IV or sequence number seen, or below the window");
      // R9.1: exactly the 1024-byte buffer gets past the size check, one byte more does not.
      send(c, new byte[1024], ct, 0, hint);
      expected.add("rejected " + TOPIC + " not a sealed message (empty, untagged or not COSE)");
      send(c, new byte[1025], ct, 0, hint);
      expected.add("rejected " + TOPIC + " message larger than the configured limit");
      send(c, seal(codec, "pfi 1"), ct, 1, hint);
      expected.add("opened " + TOPIC + " " + hex("pfi 1"));
      send(c, seal(codec, "bare"), null, null, null);
      expected.add("opened " + TOPIC + " " + hex("bare"));
    } finally {
      c.disconnect();
      c.close();
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "device did not finish");
    reader.join(5000);
    List<String> got = new ArrayList<>(lines);
    assertEquals(expected, got);
    assertEquals(0, p.exitValue());
  }

  private static byte[] seal(CoseMqttCodec codec, String text) throws Exception {
    return codec.sealer().seal(TOPIC, text.getBytes(StandardCharsets.UTF_8)).payload();
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes at QoS 1 with a content type, PFI and kid hint, each null for absent. */
  private static void send(
      MqttClient c, byte[] payload, String contentType, Integer pfi, String hint) throws Exception {
    MqttProperties props = new MqttProperties();
    if (contentType != null) {
      props.setContentType(contentType);
    }
    if (pfi != null) {
      props.setPayloadFormat(pfi == 1);
    }
    if (hint != null) {
      props.setUserProperties(List.of(new UserProperty(CoseMqttProfile.KID_PROPERTY, hint)));
    }
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    m.setProperties(props);
    c.publish(TOPIC, m);
  }
}
