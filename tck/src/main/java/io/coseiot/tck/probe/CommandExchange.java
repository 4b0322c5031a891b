package io.coseiot.tck.probe;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The receive-path test of {@code probe --commands} (profile section 12.1): once the device has
 * published (so it is subscribed), sends three sealed commands and waits for each echo, and between
 * them a verbatim replay of the first and a forgery (a sealed command with its tag altered), which
 * the device must refuse and so never echo. Driven by {@link #step} from the probe's loop.
 */
final class CommandExchange {
  private static final int COMMANDS = 3;
  private static final long GRACE_NANOS = 1_000_000_000L;

  private final String topic;
  private final long echoTimeoutNanos;
  private final PayloadSealer sealer;
  private final List<SealedMessage> commands = new ArrayList<>();
  private final List<byte[]> plaintexts = new ArrayList<>();
  private final SealedMessage forged;
  private final byte[] forgedPlaintext;
  private final List<byte[]> sent = new ArrayList<>();
  private int stage;
  private long waitUntil;
  private boolean done;

  /**
   * Prepares the commands.
   *
   * @param d the deployment (its master secret, salt and epoch)
   * @param topic the device's command topic
   * @param filter the filter the command key is derived for
   * @param alg the command key's algorithm
   * @param counter counter mode with a random sender id of this run, else random IVs
   * @param echoTimeoutSeconds how long to wait for each echo
   * @throws ProbeSetupException if the commands cannot be sealed
   */
  CommandExchange(
      Deployment d,
      String topic,
      String filter,
      Algorithm alg,
      boolean counter,
      int echoTimeoutSeconds)
      throws ProbeSetupException {
    this.topic = topic;
    this.echoTimeoutNanos = echoTimeoutSeconds * 1_000_000_000L;
    SecureRandom random = new SecureRandom();
    byte[] run = new byte[4];
    random.nextBytes(run);
    String runId = HexFormat.of().formatHex(run);
    Path seqFile = null;
    try {
      Keyring keyring =
          Keyring.builder()
              .schedule(RotationSchedule.fixed(d.epoch()))
              .add(TopicKeyset.derived(filter, alg, d.master(), d.salt()))
              .build();
      CoseMqttCodec.Builder b =
          CoseMqttCodec.builder()
              .keyring(keyring)
              .algorithmProfile(d.profile())
              .mqttVersion(
                  d.v5()
                      ? io.coseiot.mqtt.codec.MqttVersion.V5
                      : io.coseiot.mqtt.codec.MqttVersion.V3_1_1);
      seqFile = Files.createTempFile("cose-tck-probe-seq", ".txt");
      Files.delete(seqFile);
      if (counter) {
        // A fresh 6-byte sender id per run: the probe keeps no sequence file across runs, and a
        // new sid makes every (sid, sequence number) pair, so every nonce, new under the key.
        byte[] sid = new byte[6];
        random.nextBytes(sid);
        b.counterNonces(sid, SequenceStore.create(seqFile, 16));
      } else {
        b.randomNonces();
      }
      sealer = b.build().sealer();
      for (int i = 1; i <= COMMANDS; i++) {
        byte[] pt =
            ("{\"cose-tck\":\"probe\",\"command\":" + i + ",\"run\":\"" + runId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        plaintexts.add(pt);
        commands.add(sealer.seal(topic, pt));
      }
      forgedPlaintext =
          ("{\"cose-tck\":\"probe\",\"command\":\"forged\",\"run\":\"" + runId + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      SealedMessage f = sealer.seal(topic, forgedPlaintext);
      byte[] bytes = f.payload();
      bytes[bytes.length - 1] ^= 0x01; // the last byte of the AEAD or MAC tag
      forged = new SealedMessage(f.topic(), bytes, f.contentType(), f.userProperties());
    } catch (CoseException | IOException | IllegalArgumentException e) {
      throw new ProbeSetupException("cannot seal commands for " + topic + ": " + e.getMessage());
    } finally {
      deleteSeqFile(seqFile);
    }
  }

  private static void deleteSeqFile(Path seqFile) {
    try {
      if (seqFile != null) {
        Files.deleteIfExists(seqFile);
        Files.deleteIfExists(seqFile.resolveSibling(seqFile.getFileName() + ".tmp"));
      }
    } catch (IOException e) {
      // a leftover temporary file is harmless
    }
  }

  /** Whether a received message is one the probe sent (MQTT 3.1.1 has no "no local" option). */
  boolean isOwn(Observed o) {
    byte[] p = o.payload();
    return sent.stream().anyMatch(s -> Arrays.equals(s, p));
  }

  boolean done() {
    return done;
  }

  /** Advances the exchange; publishes when the device is ready and each echo is in or late. */
  void step(RawClient client, TrafficChecker checker, long now) throws ProbeSetupException {
    if (done) {
      return;
    }
    if (stage == 0) {
      if (checker.messages() == 0) {
        return; // the device subscribes before it first publishes (section 12.1)
      }
      send(client, commands.get(0));
      next(now, echoTimeoutNanos);
    } else if (stage <= COMMANDS) {
      boolean echoed = checker.echoes(plaintexts.get(stage - 1)) > 0;
      if (!echoed && now < waitUntil) {
        return;
      }
      if (stage == 1) {
        send(client, commands.get(0)); // the replay: the same bytes in a new PUBLISH
        send(client, forged);
      }
      if (stage < COMMANDS) {
        send(client, commands.get(stage));
        next(now, echoTimeoutNanos);
      } else {
        next(now, GRACE_NANOS); // late echoes of the replay or the forgery
      }
    } else if (now >= waitUntil) {
      done = true;
    }
  }

  private void next(long now, long wait) {
    stage++;
    waitUntil = now + wait;
  }

  private void send(RawClient client, SealedMessage m) throws ProbeSetupException {
    sent.add(m.payload());
    client.publish(topic, m.payload(), m.contentType(), m.userProperties());
  }

  /** Judges the echoes once the exchange is over (or the observation ended). */
  void judge(TrafficChecker checker) {
    checker.seeExchange(Requirement.R12_1);
    int echoed = 0;
    for (int i = 0; i < COMMANDS; i++) {
      if (checker.echoes(plaintexts.get(i)) > 0) {
        echoed++;
      } else if (stage > i) {
        checker.addExchangeFinding(
            Requirement.R12_1,
            topic,
            "no echo of command "
                + (i + 1)
                + " within "
                + echoTimeoutNanos / 1_000_000_000L
                + " s: the device did not open it, or does not echo (section 12.1)");
      } else {
        checker.addExchangeFinding(
            Requirement.R12_1,
            topic,
            "command " + (i + 1) + " was never sent: the observation ended first");
      }
    }
    if (echoed == 0) {
      return; // nothing says whether the device would have echoed the replay or the forgery
    }
    if (stage >= 2) {
      checker.seeExchange(Requirement.R7_5);
      checker.seeExchange(Requirement.R9_2);
      if (checker.echoes(plaintexts.get(0)) > 1) {
        checker.addExchangeFinding(
            Requirement.R7_5,
            topic,
            "command 1 was echoed "
                + checker.echoes(plaintexts.get(0))
                + " times: the device handed its verbatim replay to the application");
      }
      if (checker.echoes(forgedPlaintext) > 0) {
        checker.addExchangeFinding(
            Requirement.R9_2,
            topic,
            "the device echoed a command whose tag was altered: it did not authenticate it");
      }
    }
  }

  /** Why the receive-path requirements went unchecked, or null if they were checked. */
  String uncheckedReason(TrafficChecker checker) {
    if (stage == 0) {
      return "the device published nothing, so no command was sent";
    }
    return plaintexts.stream().noneMatch(p -> checker.echoes(p) > 0)
        ? "the device echoed no command, so its refusals cannot be seen"
        : null;
  }
}
