package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.Keyring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An outsider subscribed to {@code #} sees no plaintext in the confidential modes, and cannot forge
 * in the integrity-only MAC0 mode. In the confidential modes: no 8-byte run of any payload appears
 * in any payload, topic or property it receives, and with topic obfuscation none of the real topics
 * either.
 */
class OutsiderTest extends BrokerTest {
  Stream<Arguments> brokersWithAndWithoutObfuscation() {
    return brokers().flatMap(b -> Stream.of(Arguments.of(b, false), Arguments.of(b, true)));
  }

  @ParameterizedTest(name = "{0}, obfuscated topics: {1}")
  @MethodSource("brokersWithAndWithoutObfuscation")
  void outsiderSubscribedToEverythingSeesOnlyCiphertext(String name, boolean obfuscate)
      throws Exception {
    Broker b = broker(name);
    byte[] master = Codecs.secret();
    Keyring keyring =
        obfuscate ? Codecs.obfuscated(master, "site/#") : Codecs.keyring(master, "site/#");
    Outsider outsider = outsider(b).watch("#");
    Inbox inbox = new Inbox();
    v5(b, Codecs.encrypt0(keyring), inbox).subscribe(keyring.wireFilter("site/#"), 1);
    SecureMqttClient pub = v5(b, Codecs.encrypt0(keyring), null);
    CoseMqttCodec v3 =
        CoseMqttCodec.builder().keyring(keyring).mqttVersion(MqttVersion.V3_1_1).build();
    SecureMqttClient pub3 = v311(b, v3, null);

    List<byte[]> secrets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String topic = "site/basement-meter-" + i + "/consumption";
      byte[] p =
          ("{\"device\":\"meter-" + i + "\",\"secret\":\"s3cr3t-reading-" + i + "\"}")
              .getBytes(UTF_8);
      secrets.add(p);
      if (obfuscate) {
        secrets.add(topic.getBytes(UTF_8));
      }
      (i % 2 == 0 ? pub : pub3).publish(topic, p, 1, false).get(10, TimeUnit.SECONDS);
      OpenedMessage m = inbox.nextMessage();
      assertEquals(topic, m.topic(), "the subscriber gets the real topic");
      assertArrayEquals(p, m.plaintext());
    }
    assertTrue(inbox.rejections.isEmpty(), inbox.rejections.toString());

    List<Outsider.Seen> all = outsider.drain(6);
    assertEquals(6, all.size());
    for (Outsider.Seen s : all) {
      assertEquals(obfuscate, !s.topic().startsWith("site/"), s.topic());
      List<byte[]> carried = new ArrayList<>();
      carried.add(s.payload());
      carried.add(s.topic().getBytes(UTF_8));
      if (s.contentType() != null) {
        carried.add(s.contentType().getBytes(UTF_8));
      }
      for (UserProperty u : s.userProperties()) {
        carried.add((u.getKey() + u.getValue()).getBytes(UTF_8));
      }
      for (byte[] secret : secrets) {
        for (byte[] c : carried) {
          for (int off = 0; off + 8 <= secret.length; off++) {
            assertFalse(
                contains(c, secret, off, 8),
                "the broker carried 8 bytes of " + new String(secret, UTF_8) + " at " + off);
          }
        }
      }
    }
  }

  /**
   * MAC0 is integrity-only: the outsider reads the payload by design (asserted, so that nobody
   * takes the mode for confidential), but it cannot forge: the same message with its payload
   * changed, published by the outsider with the original properties, is rejected as
   * AUTHENTICATION_FAILED and never reaches the application.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void mac0IsReadableByTheOutsiderButNotForgeable(String name) throws Exception {
    Broker b = broker(name);
    Keyring keyring = Codecs.keyring(Codecs.secret(), Algorithm.HMAC_256_256, "plant/#").build();
    CoseMqttCodec mac0 = CoseMqttCodec.builder().keyring(keyring).mode(SealMode.MAC0).build();
    Outsider outsider = outsider(b).watch("plant/#");
    Inbox inbox = new Inbox();
    v5(b, mac0, inbox).subscribe("plant/#", 1);
    SecureMqttClient pub = v5(b, mac0, null);

    String topic = "plant/line-1/pressure";
    byte[] p = "{\"bar\":2.50}".getBytes(UTF_8);
    pub.publish(topic, p, 1, false).get(10, TimeUnit.SECONDS);
    assertArrayEquals(p, inbox.nextMessage().plaintext());
    Outsider.Seen seen = outsider.next();
    assertEquals(CoseMqttProfile.contentType(SealMode.MAC0), seen.contentType());
    assertTrue(contains(seen.payload(), p, 0, p.length), "integrity only: the payload is visible");

    byte[] forged = seen.payload();
    int at = new String(forged, StandardCharsets.ISO_8859_1).indexOf("2.50");
    forged[at] = '9';
    outsider.publish(topic, forged, Outsider.copy(seen.properties()));
    inbox.expectRejection(Reason.AUTHENTICATION_FAILED);
    // The publisher's next message still goes through.
    pub.publish(topic, "{\"bar\":2.51}".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    assertArrayEquals("{\"bar\":2.51}".getBytes(UTF_8), inbox.nextMessage().plaintext());
    assertTrue(inbox.messages.isEmpty() && inbox.rejections.isEmpty());
  }

  private static boolean contains(byte[] hay, byte[] needle, int off, int len) {
    outer:
    for (int i = 0; i + len <= hay.length; i++) {
      for (int j = 0; j < len; j++) {
        if (hay[i + j] != needle[off + j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
