package io.coseiot.mqtt.paho;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through a real broker: each bad message reaches the rejection listener with its typed
 * reason, never the message listener, and the next good message is still delivered.
 */
class BadInputTest extends BrokerTest {
  private final byte[] key = TestCodec.randomKey();

  /** The subscriber, a good publisher and an outsider that can replay and forge. */
  private final class Scene {
    final Inbox inbox = new Inbox();
    final TestCodec goodCodec = TestCodec.of("k1", key);
    final SecureMqttClient good;
    final Outsider outsider;
    final String base;

    Scene(Broker b, String base) throws Exception {
      this.base = base;
      SecureMqttClient sub = v5(b, TestCodec.of("k1", key), inbox);
      sub.subscribe(base + "/#", 1);
      outsider = outsider(b).watch(base + "/#");
      good = v5(b, goodCodec, null);
    }

    /** Publishes a good message; returns what the broker carried. */
    Outsider.Seen sealed(String topic, String text) throws Exception {
      good.publish(topic, text.getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
      assertArrayEquals(text.getBytes(UTF_8), inbox.nextMessage().plaintext());
      return outsider.next();
    }

    /** After the rejection: nothing was delivered, and a good message still is. */
    void stillDelivers(Reason reason) throws Exception {
      Inbox.Rejection r = inbox.expectRejection(reason);
      assertTrue(r.wireTopic().startsWith(base + "/"), r.wireTopic());
      outsider.seen.clear();
      String text = "still alive after " + reason;
      good.publish(base + "/after", text.getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
      assertArrayEquals(text.getBytes(UTF_8), inbox.nextMessage().plaintext());
      assertTrue(inbox.messages.isEmpty() && inbox.rejections.isEmpty());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void wrongKey(String name) throws Exception {
    Scene s = new Scene(broker(name), "wrongkey");
    SecureMqttClient forger = v5(broker(name), TestCodec.of("k1", TestCodec.randomKey()), null);
    forger.publish("wrongkey/a", "forged".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    s.stillDelivers(Reason.AUTHENTICATION_FAILED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void unknownKid(String name) throws Exception {
    Scene s = new Scene(broker(name), "unknownkid");
    SecureMqttClient stranger = v5(broker(name), TestCodec.of("k9", key), null);
    stranger.publish("unknownkid/a", "who?".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    s.stillDelivers(Reason.UNKNOWN_KEY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void kidPropertyMismatch(String name) throws Exception {
    Scene s = new Scene(broker(name), "kidprop");
    Outsider.Seen seen = s.sealed("kidprop/a", "one");
    MqttProperties p = Outsider.copy(seen.properties());
    p.setUserProperties(
        List.of(new UserProperty(TestCodec.KID_PROPERTY, TestCodec.b64("k2".getBytes(UTF_8)))));
    s.outsider.publish("kidprop/a", seen.payload(), p);
    s.stillDelivers(Reason.KEY_ID_MISMATCH);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void replay(String name) throws Exception {
    Scene s = new Scene(broker(name), "replay");
    Outsider.Seen seen = s.sealed("replay/a", "pay once");
    s.outsider.republish(seen, "replay/a");
    s.stillDelivers(Reason.REPLAY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void movedToAnotherTopic(String name) throws Exception {
    Scene s = new Scene(broker(name), "moved");
    Outsider.Seen seen = s.sealed("moved/valve/open", "open the valve");
    s.outsider.republish(seen, "moved/valve/close");
    s.stillDelivers(Reason.WRONG_TOPIC);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void truncated(String name) throws Exception {
    Scene s = new Scene(broker(name), "truncated");
    Outsider.Seen seen = s.sealed("truncated/a", "a whole message");
    byte[] half = Arrays.copyOf(seen.payload(), seen.payload().length / 2);
    s.outsider.publish("truncated/a", half, Outsider.copy(seen.properties()));
    s.stillDelivers(Reason.MALFORMED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void oversized(String name) throws Exception {
    Scene s = new Scene(broker(name), "oversized");
    Outsider.Seen seen = s.sealed("oversized/a", "small");
    byte[] big = Arrays.copyOf(seen.payload(), TestCodec.MAX_PAYLOAD + 1);
    s.outsider.publish("oversized/a", big, Outsider.copy(seen.properties()));
    s.stillDelivers(Reason.OVERSIZED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void plaintextOnASealedTopic(String name) throws Exception {
    Scene s = new Scene(broker(name), "plain");
    s.outsider.publish("plain/a", "{\"temp\":99}".getBytes(UTF_8), null);
    s.stillDelivers(Reason.NOT_SEALED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void manyBadMessagesInARowDoNotStopTheClient(String name) throws Exception {
    Scene s = new Scene(broker(name), "burst");
    for (int i = 0; i < 50; i++) {
      s.outsider.publish("burst/" + i, new byte[] {(byte) i, 1, 2, 3}, null);
    }
    for (int i = 0; i < 49; i++) {
      assertEquals(Reason.NOT_SEALED, s.inbox.nextRejection().reason());
    }
    s.stillDelivers(Reason.NOT_SEALED);
  }
}
