package io.coseiot.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options and the delivery guard, without a broker. */
class SecureMqttOptionsTest {
  @Test
  void persistentSessionSetsBothFlags() {
    SecureMqttOptions o = SecureMqttOptions.builder("tcp://h:1").persistentSession(3600).build();
    assertFalse(o.cleanStart());
    assertEquals(3600, o.sessionExpiryInterval());
  }

  @Test
  void cleanStartFalseWithoutExpiryIsRefused() {
    SecureMqttOptions.Builder b = SecureMqttOptions.builder("tcp://h:1").cleanStart(false);
    assertThrows(IllegalStateException.class, b::build);
    assertThrows(
        IllegalArgumentException.class,
        () -> SecureMqttOptions.builder("tcp://h:1").persistentSession(0));
  }

  @Test
  void defaultsAreACleanSessionWithARandomId() {
    SecureMqttOptions o = SecureMqttOptions.builder("tcp://h:1").build();
    assertTrue(o.cleanStart());
    assertEquals(0, o.sessionExpiryInterval());
    assertTrue(o.clientId().startsWith("cose-iot-"));
    assertTrue(o.hostnameVerification());
  }

  @Test
  void anOpenerThatBreaksItsContractCountsAsARejection() {
    List<RejectedMessageException> rejected = new ArrayList<>();
    List<OpenedMessage> opened = new ArrayList<>();
    Delivery d =
        new Delivery(
            null,
            (t, p, c, u) -> {
              throw new IllegalStateException("opener bug");
            },
            (m, client) -> opened.add(m),
            (t, e) -> rejected.add(e),
            new ClientStats());
    d.deliver("a", new byte[1], null, Map.of());
    assertTrue(opened.isEmpty());
    assertEquals(Reason.MALFORMED, rejected.get(0).reason());
  }

  @Test
  void aRejectionListenerThatThrowsIsContained() {
    Delivery d =
        new Delivery(
            null,
            (t, p, c, u) -> {
              throw new RejectedMessageException(Reason.REPLAY, "again", null);
            },
            (m, client) -> {},
            (t, e) -> {
              throw new IllegalStateException("listener bug");
            },
            new ClientStats());
    d.deliver("a", new byte[1], null, Map.of());
  }
}
