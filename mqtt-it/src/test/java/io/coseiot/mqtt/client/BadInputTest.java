package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.CoseKeySet;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through a real broker: each bad message reaches the rejection listener with the reason
 * the profile's codec reports, never the message listener, and the next good message is still
 * delivered. A replay and a QoS 1 redelivery are refusals like the others (profile R4.7, R7.8).
 */
class BadInputTest extends BrokerTest {
  static final int MAX_PAYLOAD = 4096;

  private final byte[] master = Codecs.secret();
  // Topics under moved/b/ have a key of their own; everything else shares the second one.
  private final Keyring keyring = Codecs.keyring(master, "moved/b/#", "#");

  /** The subscriber, a good publisher and an outsider that can replay and forge. */
  private final class Scene {
    final Inbox inbox = new Inbox();
    final SecureMqttClient good;
    final Outsider outsider;
    final String base;

    Scene(Broker b, String base) throws Exception {
      this.base = base;
      CoseMqttCodec subscriber =
          CoseMqttCodec.builder().keyring(keyring).maxPayloadSize(MAX_PAYLOAD).build();
      Outsider[] o = new Outsider[1];
      SecureMqttClient[] g = new SecureMqttClient[1];
      inParallel(
          () -> {
            v5(b, subscriber, inbox).subscribe(base + "/#", 1);
            return null;
          },
          () -> o[0] = outsider(b).watch(base + "/#"),
          () -> g[0] = v5(b, Codecs.encrypt0(keyring), null));
      outsider = o[0];
      good = g[0];
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
  @MethodSource("brokersAndClients")
  void wrongKeyUnderTheRightKid(String name) throws Exception {
    Scene s = new Scene(broker(name), "wrongkey");
    byte[] kid = keyring.primary("wrongkey/a").kid();
    byte[] other = new byte[16];
    Codecs.RANDOM.nextBytes(other);
    CoseKey forged = CoseKey.symmetric(other).keyId(kid).algorithm(Algorithm.A128GCM).build();
    Keyring forgersKeys =
        Keyring.builder().add(TopicKeyset.explicit("#", CoseKeySet.of(List.of(forged)))).build();
    SecureMqttClient forger = v5(broker(name), Codecs.encrypt0(forgersKeys), null);
    forger.publish("wrongkey/a", "forged".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    s.stillDelivers(Reason.AUTHENTICATION_FAILED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void unknownKid(String name) throws Exception {
    Scene s = new Scene(broker(name), "unknownkid");
    Keyring strangers = Codecs.keyring(Codecs.secret(), "#");
    SecureMqttClient stranger = v5(broker(name), Codecs.encrypt0(strangers), null);
    stranger.publish("unknownkid/a", "who?".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    s.stillDelivers(Reason.UNKNOWN_KEY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void kidPropertyMismatch(String name) throws Exception {
    Scene s = new Scene(broker(name), "kidprop");
    Outsider.Seen seen = s.sealed("kidprop/a", "one");
    MqttProperties p = Outsider.copy(seen.properties());
    byte[] otherKid = keyring.primary("moved/b/x").kid();
    p.setUserProperties(
        List.of(new UserProperty(CoseMqttProfile.KID_PROPERTY, CoseMqttProfile.kidHint(otherKid))));
    s.outsider.publish("kidprop/b", seen.payload(), p);
    s.stillDelivers(Reason.KEY_ID_MISMATCH);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void replayOfCapturedCiphertext(String name) throws Exception {
    Scene s = new Scene(broker(name), "replay");
    Outsider.Seen seen = s.sealed("replay/a", "pay once");
    s.outsider.republish(seen, "replay/a");
    s.stillDelivers(Reason.REPLAY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void qos1RedeliveryReachesTheApplicationOnce(String name) throws Exception {
    Broker b = broker(name);
    Scene s = new Scene(b, "redelivery");
    byte[] sealed =
        Codecs.encrypt0(keyring)
            .sealer()
            .seal("redelivery/a", "exactly once".getBytes(UTF_8))
            .payload();
    try (RawMqtt311Publisher raw = new RawMqtt311Publisher(b.tcpUri())) {
      raw.publishQos1("redelivery/a", sealed, 17, false);
      // The PUBACK "got lost": the publisher sends the same packet again, DUP set.
      raw.publishQos1("redelivery/a", sealed, 17, true);
    }
    assertArrayEquals("exactly once".getBytes(UTF_8), s.inbox.nextMessage().plaintext());
    s.stillDelivers(Reason.REPLAY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void movedToAnotherTopicUnderTheSameKey(String name) throws Exception {
    Scene s = new Scene(broker(name), "moved");
    Outsider.Seen seen = s.sealed("moved/valve/open", "open the valve");
    s.outsider.republish(seen, "moved/valve/close");
    // Profile §2: the topic is only in the AAD, so under the same key it no longer authenticates.
    s.stillDelivers(Reason.AUTHENTICATION_FAILED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void movedOutOfItsKeysFilter(String name) throws Exception {
    Scene s = new Scene(broker(name), "moved");
    Outsider.Seen seen = s.sealed("moved/b/valve", "close the valve");
    s.outsider.republish(seen, "moved/valve");
    s.stillDelivers(Reason.WRONG_TOPIC);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void movedUnderObfuscatedTopics(String name) throws Exception {
    Broker b = broker(name);
    Keyring hidden = Codecs.obfuscated(master, "hidden/#");
    String filter = hidden.wireFilter("hidden/#");
    Inbox inbox = new Inbox();
    v5(b, Codecs.encrypt0(hidden), inbox).subscribe(filter, 1);
    Outsider outsider = outsider(b).watch(filter);
    SecureMqttClient pub = v5(b, Codecs.encrypt0(hidden), null);
    pub.publish("hidden/valve/open", "open".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    assertEquals("hidden/valve/open", inbox.nextMessage().topic());
    // The outsider sees only labels, but can still move a message to another label it saw.
    outsider.republish(outsider.next(), hidden.wireTopic("hidden/valve/close"));
    inbox.expectRejection(Reason.AUTHENTICATION_FAILED);
    pub.publish("hidden/after", "after".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    assertEquals("hidden/after", inbox.nextMessage().topic());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void truncated(String name) throws Exception {
    Scene s = new Scene(broker(name), "truncated");
    Outsider.Seen seen = s.sealed("truncated/a", "a whole message");
    byte[] half = Arrays.copyOf(seen.payload(), seen.payload().length / 2);
    s.outsider.publish("truncated/a", half, Outsider.copy(seen.properties()));
    s.stillDelivers(Reason.MALFORMED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void oversized(String name) throws Exception {
    Scene s = new Scene(broker(name), "oversized");
    Outsider.Seen seen = s.sealed("oversized/a", "small");
    byte[] big = Arrays.copyOf(seen.payload(), MAX_PAYLOAD + 1);
    s.outsider.publish("oversized/a", big, Outsider.copy(seen.properties()));
    s.stillDelivers(Reason.OVERSIZED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void plaintextOnASealedTopic(String name) throws Exception {
    Scene s = new Scene(broker(name), "plain");
    s.outsider.publish("plain/a", "{\"temp\":99}".getBytes(UTF_8), null);
    s.stillDelivers(Reason.NOT_SEALED);
    MqttProperties json = new MqttProperties();
    json.setContentType("application/json");
    s.outsider.publish("plain/b", "{\"temp\":98}".getBytes(UTF_8), json);
    s.stillDelivers(Reason.NOT_SEALED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void replaysAndMovesAreRejectedWhileGoodMessagesFlow(String name) throws Exception {
    Scene s = new Scene(broker(name), "flow");
    int good = 200;
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread publisher =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < good; i++) {
                  s.good
                      .publish("flow/good", ("good-" + i).getBytes(UTF_8), 1, false)
                      .get(10, TimeUnit.SECONDS);
                }
              } catch (Exception | AssertionError e) {
                failed.set(e);
              }
            },
            "good-publisher");
    publisher.start();
    // The outsider replays or moves every other good message it sees while the stream goes on.
    Set<String> used = new HashSet<>();
    int replays = 0;
    int moves = 0;
    while (replays + moves < 20) {
      Outsider.Seen seen = s.outsider.next();
      if (!seen.topic().equals("flow/good")
          || !used.add(HexFormat.of().formatHex(seen.payload()))) {
        continue;
      }
      if (used.size() % 2 == 0) {
        s.outsider.republish(seen, "flow/good");
        replays++;
      } else {
        s.outsider.republish(seen, "flow/moved");
        moves++;
      }
    }
    publisher.join(30_000);
    assertEquals(null, failed.get());
    Set<String> delivered = new HashSet<>();
    for (int i = 0; i < good; i++) {
      assertTrue(delivered.add(new String(s.inbox.nextMessage().plaintext(), UTF_8)));
    }
    Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
    for (int i = 0; i < replays + moves; i++) {
      reasons.merge(s.inbox.nextRejection().reason(), 1, Integer::sum);
    }
    assertEquals(Map.of(Reason.REPLAY, replays, Reason.AUTHENTICATION_FAILED, moves), reasons);
    Thread.sleep(200);
    assertTrue(s.inbox.messages.isEmpty() && s.inbox.rejections.isEmpty());
  }
}
