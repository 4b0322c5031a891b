package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.paho.PahoMqtt;
import io.coseiot.mqtt.replay.redis.RedisReplayState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HexFormat;
import redis.clients.jedis.JedisPooled;

/**
 * One member of {@link SharedSubscriptionReplayTest}'s MQTT v5 shared subscription, run as its own
 * JVM so that it can be killed outright: a Paho v5 adapter client on a persistent session (so that
 * the broker keeps what it was handed while it is down), subscribed at QoS 1 to {@code
 * $share/GROUP/grp/#}, its replay state in Redis under the group's prefix. Arguments: broker URI,
 * master secret (hex), Redis port, group, client id. Prints {@code READY}, then {@code OK INDEX}
 * for each message it delivers and {@code REFUSED INDEX REASON} for each it refuses; exits when its
 * standard input ends.
 */
public final class GroupMemberMain {
  private GroupMemberMain() {}

  /**
   * Runs the member.
   *
   * @param args broker URI, master secret hex, Redis port, group, client id
   * @throws Exception if it cannot connect (the exit status is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    byte[] master = HexFormat.of().parseHex(args[1]);
    String group = args[3];
    PrintStream out = new PrintStream(System.out, true, UTF_8);
    CoseMqttCodec codec =
        CoseMqttCodec.builder()
            .keyring(Codecs.keyring(master, "grp/#"))
            .replayState(
                new RedisReplayState(
                    new JedisPooled("127.0.0.1", Integer.parseInt(args[2])),
                    group,
                    Duration.ofHours(1)))
            .build();
    Answers answers = new Answers(out);
    SecureMqttOptions o =
        SecureMqttOptions.builder(args[0]).clientId(args[4]).persistentSession(3600).build();
    try (SecureMqttClient member = client(o, codec, answers)) {
      member.connect();
      member.subscribe("$share/" + group + "/grp/#", 1);
      out.println("READY");
      while (System.in.read() >= 0) {
        // Only the end of the input counts.
      }
    }
    System.exit(0);
  }

  private static SecureMqttClient client(SecureMqttOptions o, CoseMqttCodec codec, Answers answers)
      throws Exception {
    return PahoMqtt.client(o).codec(codec).onMessage(answers).onRejection(answers).build();
  }

  /** Prints each outcome as one line, whole lines only, as the listeners may run concurrently. */
  private record Answers(PrintStream out) implements OpenedMessageListener, RejectionListener {
    @Override
    public void onMessage(OpenedMessage m, SecureMqttClient client) {
      out.println("OK " + Tally.index(m.topic()));
    }

    @Override
    public void onRejected(String wireTopic, RejectedMessageException e) {
      out.println("REFUSED " + Tally.index(wireTopic) + " " + e.reason());
    }
  }
}
