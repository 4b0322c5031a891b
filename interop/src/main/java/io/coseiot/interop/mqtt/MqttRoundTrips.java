package io.coseiot.interop.mqtt;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.interop.Outcome;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.interop.Replay;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.codec.AlgorithmProfile;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * MQTT round trips through a broker, per the MQTT profile (docs/mqtt-cose-profile.md): the JVM
 * ({@link CoseMqttCodec} behind {@link SecureMqttClient}) and a peer process (pyCOSE's {@code
 * pycose_mqtt.py}, the C {@code device_mqtt}, or COSE-JAVA with a plain Paho client in {@link
 * CoseJavaMqttPeer}) share only a master secret and derive every key themselves. The peer publishes
 * sealed telemetry that the JVM opens ({@link Replay#JVM_OPENS}), and the JVM publishes sealed
 * commands that the peer opens ({@link Replay#PEER_OPENS}); every message is one result, and a lost
 * or unopened one is a failure.
 */
public final class MqttRoundTrips {
  /** Public and fixed: the round trips test interoperability, not secrecy. */
  static final byte[] MASTER =
      HexFormat.of().parseHex("5463b35f0d4a1c6e8b2f9a7d3e1c0b4a5968778695a4b3c2d1e0f1e2d3c4b5a6");

  static final String TELEMETRY_FILTER = "tck/+/telemetry";
  static final String COMMAND_FILTER = "tck/+/commands";

  /** Messages each side publishes in one round trip. */
  public static final int MESSAGES = 3;

  // An upper bound only (peers exit as soon as every message has arrived); generous because a
  // loaded 2-core CI machine once took more than 10 s for the whole exchange.
  private static final long WAIT_SECONDS = 30;

  /**
   * One round trip.
   *
   * @param suite the matrix suite ({@code mqtt-v5}, {@code mqtt-3.1.1})
   * @param peer the peer's name
   * @param command the peer program and its fixed options
   * @param version the MQTT version both sides speak
   * @param alg the topic keys' algorithm
   * @param peerSid the peer's sender id in hex (counter mode), or null for random IVs
   * @param jvmSid the JVM's sender id (counter mode), or null for random IVs
   */
  public record Trip(
      String suite,
      String peer,
      List<String> command,
      MqttVersion version,
      Algorithm alg,
      String peerSid,
      byte[] jvmSid) {
    /**
     * The profile requirements a trip checks (docs/mqtt-cose-profile.md, section 12): messages open
     * on both sides from the master secret alone, bound to their topics, at QoS 1; in MQTT 5 with
     * the content type and kid property, in 3.1.1 with neither.
     */
    public List<String> requirements() {
      return version == MqttVersion.V5
          ? List.of("R2.1", "R3.1", "R4.1", "R4.3", "R4.7", "R6.2")
          : List.of("R2.1", "R3.1", "R4.7", "R5.1", "R6.2");
    }

    String mode(boolean ofPeer) {
      boolean counter = ofPeer ? peerSid != null : jvmSid != null;
      return alg.ianaName() + (counter ? " counter" : " random IV");
    }
  }

  private MqttRoundTrips() {}

  /** Runs one round trip and returns one outcome per message and direction. */
  public static List<Outcome> run(Trip t, String host, int port) throws IOException {
    String device = t.peer() + "-" + (t.version() == MqttVersion.V5 ? "v5" : "v311");
    String telemetry = "tck/" + device + "/telemetry";
    String commands = "tck/" + device + "/commands";
    String telemetryText = "{\"t\":21.5,\"from\":\"" + t.peer() + "\"}";
    List<String> sent = new ArrayList<>();
    for (int i = 1; i <= MESSAGES; i++) {
      sent.add("{\"cmd\":\"set\",\"n\":" + i + "}");
    }
    BlockingQueue<OpenedMessage> opened = new LinkedBlockingQueue<>();
    List<String> jvmRejections = new ArrayList<>();
    List<String> peerOpened = new ArrayList<>();
    List<String> peerRejected = new ArrayList<>();
    StringBuffer stderr = new StringBuffer();
    Path seqFile = Files.createTempFile("cose-tck-mqtt-seq", ".txt");
    Files.delete(seqFile);
    Process process = null;
    String problem = null;
    try (SecureMqttClient jvm = client(t, host, port, seqFile, opened, jvmRejections)) {
      jvm.connect();
      jvm.subscribe(telemetry, 1);
      List<String> cmd = new ArrayList<>(t.command());
      cmd.addAll(
          List.of(
              "--host",
              host,
              "--port",
              String.valueOf(port),
              "--mqtt",
              t.version() == MqttVersion.V5 ? "5" : "3",
              "--master",
              HexFormat.of().formatHex(MASTER),
              "--telemetry",
              telemetry,
              "--commands",
              commands,
              "--filter",
              TELEMETRY_FILTER,
              "--cmd-filter",
              COMMAND_FILTER,
              "--alg",
              String.valueOf(t.alg().id()),
              "--payload",
              telemetryText,
              "--count",
              String.valueOf(MESSAGES),
              "--expect",
              String.valueOf(MESSAGES),
              "--wait",
              String.valueOf(WAIT_SECONDS)));
      if (t.peerSid() != null) {
        cmd.addAll(List.of("--sid", t.peerSid()));
      }
      process =
          cmd.get(0).equals(CoseJavaMqttPeer.COMMAND)
              ? CoseJavaMqttPeer.start(cmd)
              : new ProcessBuilder(cmd).start();
      process.getOutputStream().close();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread out = pump(process, lines, stderr);
      // The peer publishes only once subscribed to its commands: its first line says it is.
      String first = null;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (first == null && System.nanoTime() < until) {
        first = lines.poll(100, TimeUnit.MILLISECONDS);
        if (first == null && !process.isAlive()) {
          out.join(1000);
          first = lines.poll();
          break;
        }
      }
      if (first == null) {
        problem =
            process.isAlive()
                ? "the peer neither subscribed nor published within " + WAIT_SECONDS + " s"
                : "the peer exited with status " + process.exitValue() + " before subscribing";
      } else {
        lines.add(first);
        for (String s : sent) {
          jvm.publish(commands, s.getBytes(StandardCharsets.UTF_8), 1, false)
              .get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (!process.waitFor(WAIT_SECONDS + 5, TimeUnit.SECONDS)) {
          problem = "the peer did not finish within " + (WAIT_SECONDS + 5) + " s";
        }
      }
      process.destroyForcibly();
      out.join(2000);
      for (String line : lines) {
        if (line.startsWith("opened ")) {
          String[] f = line.split(" ", 3);
          peerOpened.add(
              f.length < 3
                  ? ""
                  : new String(HexFormat.of().parseHex(f[2].strip()), StandardCharsets.UTF_8));
        } else if (line.startsWith("rejected ")) {
          peerRejected.add(line.substring("rejected ".length()));
        }
      }
      // The JVM's telemetry: what arrived by now, waiting a little for stragglers.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (opened.size() < MESSAGES && System.nanoTime() < end) {
        Thread.sleep(20);
      }
    } catch (Exception e) {
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(seqFile);
      Files.deleteIfExists(seqFile.resolveSibling(seqFile.getFileName() + ".tmp"));
      Files.deleteIfExists(seqFile.resolveSibling(seqFile.getFileName() + ".lock"));
    }
    String why = problem == null ? "" : problem + "; ";
    if (stderr.length() > 0) {
      why += "peer stderr: " + stderr.toString().strip().replace('\n', ' ') + "; ";
    }
    List<Outcome> results = new ArrayList<>();
    List<OpenedMessage> got = new ArrayList<>(opened);
    for (int i = 0; i < MESSAGES; i++) {
      String vector = "telemetry-" + (i + 1) + " (" + t.mode(true) + ")";
      boolean ok =
          i < got.size()
              && telemetryText.equals(new String(got.get(i).plaintext(), StandardCharsets.UTF_8));
      String detail =
          ok
              ? ""
              : i < got.size()
                  ? "opened, but the content differs"
                  : why
                      + (jvmRejections.isEmpty()
                          ? "lost: not received"
                          : "rejected: " + jvmRejections);
      results.add(outcome(t, vector, Replay.JVM_OPENS, ok, detail));
    }
    for (int i = 0; i < sent.size(); i++) {
      String vector = "command-" + (i + 1) + " (" + t.mode(false) + ")";
      boolean ok = peerOpened.contains(sent.get(i));
      String detail =
          ok
              ? ""
              : why
                  + (peerRejected.isEmpty()
                      ? "lost: the peer did not open it"
                      : "the peer rejected: " + peerRejected);
      results.add(outcome(t, vector, Replay.PEER_OPENS, ok, detail));
    }
    return results;
  }

  private static Outcome outcome(
      Trip t, String vector, String direction, boolean ok, String detail) {
    return new Outcome(
        t.suite(),
        vector,
        t.peer(),
        direction,
        ok ? Verdict.PASS : Verdict.FAIL,
        false,
        ok ? "accepted" : "lost",
        "",
        false,
        detail);
  }

  private static SecureMqttClient client(
      Trip t,
      String host,
      int port,
      Path seqFile,
      BlockingQueue<OpenedMessage> opened,
      List<String> rejections)
      throws Exception {
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived(TELEMETRY_FILTER, t.alg(), MASTER, null))
            .add(TopicKeyset.derived(COMMAND_FILTER, t.alg(), MASTER, null))
            .build();
    CoseMqttCodec.Builder b =
        CoseMqttCodec.builder()
            .keyring(keyring)
            .mqttVersion(t.version())
            .algorithmProfile(AlgorithmProfile.DEVICE);
    if (t.jvmSid() != null) {
      b.counterNonces(t.jvmSid(), SequenceStore.create(seqFile, 16));
    } else {
      b.randomNonces();
    }
    CoseMqttCodec codec = b.build();
    SecureMqttOptions options =
        SecureMqttOptions.builder("tcp://" + host + ":" + port)
            .clientId(
                "cose-tck-jvm-" + t.suite() + "-" + t.peer() + "-" + ProcessHandle.current().pid())
            .operationTimeout(Duration.ofSeconds(WAIT_SECONDS))
            .build();
    return PahoMqtt.client(options)
        .codec(codec)
        .onMessage((m, c) -> opened.add(m))
        .onRejection((topic, r) -> record(rejections, topic, r))
        .build();
  }

  private static void record(List<String> rejections, String topic, Exception r) {
    synchronized (rejections) {
      rejections.add(topic + ": " + r.getMessage());
    }
  }

  /** Reads the peer's stdout lines into a queue and keeps its stderr. */
  private static Thread pump(Process p, BlockingQueue<String> lines, StringBuffer stderr) {
    Thread err =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                  if (stderr.length() < 4096) {
                    stderr.append(l).append('\n');
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "mqtt-peer-stderr");
    err.setDaemon(true);
    err.start();
    Thread out =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                  lines.add(l);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "mqtt-peer-stdout");
    out.setDaemon(true);
    out.start();
    return out;
  }
}
