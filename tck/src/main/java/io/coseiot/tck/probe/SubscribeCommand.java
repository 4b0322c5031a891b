package io.coseiot.tck.probe;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cose-tck subscribe}: a stand-alone subscriber that opens what arrives. */
@Command(
    name = "subscribe",
    mixinStandardHelpOptions = true,
    version = "cose-tck subscribe 0.1.0",
    description = {
      "Subscribes to each --filter and opens every message with the deployment's keys, as a"
          + " receiver of the profile does (docs/mqtt-cose-profile.md section 9, replays refused).",
      "Prints one line per message: opened TOPIC TEXT (hex: HEX if the plaintext is not UTF-8,"
          + " or with --hex), or rejected TOPIC REASON: DETAIL.",
      "Stops after --messages N or --duration S, whichever comes first (default: 30 s).",
      "Exit status: 0 every message opened (and N arrived), 1 a rejection or fewer than N,"
          + " 2 setup or usage error."
    })
public final class SubscribeCommand implements Callable<Integer> {
  /** Creates the command. */
  public SubscribeCommand() {}

  @Spec CommandSpec spec;

  @Mixin DeploymentOptions keys;

  @Option(names = "--messages", paramLabel = "N", description = "Stop after N messages.")
  Integer messages;

  @Option(
      names = "--duration",
      paramLabel = "S",
      defaultValue = "30",
      description = "Stop after S seconds (default: ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--hex", description = "Print every plaintext in hex.")
  boolean hex;

  /** One line of output, from the client's thread to the printing one. */
  private record Line(boolean opened, String text) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Deployment d;
    PayloadOpener encrypt0;
    PayloadOpener mac0;
    try {
      d = keys.deployment(null);
      if ((messages != null && messages < 1) || duration < 1) {
        throw new ProbeSetupException("--messages and --duration must be positive");
      }
      encrypt0 = d.codec(false).opener();
      mac0 = d.codec(true).opener();
    } catch (ProbeSetupException e) {
      err.println("cose-tck subscribe: " + e.getMessage());
      return 2;
    } catch (CoseException e) {
      err.println("cose-tck subscribe: cannot derive the keys: " + e.getMessage());
      return 2;
    }
    // A Mac0 (tag 17, first byte d1) goes to the Mac0 opener, everything else to Encrypt0's,
    // which gives anything else its reason (NOT_SEALED, MALFORMED).
    PayloadOpener opener =
        (topic, payload, ct, props) ->
            (payload != null && payload.length > 0 && (payload[0] & 0xff) == 0xd1 ? mac0 : encrypt0)
                .open(topic, payload, ct, props);
    BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    // A plain client that opens with either opener: a SecureMqttClient has one codec, and the
    // probe does not know which mode the device seals in.
    Consumer<Observed> sink =
        m -> {
          Map<String, String> props = new LinkedHashMap<>();
          m.userProperties().forEach(e -> props.putIfAbsent(e.getKey(), e.getValue()));
          try {
            lines.add(opened(opener.open(m.topic(), m.payload(), m.contentType(), props)));
          } catch (RejectedMessageException r) {
            lines.add(rejected(m.topic(), r));
          }
        };
    int opened = 0;
    int rejected = 0;
    try (RawClient c =
        RawClient.connect(
            d.broker(), d.v5(), "cose-tck-subscribe-" + ProcessHandle.current().pid(), sink)) {
      try {
        c.subscribe(d.filters());
        // On standard error, so standard output stays one line per message.
        err.println("subscribed to " + String.join(", ", d.filters()));
        err.flush();
      } catch (ProbeSetupException e) {
        err.println("cose-tck subscribe: " + e.getMessage());
        return 2;
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
      while (System.nanoTime() < end && (messages == null || opened + rejected < messages)) {
        Line l = lines.poll(20, TimeUnit.MILLISECONDS);
        if (l != null) {
          out.println(l.text());
          out.flush();
          if (l.opened()) {
            opened++;
          } else {
            rejected++;
          }
        }
      }
    } catch (ProbeSetupException e) {
      err.println("cose-tck subscribe: " + e.getMessage());
      return 2;
    }
    if (messages != null && opened + rejected < messages) {
      err.println(
          "cose-tck subscribe: "
              + (opened + rejected)
              + " of "
              + messages
              + " messages within "
              + duration
              + " s");
      return 1;
    }
    return rejected == 0 ? 0 : 1;
  }

  private Line opened(OpenedMessage m) {
    byte[] p = m.plaintext();
    String text = null;
    if (!hex) {
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(p))
                .toString();
        if (text.chars().anyMatch(ch -> ch == '\n' || ch == '\r')) {
          text = null; // one message, one line
        }
      } catch (CharacterCodingException e) {
        text = null;
      }
    }
    return new Line(
        true,
        "opened " + m.topic() + " " + (text != null ? text : "hex:" + HexFormat.of().formatHex(p)));
  }

  private static Line rejected(String topic, RejectedMessageException r) {
    return new Line(false, "rejected " + topic + " " + r.reason() + ": " + r.getMessage());
  }
}
