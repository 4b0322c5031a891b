package io.coseiot.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.interop.broker.EmbeddedBroker;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs every example the README shows, and checks what it produced. */
class ExamplesTest {
  private static final byte[] MASTER = new byte[32];

  static {
    new SecureRandom().nextBytes(MASTER);
  }

  @Test
  void encrypt0OpensToWhatWasSealed() throws Exception {
    byte[] plaintext = "21.5 C".getBytes(UTF_8);
    assertArrayEquals(plaintext, SealAndOpen.run(plaintext));
  }

  @Test
  void sign1VerifiesUnderTheSignersKeyOnly() throws Exception {
    byte[] payload = "door open".getBytes(UTF_8);
    assertArrayEquals(payload, SignAndVerify.run(payload, null));
    var stranger = KeyPairs.generate(Curve.P_256, new SecureRandom()).publicKey();
    assertThrows(AuthenticationException.class, () -> SignAndVerify.run(payload, stranger));
  }

  @Test
  void sealedMessageCrossesTheEmbeddedBroker() throws Exception {
    byte[] temperature = "{\"t\":21.5}".getBytes(UTF_8);
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      OpenedMessage m = SealedMqtt.run(broker.uri(), MASTER, temperature);
      assertNotNull(m, "no message arrived");
      assertEquals("site/kitchen/temperature", m.topic());
      assertArrayEquals(temperature, m.plaintext());
    }
  }

  @Test
  void previousEpochOpensWithinTheAcceptanceWindowOnly() throws Exception {
    assertEquals(0, KeyRotation.run(MASTER, Duration.ofMinutes(1)).epoch());
    assertThrows(
        RejectedMessageException.class, () -> KeyRotation.run(MASTER, Duration.ofMinutes(6)));
  }

  /**
   * The device's message is the counter-mode message of the profile's worked example (§10), which
   * the C device library's own tests produce byte for byte (test_profile.c).
   */
  @Test
  void deviceMessageOfTheWorkedExampleOpens() throws Exception {
    String doc = Files.readString(Path.of("../docs/mqtt-cose-profile.md"));
    String section = doc.substring(doc.indexOf("## 10."), doc.indexOf("## 11."));
    Matcher hex = Pattern.compile("(?m)^`([0-9a-f]{100,})`$").matcher(section);
    Matcher master = Pattern.compile("Master secret `([0-9a-f]{64})`").matcher(section);
    assertEquals(true, hex.find() && master.find(), "worked example not found in the profile");
    HexFormat h = HexFormat.of();
    OpenedMessage m = DeviceMessage.run(h.parseHex(master.group(1)), h.parseHex(hex.group(1)));
    assertEquals("{\"t\":21.5}", new String(m.plaintext(), UTF_8));
    assertArrayEquals(new byte[] {1}, m.senderId());
    assertEquals(5, m.sequenceNumber());
  }
}
