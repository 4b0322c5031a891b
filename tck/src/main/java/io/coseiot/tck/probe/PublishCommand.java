package io.coseiot.tck.probe;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.paho.PahoMqtt;
import io.coseiot.mqtt.topic.TopicFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cose-tck publish}: a stand-alone sealed publisher for manual interop. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    version = "cose-tck publish 0.1.0",
    description = {
      "Seals messages with the deployment's keys (profile docs/mqtt-cose-profile.md) and publishes"
          + " them at QoS 1: the --message text --count times, else each line of standard input.",
      "Keys are derived for --filter (default: the --topic itself) with --alg at --epoch.",
      "Prints one line per message: published TOPIC BYTES.",
      "Exit status: 0 all published, 1 a publish failed, 2 setup or usage error."
    })
public final class PublishCommand implements Callable<Integer> {
  /** Creates the command. */
  public PublishCommand() {}

  @Spec CommandSpec spec;

  @Mixin DeploymentOptions keys;

  @Option(
      names = "--topic",
      required = true,
      paramLabel = "TOPIC",
      description = "The topic to publish to.")
  String topic;

  @Option(
      names = "--message",
      paramLabel = "TEXT",
      description = "The plaintext to publish (default: each line of standard input).")
  String message;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "How often to publish --message (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--alg",
      paramLabel = "ID",
      defaultValue = "1",
      description =
          "The key's COSE algorithm id: 1 A128GCM (default), 10 AES-CCM-16-64-128, 5 HMAC"
              + " 256/256 (COSE_Mac0), or with --profile full 3 A256GCM, 24 ChaCha20/Poly1305.")
  long alg;

  @Option(
      names = "--sid",
      paramLabel = "HEX",
      description =
          "Counter mode with this sender id (needs --seq-file); default: random IVs"
              + " (stateless for Mac0).")
  String sid;

  @Option(
      names = "--seq-file",
      paramLabel = "FILE",
      description =
          "Where counter mode keeps its next sequence number across runs (section 7); made on"
              + " first use. Deleting it would reuse nonces under the same --sid, so a new file"
              + " needs a new sender id.")
  Path seqFile;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> texts = new ArrayList<>();
    CoseMqttCodec codec;
    Deployment d;
    try {
      d = keys.deployment(topic);
      if (!TopicFilter.isTopicName(topic)) {
        throw new ProbeSetupException("--topic " + topic + " is not a topic name (no wildcards)");
      }
      codec = codec(d);
      if (message != null) {
        if (count < 1) {
          throw new ProbeSetupException("--count must be at least 1");
        }
        for (int i = 0; i < count; i++) {
          texts.add(message);
        }
      } else {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String l; (l = in.readLine()) != null; ) {
          texts.add(l);
        }
      }
    } catch (ProbeSetupException e) {
      err.println("cose-tck publish: " + e.getMessage());
      return 2;
    }
    SecureMqttOptions o =
        SecureMqttOptions.builder(d.broker())
            .clientId("cose-tck-publish-" + ProcessHandle.current().pid())
            .operationTimeout(Duration.ofSeconds(10))
            .build();
    try (SecureMqttClient c = PahoMqtt.client(o).codec(codec).build()) {
      try {
        c.connect();
      } catch (SecureMqttException e) {
        err.println("cose-tck publish: cannot connect to " + d.broker() + ": " + cause(e));
        return 2;
      }
      for (String t : texts) {
        byte[] pt = t.getBytes(StandardCharsets.UTF_8);
        try {
          c.publish(topic, pt, 1, false).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          err.println("cose-tck publish: publishing to " + topic + " failed: " + cause(e));
          return 1;
        }
        out.println("published " + topic + " " + pt.length);
      }
      out.flush();
      c.disconnect();
    }
    return 0;
  }

  private CoseMqttCodec codec(Deployment d) throws ProbeSetupException {
    Algorithm a = Algorithm.fromId(alg);
    if (a == null || !d.symmetricAlgorithms().contains(a)) {
      throw new ProbeSetupException(
          "--alg "
              + alg
              + " is no AEAD or MAC algorithm of the "
              + d.profile().name().toLowerCase()
              + " profile");
    }
    Keyring.Builder k = Keyring.builder().schedule(RotationSchedule.fixed(d.epoch()));
    for (String f : d.filters()) {
      k.add(TopicKeyset.derived(f, a, d.master(), d.salt()));
    }
    Keyring keyring = k.build();
    if (keyring.keysetFor(topic) == null) {
      throw new ProbeSetupException("no --filter covers --topic " + topic);
    }
    CoseMqttCodec.Builder b =
        CoseMqttCodec.builder()
            .keyring(keyring)
            .mode(a.kind() == Algorithm.Kind.MAC ? SealMode.MAC0 : SealMode.ENCRYPT0)
            .algorithmProfile(d.profile())
            .mqttVersion(
                d.v5()
                    ? io.coseiot.mqtt.codec.MqttVersion.V5
                    : io.coseiot.mqtt.codec.MqttVersion.V3_1_1);
    try {
      if (sid != null) {
        if (seqFile == null) {
          throw new ProbeSetupException(
              "--sid needs --seq-file, so no sequence number is used twice");
        }
        SequenceStore store =
            Files.exists(seqFile)
                ? SequenceStore.open(seqFile, 16)
                : SequenceStore.create(seqFile, 16);
        b.counterNonces(HexFormat.of().parseHex(sid), store);
      } else {
        b.randomNonces();
      }
      return b.build();
    } catch (IllegalArgumentException | IOException | CoseException e) {
      throw new ProbeSetupException("cannot seal for " + topic + ": " + e.getMessage());
    }
  }

  private static String cause(Throwable e) {
    Throwable c = e.getCause() != null ? e.getCause() : e;
    return c.getMessage() + (c.getCause() == null ? "" : ": " + c.getCause().getMessage());
  }
}
