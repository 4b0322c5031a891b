package io.coseiot.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rejections reach the listener and, through {@code System.Logger} (java.util.logging when nothing
 * else is installed, as here), one rate-limited WARNING line per rejection.
 */
class RejectionLogTest {
  private static final String TOPIC = "site/kitchen/temperature";
  private final List<LogRecord> records = new ArrayList<>();
  private final Logger jul = Logger.getLogger(RejectionLog.LOGGER);
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    jul.addHandler(capture);
    jul.setUseParentHandlers(false);
  }

  @AfterEach
  void stopListening() {
    jul.removeHandler(capture);
    jul.setUseParentHandlers(true);
  }

  private static Keyring keyring(byte fill) {
    byte[] master = new byte[32];
    Arrays.fill(master, fill);
    return Keyring.builder()
        .add(TopicKeyset.derived("site/+/temperature", Algorithm.A128GCM, master, null))
        .build();
  }

  @Test
  void aTamperedMessageReachesTheListenerAndOneWarningWithTopicKidAndReason() throws Exception {
    CoseMqttCodec codec = CoseMqttCodec.builder().keyring(keyring((byte) 1)).build();
    SealedMessage m = codec.sealer().seal(TOPIC, new byte[] {21});
    byte[] tampered = m.payload();
    tampered[tampered.length - 1] ^= 1;
    List<RejectedMessageException> heard = new ArrayList<>();
    List<OpenedMessage> opened = new ArrayList<>();
    Delivery d =
        new Delivery(
            null,
            codec.opener(),
            (o, c) -> opened.add(o),
            (t, e) -> heard.add(e),
            new ClientStats());

    d.deliver(m.topic(), tampered, m.contentType(), m.userProperties());

    assertTrue(opened.isEmpty());
    assertEquals(Reason.AUTHENTICATION_FAILED, heard.get(0).reason());
    String hint = m.userProperties().get(CoseMqttProfile.KID_PROPERTY);
    assertEquals(hint, CoseMqttProfile.kidHint(heard.get(0).keyId()));
    assertEquals(1, records.size());
    LogRecord r = records.get(0);
    assertEquals(Level.WARNING, r.getLevel());
    assertTrue(r.getMessage().contains("topic " + TOPIC), r.getMessage());
    assertTrue(r.getMessage().contains("kid " + hint), r.getMessage());
    assertTrue(r.getMessage().contains("AUTHENTICATION_FAILED"), r.getMessage());
  }

  @Test
  void aMessageUnderAnotherKeyNamesTheKidItClaimed() throws Exception {
    SealedMessage m =
        CoseMqttCodec.builder()
            .keyring(keyring((byte) 1))
            .build()
            .sealer()
            .seal(TOPIC, new byte[] {21});
    List<RejectedMessageException> heard = new ArrayList<>();
    PayloadOpener otherKeys = CoseMqttCodec.builder().keyring(keyring((byte) 2)).build().opener();
    new Delivery(null, otherKeys, (x, c) -> {}, (t, e) -> heard.add(e), new ClientStats())
        .deliver(m.topic(), m.payload(), m.contentType(), m.userProperties());

    assertEquals(Reason.UNKNOWN_KEY, heard.get(0).reason());
    assertArrayEquals(
        Base64.getUrlDecoder().decode(m.userProperties().get(CoseMqttProfile.KID_PROPERTY)),
        heard.get(0).keyId());
    assertTrue(records.get(0).getMessage().contains("UNKNOWN_KEY"));
  }

  @Test
  void atMostTheLimitPerReasonPerIntervalThenTheCountOfThoseLeftOut() {
    AtomicLong now = new AtomicLong(5);
    RejectionLog log =
        new RejectionLog(
            System.getLogger(RejectionLog.LOGGER), 3, Duration.ofSeconds(60), now::get);
    RejectedMessageException replay = new RejectedMessageException(Reason.REPLAY, "again", null);
    for (int i = 0; i < 8; i++) {
      log.rejected(TOPIC, replay);
    }
    log.rejected(TOPIC, new RejectedMessageException(Reason.OVERSIZED, "big", null));
    assertEquals(4, records.size(), "3 REPLAY lines and the first OVERSIZED one");
    assertTrue(records.get(3).getMessage().contains("OVERSIZED"));
    assertTrue(records.get(0).getMessage().contains("kid (none read)"));

    now.addAndGet(Duration.ofSeconds(59).toNanos());
    log.rejected(TOPIC, replay);
    assertEquals(4, records.size(), "still the same interval");

    now.addAndGet(Duration.ofSeconds(2).toNanos());
    log.rejected(TOPIC, replay);
    assertEquals(5, records.size());
    assertTrue(
        records
            .get(4)
            .getMessage()
            .endsWith("(6 more REPLAY rejections were not logged in the" + " PT1M before)"),
        records.get(4).getMessage());

    now.addAndGet(Duration.ofSeconds(61).toNanos());
    log.rejected(TOPIC, replay);
    assertTrue(records.get(5).getMessage().endsWith("again"), "nothing was left out since");
  }
}
