package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.AlgorithmProfile;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.Keyring;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sealed round trips through each broker for every algorithm of the device and the full profile, in
 * each seal mode, over MQTT v5 and 3.1.1.
 */
class AlgorithmRoundTripTest extends BrokerTest {
  Stream<Arguments> cases() {
    return brokers()
        .flatMap(
            b ->
                Stream.of(AlgorithmCases.values())
                    .flatMap(
                        c ->
                            Stream.of(MqttVersion.V5, MqttVersion.V3_1_1)
                                .map(v -> Arguments.of(b, c, v))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void roundTrip(String name, AlgorithmCases c, MqttVersion version) throws Exception {
    Broker b = broker(name);
    boolean v5 = version == MqttVersion.V5;
    AlgorithmCases.Pair codecs = c.codecs(version, Files.createDirectories(dir.resolve(name)));
    String base = "alg/" + c.name().toLowerCase() + "/" + (v5 ? "v5" : "v311");
    Inbox inbox = new Inbox();
    String filter = codecs.wireFilter(base + "/#");
    // Each client its own options: the same client id would make the broker drop the first.
    SecureMqttClient[] pubHolder = new SecureMqttClient[1];
    Outsider[] outsiderHolder = new Outsider[1];
    inParallel(
        () -> {
          connect(SecureMqttOptions.builder(b.tcpUri()).build(), codecs.sub(), inbox, v5)
              .subscribe(filter, 1);
          return null;
        },
        () -> outsiderHolder[0] = outsider(b).watch(filter),
        () ->
            pubHolder[0] =
                connect(SecureMqttOptions.builder(b.tcpUri()).build(), codecs.pub(), null, v5));
    SecureMqttClient pub = pubHolder[0];
    Outsider outsider = outsiderHolder[0];

    for (int i = 0; i < 2; i++) {
      String topic = base + "/sensor-" + i;
      byte[] plaintext = ("{\"case\":\"" + c + "\",\"n\":" + i + "}").getBytes(UTF_8);
      pub.publish(topic, plaintext, 1, false).get(10, TimeUnit.SECONDS);
      OpenedMessage m = inbox.nextMessage();
      assertArrayEquals(plaintext, m.plaintext());
      assertEquals(topic, m.topic());
      if (c.signer != null) {
        assertNotNull(m.signer(), "a signed mode names its verified signer");
      } else {
        assertNull(m.signer());
      }
      if (c.name().contains("COUNTER")) {
        assertEquals(i, m.sequenceNumber());
      }
      Outsider.Seen seen = outsider.next();
      assertEquals(v5 ? CoseMqttProfile.contentType(c.mode) : null, seen.contentType());
      int tag = c.mode.outerType().tag();
      assertEquals(tag < 24 ? 0xc0 | tag : 0xd8, seen.payload()[0] & 0xff);
    }
    assertTrue(inbox.rejections.isEmpty(), inbox.rejections.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void deviceProfileSubscriberRefusesFullProfileAlgorithms(String name) throws Exception {
    Broker b = broker(name);
    byte[] master = Codecs.secret();
    Keyring keyring = Codecs.keyring(master, Algorithm.A256GCM, "#").build();
    CoseMqttCodec device =
        CoseMqttCodec.builder().keyring(keyring).algorithmProfile(AlgorithmProfile.DEVICE).build();
    Inbox inbox = new Inbox();
    v5(b, device, inbox).subscribe("strong/#", 1);
    SecureMqttClient pub =
        v5(b, CoseMqttCodec.builder().keyring(keyring).mode(SealMode.ENCRYPT0).build(), null);
    pub.publish("strong/x", "A256GCM".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    inbox.expectRejection(Reason.ALGORITHM_NOT_ALLOWED);
  }
}
