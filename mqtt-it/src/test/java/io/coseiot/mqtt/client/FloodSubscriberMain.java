package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscriber of {@link FloodTest}, run as its own JVM so that its heap can be small and
 * measured alone: a Paho v5 adapter client, no automatic reconnect (a disconnect stays visible),
 * subscribed at QoS 1 to {@code flood/#} with the keyring of the master secret it is given.
 * Arguments: broker URI, master secret (hex). Prints {@code READY}, then every 200 ms {@code
 * PROGRESS delivered refused}; when its standard input ends it prints one {@code STATS} line of
 * {@code key=value} fields and exits.
 */
public final class FloodSubscriberMain {
  private FloodSubscriberMain() {}

  /**
   * Runs the subscriber.
   *
   * @param args broker URI, master secret hex
   * @throws Exception if it cannot connect (the exit status is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    Counts counts = new Counts();
    SecureMqttOptions o = SecureMqttOptions.builder(args[0]).keepAliveSeconds(10).build();
    byte[] master = HexFormat.of().parseHex(args[1]);
    HeapWatch heap = new HeapWatch();
    try (SecureMqttClient sub = client(o, master, counts)) {
      sub.connect();
      sub.subscribe("flood/#", 1);
      System.out.println("READY");
      Thread stdin = new Thread(FloodSubscriberMain::readToEnd, "stdin");
      stdin.setDaemon(true);
      stdin.start();
      boolean everDisconnected = false;
      for (long tick = 0; stdin.isAlive(); tick++) {
        heap.sample();
        everDisconnected |= !sub.isConnected();
        if (tick % 20 == 0) {
          System.out.println("PROGRESS " + counts.delivered.size() + " " + counts.refusedTotal());
        }
        stdin.join(10);
      }
      heap.sample();
      System.out.println(
          "STATS delivered="
              + counts.delivered.size()
              + " twice="
              + counts.twice.get()
              + " refused="
              + counts.refusedTotal()
              + " byReason="
              + counts.byReason()
              + " clientRejected="
              + sub.health().rejected()
              + " peakUsedMiB="
              + (heap.peakUsed >> 20)
              + " poolPeaksMiB="
              + (heap.poolPeaks() >> 20)
              + " peakLiveMiB="
              + (heap.peakAfterGc >> 20)
              + " maxHeapMiB="
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " everDisconnected="
              + everDisconnected
              + " connected="
              + sub.isConnected());
    }
    System.exit(0);
  }

  private static SecureMqttClient client(SecureMqttOptions o, byte[] master, Counts counts)
      throws Exception {
    return PahoMqtt.client(o)
        .codec(Codecs.encrypt0(Codecs.keyring(master, "flood/#")))
        .onMessage(counts)
        .onRejection(counts)
        .build();
  }

  private static void readToEnd() {
    try {
      while (System.in.read() >= 0) {
        // Only the end of the input counts.
      }
    } catch (IOException e) {
      // Ended all the same.
    }
  }

  /**
   * Deliveries by index and refusals by reason, in memory that does not grow with the refusals (the
   * flood's topics are not kept).
   */
  private static final class Counts implements OpenedMessageListener, RejectionListener {
    final Set<Integer> delivered = ConcurrentHashMap.newKeySet();
    final AtomicLong twice = new AtomicLong();
    final Map<Reason, AtomicLong> refused = new EnumMap<>(Reason.class);

    Counts() {
      for (Reason r : Reason.values()) {
        refused.put(r, new AtomicLong());
      }
    }

    @Override
    public void onMessage(OpenedMessage m, SecureMqttClient client) {
      if (!delivered.add(Tally.index(m.topic()))) {
        twice.incrementAndGet();
      }
    }

    @Override
    public void onRejected(String wireTopic, RejectedMessageException e) {
      refused.get(e.reason()).incrementAndGet();
    }

    long refusedTotal() {
      return refused.values().stream().mapToLong(AtomicLong::get).sum();
    }

    String byReason() {
      Map<String, Long> m = new TreeMap<>();
      refused.forEach((r, n) -> m.compute(r.name(), (k, v) -> n.get() == 0 ? null : n.get()));
      return m.toString().replace(" ", "");
    }
  }

  /**
   * The heap's highest use as sampled every 10 ms, its highest use right after a collection (what
   * the flood keeps alive), and the sum of each heap pool's own peak (an upper bound that also
   * catches a spike between two samples, such as a 64 MiB packet being read).
   */
  private static final class HeapWatch {
    long peakUsed;
    long peakAfterGc;

    void sample() {
      long used = 0;
      long afterGc = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          used += p.getUsage().getUsed();
          MemoryUsage c = p.getCollectionUsage();
          afterGc += c == null ? 0 : c.getUsed();
        }
      }
      peakUsed = Math.max(peakUsed, used);
      peakAfterGc = Math.max(peakAfterGc, afterGc);
    }

    long poolPeaks() {
      return ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .mapToLong(p -> p.getPeakUsage().getUsed())
          .sum();
    }
  }
}
