package io.coseiot.mqtt.paho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.SealMode;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * What the client builder refuses and how a client reports misuse, none of which needs a broker:
 * build() says what to set, publish fails only through its future with the cause kept, subscribe
 * refuses a filter no key covers before anything is sent.
 */
class PahoMqttTest {
  private static final String NOWHERE = "tcp://127.0.0.1:1";

  @Test
  void buildWithoutACodecSaysToSetOne() {
    SecureMqttException e =
        assertThrows(SecureMqttException.class, () -> PahoMqtt.client(NOWHERE).build());
    assertTrue(e.getMessage().contains("codec(CoseMqttCodec)"), e.getMessage());
  }

  @Test
  void buildRefusesAClientThatCouldNeitherPublishNorReceive() throws Exception {
    CoseMqttCodec keyless = CoseMqttCodec.builder().build();
    SecureMqttException e =
        assertThrows(
            SecureMqttException.class, () -> PahoMqtt.client(NOWHERE).codec(keyless).build());
    assertTrue(e.getMessage().contains("neither publish"), e.getMessage());
    assertInstanceOf(CoseException.class, e.getCause());
  }

  @Test
  void buildRefusesAListenerWhenTheCodecCannotOpen() throws Exception {
    CoseMqttCodec keyless = CoseMqttCodec.builder().build();
    SecureMqttException e =
        assertThrows(
            SecureMqttException.class,
            () -> PahoMqtt.client(NOWHERE).codec(keyless).onMessage((m, c) -> {}).build());
    assertTrue(e.getMessage().startsWith("onMessage is set but the codec cannot open"));
    assertTrue(e.getMessage().contains("ENCRYPT0 needs a keyring"), e.getMessage());
  }

  @Test
  void buildRefusesARejectionListenerWithoutAMessageListener() {
    SecureMqttException e =
        assertThrows(
            SecureMqttException.class,
            () ->
                PahoMqtt.client(NOWHERE)
                    .codec(Codecs.encrypt0())
                    .onRejection((t, r) -> {})
                    .build());
    assertTrue(e.getMessage().contains("set onMessage(...) too"), e.getMessage());
  }

  @Test
  void publishFailsThroughItsFutureWithTheCauseKept() throws Exception {
    try (SecureMqttClient c = PahoMqtt.client(NOWHERE).codec(Codecs.encrypt0()).build()) {
      // No key covers the topic: the sealer's KeyException is the cause.
      SecureMqttException sealing = failure(c.publish("elsewhere/a", new byte[1], 1, false));
      assertInstanceOf(CoseException.class, sealing.getCause());
      assertTrue(sealing.getMessage().contains("elsewhere/a"), sealing.getMessage());
      // Sealed, but not connected: Paho's exception is the cause.
      SecureMqttException sending = failure(c.publish("site/a", new byte[1], 1, false));
      assertInstanceOf(MqttException.class, sending.getCause());
      // Programming errors alone are thrown.
      assertThrows(NullPointerException.class, () -> c.publish(null, new byte[1], 1, false));
      assertThrows(
          IllegalArgumentException.class, () -> c.publish("site/a", new byte[1], 3, false));
    }
  }

  @Test
  void aClientWhoseCodecOnlyOpensFailsPublishesThroughTheFuture() throws Exception {
    CoseMqttCodec verifyOnly =
        CoseMqttCodec.builder()
            .mode(SealMode.SIGN1)
            .trustedSigners(List.of(KeyPairs.generate(Curve.P_256, new SecureRandom()).publicKey()))
            .build();
    try (SecureMqttClient c =
        PahoMqtt.client(NOWHERE).codec(verifyOnly).onMessage((m, client) -> {}).build()) {
      SecureMqttException e = failure(c.publish("any/topic", new byte[1], 0, false));
      assertTrue(e.getMessage().contains("the client's codec cannot seal"), e.getMessage());
      assertInstanceOf(CoseException.class, e.getCause());
    }
  }

  @Test
  void subscribeSaysWhatIsMissingBeforeAnythingIsSent() throws Exception {
    try (SecureMqttClient publisher = PahoMqtt.client(NOWHERE).codec(Codecs.encrypt0()).build();
        SecureMqttClient subscriber =
            PahoMqtt.client(NOWHERE).codec(Codecs.encrypt0()).onMessage((m, c) -> {}).build()) {
      SecureMqttException noListener =
          assertThrows(SecureMqttException.class, () -> publisher.subscribe("site/#", 1));
      assertTrue(noListener.getMessage().contains("no message listener"), noListener.getMessage());
      SecureMqttException uncovered =
          assertThrows(SecureMqttException.class, () -> subscriber.subscribe("sites/#", 1));
      assertEquals(
          "cannot subscribe to sites/#: no key of the keyring covers it, so nothing it receives"
              + " could open (keysets for [site/#]); add a keyset for it or check the filter",
          uncovered.getMessage());
      SecureMqttException invalid =
          assertThrows(SecureMqttException.class, () -> subscriber.subscribe("site/#/x", 1));
      assertInstanceOf(IllegalArgumentException.class, invalid.getCause());
      // A shared subscription is covered by what covers its filter part.
      SecureMqttException uncoveredShare =
          assertThrows(
              SecureMqttException.class, () -> subscriber.subscribe("$share/g/sites/#", 1));
      assertTrue(uncoveredShare.getMessage().contains("no key"), uncoveredShare.getMessage());
      SecureMqttException noShareName =
          assertThrows(SecureMqttException.class, () -> subscriber.subscribe("$share//site/#", 1));
      assertInstanceOf(IllegalArgumentException.class, noShareName.getCause());
      SecureMqttException coveredShare =
          assertThrows(SecureMqttException.class, () -> subscriber.subscribe("$share/g/site/#", 1));
      assertInstanceOf(MqttException.class, coveredShare.getCause());
      // Covered, so it gets as far as Paho, which is not connected.
      SecureMqttException covered =
          assertThrows(SecureMqttException.class, () -> subscriber.subscribe("+/kitchen", 1));
      assertInstanceOf(MqttException.class, covered.getCause());
    }
  }

  private static SecureMqttException failure(CompletableFuture<Void> f) {
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    assertSame(SecureMqttException.class, e.getCause().getClass());
    return (SecureMqttException) e.getCause();
  }
}
