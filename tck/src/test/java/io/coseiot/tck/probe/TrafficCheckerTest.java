package io.coseiot.tck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.AlgorithmProfile;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of {@link TrafficChecker} on messages the JVM codec seals, for what a device on a
 * broker cannot easily be made to do: a DUP redelivery, a sequence number that goes back, another
 * epoch, an algorithm outside the profile, Mac0 in both modes.
 */
class TrafficCheckerTest {
  private static final byte[] MASTER = HexFormat.of().parseHex(ProbeDeviceTest.MASTER);
  private static final String FILTER = "t/+/x";
  private static final String TOPIC = "t/a/x";

  @TempDir Path dir;
  private int index;
  private int stores;

  private static Deployment deployment(long epoch, AlgorithmProfile profile) {
    return new Deployment("tcp://127.0.0.1:1", MASTER, null, List.of(FILTER), epoch, profile, true);
  }

  /** A sealer for one algorithm and epoch; counter mode from a sequence number if given. */
  private PayloadSealer sealer(Algorithm alg, long epoch, AlgorithmProfile profile, Long seq)
      throws Exception {
    Keyring k =
        Keyring.builder()
            .schedule(RotationSchedule.fixed(epoch))
            .add(TopicKeyset.derived(FILTER, alg, MASTER, null))
            .build();
    CoseMqttCodec.Builder b =
        CoseMqttCodec.builder()
            .keyring(k)
            .algorithmProfile(profile)
            .mode(alg.kind() == Algorithm.Kind.MAC ? SealMode.MAC0 : SealMode.ENCRYPT0);
    if (seq == null) {
      b.randomNonces();
    } else {
      Path f = dir.resolve("seq" + (++stores));
      b.counterNonces(new byte[] {7}, SequenceStore.create(f, 1, seq));
    }
    return b.build().sealer();
  }

  private PayloadSealer sealer(Algorithm alg, Long seq) throws Exception {
    return sealer(alg, 0, AlgorithmProfile.DEVICE, seq);
  }

  private Observed observed(SealedMessage m, boolean dup) {
    return observed(m.topic(), m.payload(), m.contentType(), m.userProperties(), dup, false);
  }

  private Observed observed(
      String topic,
      byte[] payload,
      String ct,
      Map<String, String> props,
      boolean dup,
      boolean utf8) {
    return new Observed(
        ++index, topic, payload, 1, dup, false, ct, utf8, List.copyOf(props.entrySet()));
  }

  private static SealedMessage seal(PayloadSealer s, String text) throws Exception {
    return s.seal(TOPIC, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Set<String> ids(TrafficChecker c) {
    return c.findings().stream()
        .map(f -> f.requirement().id())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aDupRedeliveryIsANoteAndACopyWithoutDupAReplay() throws Exception {
    TrafficChecker c = new TrafficChecker(deployment(0, AlgorithmProfile.DEVICE), 1 << 18);
    SealedMessage m = seal(sealer(Algorithm.A128GCM, null), "{}");
    c.check(observed(m, false));
    c.check(observed(m, true));
    assertEquals(Set.of(), ids(c));
    assertTrue(c.notes().get(0).contains("QoS 1 redelivery (DUP) of #1"), c.notes().toString());
    c.check(observed(m, false));
    assertEquals(Set.of("R7.4"), ids(c));
  }

  @Test
  void aSequenceNumberThatGoesBackIsR73AndOneUsedTwiceIsNonceReuse() throws Exception {
    TrafficChecker c = new TrafficChecker(deployment(0, AlgorithmProfile.DEVICE), 1 << 18);
    c.check(observed(seal(sealer(Algorithm.A128GCM, 5L), "a"), false));
    c.check(observed(seal(sealer(Algorithm.A128GCM, 3L), "b"), false));
    assertEquals(Set.of("R7.3"), ids(c));
    c.check(observed(seal(sealer(Algorithm.A128GCM, 5L), "c"), false));
    assertEquals(Set.of("R7.1", "R7.3"), ids(c));
    assertEquals("critical", c.findings().get(1).severity());
    assertTrue(c.findings().get(1).detail().startsWith("NONCE REUSE"), c.findings().toString());
  }

  @Test
  void aKeyOfAnotherEpochIsR63() throws Exception {
    TrafficChecker c = new TrafficChecker(deployment(1, AlgorithmProfile.DEVICE), 1 << 18);
    c.check(
        observed(seal(sealer(Algorithm.A128GCM, 0, AlgorithmProfile.DEVICE, null), "{}"), false));
    assertEquals(Set.of("R6.3"), ids(c));
    assertTrue(
        c.findings().get(0).detail().contains("sealed under epoch 0"), c.findings().toString());
  }

  @Test
  void anAlgorithmOutsideTheProfileIsR61() throws Exception {
    TrafficChecker c = new TrafficChecker(deployment(0, AlgorithmProfile.DEVICE), 1 << 18);
    c.check(observed(seal(sealer(Algorithm.A256GCM, 0, AlgorithmProfile.FULL, null), "{}"), false));
    assertEquals(Set.of("R6.1"), ids(c));
    TrafficChecker full = new TrafficChecker(deployment(0, AlgorithmProfile.FULL), 1 << 18);
    full.check(
        observed(seal(sealer(Algorithm.A256GCM, 0, AlgorithmProfile.FULL, null), "{}"), false));
    assertEquals(Set.of(), ids(full));
  }

  @Test
  void untaggedOversizedAndUtf8MarkedMessagesAreCaught() throws Exception {
    TrafficChecker c = new TrafficChecker(deployment(0, AlgorithmProfile.DEVICE), 40);
    SealedMessage m = seal(sealer(Algorithm.A128GCM, 1L), "{\"t\":21.5}");
    byte[] p = m.payload();
    c.check(
        observed(
            TOPIC,
            Arrays.copyOfRange(p, 1, p.length),
            m.contentType(),
            m.userProperties(),
            false,
            false));
    assertEquals(Set.of("R1.1", "R9.1"), ids(c));
    TrafficChecker u = new TrafficChecker(deployment(0, AlgorithmProfile.DEVICE), 1 << 18);
    u.check(observed(TOPIC, p, m.contentType(), m.userProperties(), false, true));
    assertEquals(Set.of("R4.2"), ids(u));
    u.check(observed(TOPIC, new byte[0], m.contentType(), m.userProperties(), false, false));
    assertEquals(Set.of("R4.2", "R9.1"), ids(u));
  }

  @Test
  void mac0InBothModes() throws Exception {
    TrafficChecker c = new TrafficChecker(deployment(0, AlgorithmProfile.DEVICE), 1 << 18);
    PayloadSealer counter = sealer(Algorithm.HMAC_256_256, 0L);
    c.check(observed(seal(counter, "a"), false));
    c.check(observed(seal(counter, "b"), false));
    assertEquals(Set.of(), ids(c));
    assertEquals(2, c.checked().get(Requirement.R3_2));
    // The same sid and sequence number over other bytes: no nonce, but the same rule.
    c.check(observed(seal(sealer(Algorithm.HMAC_256_256, 1L), "c"), false));
    assertEquals(Set.of("R7.1"), ids(c));
    // Stateless Mac0 is deterministic: the same payload again is the same message.
    TrafficChecker s = new TrafficChecker(deployment(0, AlgorithmProfile.DEVICE), 1 << 18);
    PayloadSealer stateless = sealer(Algorithm.HMAC_256_256, null);
    s.check(observed(seal(stateless, "same"), false));
    s.check(observed(seal(stateless, "same"), false));
    assertEquals(Set.of("R7.4"), ids(s));
  }

  @Test
  void aMissingOrDoubledKidPropertyIsR43() throws Exception {
    TrafficChecker c = new TrafficChecker(deployment(0, AlgorithmProfile.DEVICE), 1 << 18);
    SealedMessage m = seal(sealer(Algorithm.A128GCM, null), "{}");
    c.check(observed(TOPIC, m.payload(), m.contentType(), Map.of(), false, false));
    assertEquals(Set.of("R4.3"), ids(c));
    assertTrue(c.findings().get(0).detail().startsWith("no cose-kid user property"));
  }
}
