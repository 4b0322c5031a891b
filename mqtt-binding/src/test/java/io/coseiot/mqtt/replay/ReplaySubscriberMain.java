package io.coseiot.mqtt.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.replay.durable.DurableReplayState;
import io.coseiot.mqtt.replay.redis.RedisReplayState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import redis.clients.jedis.JedisPooled;

/**
 * A subscriber run as its own JVM by the replay-state tests, so that they can kill it outright.
 * Arguments: {@code durable-create FILE BLOCK}, {@code durable-open FILE BLOCK} or {@code redis
 * PORT PREFIX}. Reads lines {@code INDEX TOPIC HEX-PAYLOAD} and answers each with {@code OK INDEX}
 * or {@code REJECT INDEX REASON}; the line {@code MARK} is answered with the durable state's
 * persisted mark of the test's counter sender. Exits 0 at the end of its input.
 */
public final class ReplaySubscriberMain {
  private ReplaySubscriberMain() {}

  /**
   * Runs the subscriber.
   *
   * @param args the backend and its parameters
   * @throws Exception if the state cannot be opened (the exit status is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    ReplayState state;
    DurableReplayState durable = null;
    if (args[0].startsWith("durable-")) {
      Path file = Path.of(args[1]);
      int block = Integer.parseInt(args[2]);
      durable =
          args[0].equals("durable-create")
              ? DurableReplayState.create(file, block, ReplayGuard.DEFAULT_RECENT)
              : DurableReplayState.open(file, block, ReplayGuard.DEFAULT_RECENT);
      state = durable;
    } else {
      JedisPooled redis = new JedisPooled("127.0.0.1", Integer.parseInt(args[1]));
      state = new RedisReplayState(redis, args[2], Duration.ofHours(1));
    }
    PayloadOpener opener =
        CoseMqttCodec.builder()
            .keyring(ReplayFixtures.keyring())
            .replayState(state)
            .build()
            .opener();
    byte[] kid = ReplayFixtures.kid();
    PrintStream out = new PrintStream(System.out, true, UTF_8);
    out.println("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("MARK")) {
        out.println("MARK " + durable.persistedMark(kid, 0, ReplayFixtures.SENDER_ID));
        continue;
      }
      String[] f = line.split(" ");
      try {
        opener.open(f[1], HexFormat.of().parseHex(f[2]), null, Map.of());
        out.println("OK " + f[0]);
      } catch (RejectedMessageException e) {
        out.println("REJECT " + f[0] + " " + e.reason());
      }
    }
    state.close();
    System.exit(0);
  }
}
