package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A counter-mode publisher in its own JVM is killed outright mid-stream and restarted on the same
 * sequence file: across both runs no (kid, nonce) pair repeats on the wire, and the restarted run
 * continues above every sequence number seen before the kill.
 */
class PublisherRestartTest extends BrokerTest {
  static final String TOPIC = "restart/meter";

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void killedPublisherRestartsWithoutNonceReuse(String name) throws Exception {
    Broker b = broker(name);
    byte[] master = Codecs.secret();
    Keyring keyring = Codecs.keyring(master, "#");
    Inbox inbox = new Inbox();
    v5(b, Codecs.encrypt0(keyring), inbox).subscribe("restart/#", 1);
    Outsider outsider = outsider(b).watch("restart/#");
    Path seq = dir.resolve(name + "-publisher.seq");
    SequenceStore.create(seq, CounterPublisherMain.BLOCK).close();

    Process first = CounterPublisherMain.start(b.tcpUri(), seq, master, TOPIC, "first", 1_000_000);
    List<OpenedMessage> before = new ArrayList<>();
    try {
      while (before.size() < 40) {
        before.add(inbox.nextMessage());
      }
    } finally {
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // Whatever was still in flight when it died.
    OpenedMessage late;
    while ((late = inbox.messages.poll(500, TimeUnit.MILLISECONDS)) != null) {
      before.add(late);
    }
    long persisted = SequenceStore.read(seq);
    long maxBefore = before.stream().mapToLong(OpenedMessage::sequenceNumber).max().orElseThrow();
    assertTrue(persisted > maxBefore, "persisted " + persisted + " after " + maxBefore);

    Process second = CounterPublisherMain.start(b.tcpUri(), seq, master, TOPIC, "second", 30);
    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the restarted publisher did not finish");
    assertEquals(
        0, second.exitValue(), Files.readString(CounterPublisherMain.log(seq, "second").toPath()));
    List<OpenedMessage> after = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      after.add(inbox.nextMessage());
    }
    for (OpenedMessage m : after) {
      assertTrue(new String(m.plaintext(), UTF_8).startsWith("second-"));
      assertTrue(
          m.sequenceNumber() > maxBefore && m.sequenceNumber() >= persisted,
          m.sequenceNumber() + " after " + maxBefore + " (persisted " + persisted + ")");
    }
    assertEquals(persisted, after.get(0).sequenceNumber(), "resumes at the persisted value");
    assertTrue(inbox.rejections.isEmpty(), "a reused number is a replay: " + inbox.rejections);

    // At the subscriber: every opened message had a (kid, nonce) pair of its own.
    TopicKey key = keyring.primary(TOPIC);
    Set<String> opened = new HashSet<>();
    for (OpenedMessage m : concat(before, after)) {
      byte[] nonce =
          OscoreNonce.nonce(
              key.commonIv(), m.senderId(), OscoreNonce.partialIv(m.sequenceNumber()));
      assertTrue(
          opened.add(HexFormat.of().formatHex(m.keyId()) + "/" + HexFormat.of().formatHex(nonce)),
          "nonce reused at the subscriber: sequence number " + m.sequenceNumber());
    }

    // On the wire, as the outsider saw it: every (kid, nonce) pair is new there too.
    Set<String> pairs = new HashSet<>();
    List<Outsider.Seen> wire = outsider.drain(before.size() + after.size());
    for (Outsider.Seen s : wire) {
      CBORObject unprotected = CBORObject.DecodeFromBytes(s.payload()).get(1);
      byte[] kid = unprotected.get(4).GetByteString();
      byte[] piv = unprotected.get(6).GetByteString();
      byte[] sid = unprotected.get("sid").GetByteString();
      byte[] nonce = OscoreNonce.nonce(key.commonIv(), sid, piv);
      assertTrue(
          pairs.add(HexFormat.of().formatHex(kid) + "/" + HexFormat.of().formatHex(nonce)),
          "nonce reused: sequence number " + OscoreNonce.sequence(piv));
    }
    assertTrue(wire.size() >= before.size() + after.size());
  }

  private static List<OpenedMessage> concat(List<OpenedMessage> a, List<OpenedMessage> b) {
    List<OpenedMessage> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
