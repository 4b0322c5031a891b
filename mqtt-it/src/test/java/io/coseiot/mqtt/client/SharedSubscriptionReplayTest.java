package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.paho.PahoMqtt;
import io.coseiot.mqtt.replay.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three subscriber JVMs ({@link GroupMemberMain}) are the members of one real MQTT v5 shared
 * subscription ({@code $share/meters/grp/#} on Mosquitto), their replay state in one real
 * redis-server, each on a persistent session. A counter-mode publisher sends {@value #MESSAGES}
 * sealed QoS 1 messages back to back; one member is killed with SIGKILL mid-stream and started
 * again on its session once the stream is sent, so it gets what the broker kept for it. An
 * attacker, subscribed to {@code grp/#} like any client the broker lets in, captured every message
 * and then publishes each again; the broker hands each replay to one member. No message is accepted
 * twice; a missing one is a message the killed member had checked in Redis but not acknowledged,
 * redelivered to it after the restart and refused (lost to the application, never delivered twice);
 * none of the replays is accepted, and each is refused exactly once, as REPLAY.
 */
@Tag("mqtt")
@Tag("processes")
@Tag("redis")
class SharedSubscriptionReplayTest {
  static final int MESSAGES = 3_000;
  static final int KILL_AT = 1_000;
  static final int IN_FLIGHT = 8;
  static final String GROUP = "meters";

  @TempDir Path dir;

  @Test
  void everyReplayIsRefusedOnceAcrossThreeMembersOneKilled() throws Exception {
    Assumptions.assumeTrue(MosquittoBroker.binary() != null, BrokerTest.NO_MOSQUITTO);
    Assumptions.assumeTrue(RedisServer.binary() != null, RedisServer.NOT_INSTALLED);
    long start = System.nanoTime();
    byte[] master = Codecs.secret();
    CoseMqttCodec codec =
        CoseMqttCodec.builder()
            .keyring(Codecs.keyring(master, "grp/#"))
            .counterNonces(new byte[] {0x21}, SequenceStore.create(dir.resolve("pub.seq"), 256))
            .build();
    List<Member> members = new ArrayList<>();
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
        PersistentMosquitto broker =
            PersistentMosquitto.start(dir.resolve("mosquitto"), "max_queued_messages 0");
        Outsider attacker = new Outsider(broker.uri()).watch("grp/#");
        SecureMqttClient pub = client(broker.uri(), codec)) {
      String[] args = {broker.uri(), HexFormat.of().formatHex(master), "" + redis.port, GROUP};
      for (int i = 0; i < 3; i++) {
        members.add(Member.start(dir, "member" + i, args));
      }
      // Members the broker keeps handing messages while one is down, its share kept for it.
      Member victim = members.get(1);
      pub.connect();
      publish(pub, victim);
      Member restarted = Member.start(dir, "member1", args);
      members.add(restarted);
      awaitQuiet(members);

      Map<Integer, String> acceptedBy = new HashMap<>();
      List<String> refusedInStream = new ArrayList<>();
      for (Member m : members) {
        for (String a : m.answers) {
          String[] f = a.split(" ");
          if (f[0].equals("OK")) {
            String had = acceptedBy.put(Integer.parseInt(f[1]), m.name);
            assertEquals(null, had, "message " + f[1] + " accepted by " + had + " and " + m.name);
          } else {
            refusedInStream.add(m.name + ": " + a);
          }
        }
      }
      int lost = MESSAGES - acceptedBy.size();

      // The attacker replays every captured message to the two survivors and the restarted one.
      List<Member> replayed = List.of(members.get(0), members.get(2), restarted);
      Map<Member, Integer> before = new HashMap<>();
      replayed.forEach(m -> before.put(m, m.answers.size()));
      List<Outsider.Seen> captured = attacker.drain(MESSAGES);
      for (Outsider.Seen s : captured) {
        attacker.republish(s, s.topic());
      }
      awaitQuiet(replayed);
      Map<Integer, Integer> refusedReplays = new HashMap<>();
      Map<String, Integer> replayOutcomes = new TreeMap<>();
      Map<String, Integer> replaysPerMember = new TreeMap<>();
      for (Member m : replayed) {
        List<String> answers = m.answers.subList(before.get(m), m.answers.size());
        replaysPerMember.put(m.name, answers.size());
        for (String a : answers) {
          String[] f = a.split(" ");
          String outcome = f[0].equals("OK") ? "ACCEPTED" : f[2];
          replayOutcomes.merge(outcome, 1, Integer::sum);
          if (f[0].equals("REFUSED")) {
            refusedReplays.merge(Integer.parseInt(f[1]), 1, Integer::sum);
          }
        }
      }
      System.out.printf(
          "shared subscription $share/%s on mosquitto, 3 member JVMs (persistent sessions) on one"
              + " redis-server: %d sealed QoS 1 messages, member1 killed with SIGKILL after %d"
              + " published and restarted after the stream; accepted once overall: %d (per member"
              + " JVM %s), 0 twice, %d lost with the killed member, refused in the stream %s;"
              + " attacker replayed %d captured messages (per member %s): %s; %.1f s%n",
          GROUP,
          MESSAGES,
          KILL_AT,
          acceptedBy.size(),
          perMember(acceptedBy),
          lost,
          refusedInStream,
          captured.size(),
          replaysPerMember,
          replayOutcomes,
          (System.nanoTime() - start) / 1e9);
      assertEquals(MESSAGES, captured.size(), "the attacker captured every message once");
      // A refusal in the stream is the broker redelivering to the restarted member what the killed
      // one had checked in Redis but not acknowledged: a message it delivered, or one it died with
      // (the only ones that may be missing). At most Mosquitto's in-flight window of 20.
      List<Integer> refusedIndices = new ArrayList<>();
      for (String r : refusedInStream) {
        assertTrue(r.startsWith("member1: REFUSED ") && r.endsWith(" REPLAY"), r);
        refusedIndices.add(Integer.parseInt(r.split(" ")[2]));
      }
      assertTrue(refusedIndices.size() <= 20, "refused in the stream: " + refusedInStream);
      for (int i = 0; i < MESSAGES; i++) {
        assertTrue(acceptedBy.containsKey(i) || refusedIndices.contains(i), "lost " + i);
      }
      assertTrue(
          members.stream().allMatch(m -> acceptedBy.containsValue(m.name)),
          "every member took a share: " + perMember(acceptedBy));
      assertEquals(Map.of("REPLAY", MESSAGES), replayOutcomes, "the replays' outcomes");
      for (Outsider.Seen s : captured) {
        int i = Tally.index(s.topic());
        assertEquals(1, refusedReplays.getOrDefault(i, 0), "refusals of the replay of " + i);
      }
    } finally {
      members.forEach(Member::stop);
    }
  }

  /** Publishes the stream back to back, a window in flight, and kills the victim mid-stream. */
  private static void publish(SecureMqttClient pub, Member victim) throws Exception {
    Semaphore window = new Semaphore(IN_FLIGHT);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    for (int i = 0; i < MESSAGES; i++) {
      if (i == KILL_AT) {
        victim.kill();
      }
      window.acquire();
      pub.publish("grp/meter/" + i, ("reading-" + i).getBytes(UTF_8), 1, false)
          .whenComplete(
              (ok, e) -> {
                window.release();
                if (e != null) {
                  failed.compareAndSet(null, e);
                }
              });
    }
    assertTrue(window.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS), "publishes not acknowledged");
    if (failed.get() != null) {
      throw new AssertionError("the publisher failed", failed.get());
    }
  }

  /** Waits until no member has answered anything for 2 s. */
  private static void awaitQuiet(List<Member> members) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int last = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < end) {
      int now = members.stream().mapToInt(m -> m.answers.size()).sum();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(2)) {
        return;
      }
      Thread.sleep(20);
    }
  }

  private static Map<String, Long> perMember(Map<Integer, String> acceptedBy) {
    Map<String, Long> m = new TreeMap<>();
    acceptedBy.values().forEach(n -> m.merge(n, 1L, Long::sum));
    return m;
  }

  private static SecureMqttClient client(String uri, CoseMqttCodec codec) throws Exception {
    return PahoMqtt.client(uri).codec(codec).build();
  }

  /** A member JVM and the lines it answered, read on a thread of their own. */
  private static final class Member {
    final String name;
    final Process process;
    final List<String> answers = new CopyOnWriteArrayList<>();

    private Member(String name, Process process) {
      this.name = name;
      this.process = process;
    }

    /** Starts a member; its client id is its name, so a restart resumes the session. */
    static Member start(Path dir, String name, String... args) throws Exception {
      Path err = dir.resolve(name + "-" + System.nanoTime() + ".err");
      List<String> all = new ArrayList<>(List.of(args));
      all.add(name);
      Process p =
          ChildJvm.command(List.of(), GroupMemberMain.class, all.toArray(String[]::new))
              .redirectError(err.toFile())
              .start();
      Member m = new Member(name, p);
      CountDownLatch ready = new CountDownLatch(1);
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
      Thread reader =
          new Thread(
              () -> {
                try {
                  // A restarted member may be handed its session's messages before READY.
                  for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.equals("READY")) {
                      ready.countDown();
                    } else {
                      m.answers.add(l);
                    }
                  }
                } catch (IOException ended) {
                  // Killed: what it answered is kept.
                }
              },
              "answers-" + name);
      reader.setDaemon(true);
      reader.start();
      if (!ready.await(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(name + " did not start:\n" + Files.readString(err));
      }
      return m;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    void stop() {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (IOException | InterruptedException e) {
        process.destroyForcibly();
      }
    }
  }
}
