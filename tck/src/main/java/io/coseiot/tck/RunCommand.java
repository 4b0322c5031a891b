package io.coseiot.tck;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.interop.DeviceBuild;
import io.coseiot.interop.LineProtocolPeer;
import io.coseiot.interop.PeerRegistry;
import io.coseiot.interop.PyCoseEnvironment;
import io.coseiot.interop.broker.EmbeddedBroker;
import io.coseiot.interop.mqtt.CoseJavaMqttPeer;
import io.coseiot.interop.mqtt.MqttRoundTrips;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.VectorGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cose-tck run}: the conformance matrix. Vector suites (the COSE WG Examples in {@code
 * <shared>/vectors}, and our generated sets for both profiles) x the library itself and every peer
 * x both directions. Writes JUnit XML, an HTML page and report.json to {@code target/tck-report/}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    header = "Runs the conformance matrix: every vector suite through the library and each peer.",
    version = CoseTck.VERSION,
    description = {
      "Runs the conformance matrix: vector suites x library and peers x directions, then MQTT"
          + " round trips (JVM <-> pyCOSE, COSE-JAVA and C device over MQTT 5, JVM <-> C device"
          + " over MQTT 3.1.1) through an embedded HiveMQ CE broker.",
      "Peers: the built-in ones (pycose, cose-java, device, rust-coset), those of --peers FILE"
          + " and your own as --peer NAME=COMMAND. A peer that crashes, hangs or answers garbage"
          + " fails that vector (with its stderr in the report) and is restarted.",
      "Exits 0 if nothing was unexpected, 1 on an unexpected result or a peer that is not"
          + " available, 2 on usage errors."
    })
final class RunCommand implements Callable<Integer> {
  /** Set by the launcher script to the repository root; ../shared is found beside it. */
  static final String ROOT_PROPERTY = "cose.tck.root";

  @Spec CommandSpec spec;

  @Option(
      names = "--shared",
      paramLabel = "DIR",
      description = "The shared folder (default: ../shared beside the repository).")
  Path shared;

  @Option(
      names = "--suite",
      paramLabel = "wg|device|full",
      description = "Suites to run (default: all three).")
  List<String> suiteNames = new ArrayList<>();

  @Mixin Peers peerOptions;

  @Option(names = "--no-peers", description = "Run the library's own checks only.")
  boolean noPeers;

  @Option(
      names = "--no-mqtt",
      description = "Skip the MQTT round trips through the embedded broker.")
  boolean noMqtt;

  @Option(names = "--report", paramLabel = "DIR", description = "Default: target/tck-report.")
  Path report;

  @Override
  public Integer call() throws IOException, CoseException {
    PrintWriter out = spec.commandLine().getOut();
    if (shared != null) {
      // The device peer builds tinycbor and mbedTLS from the same shared folder's third_party.
      System.setProperty(DeviceBuild.SHARED_PROPERTY, shared.toAbsolutePath().toString());
    }
    Path root = Path.of(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
    Map<String, Path> suites = new LinkedHashMap<>();
    List<String> wanted = suiteNames.isEmpty() ? List.of("wg", "device", "full") : suiteNames;
    for (String s : wanted) {
      switch (s) {
        case "wg" -> {
          Path wg = sharedDir().resolve("vectors/cose-wg-examples");
          if (!Files.isDirectory(wg)) {
            spec.commandLine().getErr().println("cose-tck: no Examples suite at " + wg);
            return 2;
          }
          suites.put("cose-wg-examples", wg);
        }
        case "device", "full" -> {
          Path dir = root.resolve("target/tck-vectors/" + s);
          deleteTree(dir);
          new VectorGenerator(Profile.of(s), 1).write(dir);
          suites.put("generated-" + s, dir);
        }
        default -> {
          spec.commandLine().getErr().println("cose-tck: unknown suite " + s);
          return 2;
        }
      }
    }
    PeerRegistry registry;
    List<String> peers;
    try {
      registry = peerOptions.registry();
      peers = noPeers ? List.of() : peerOptions.selected(registry);
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("cose-tck: " + e.getMessage());
      return 2;
    }
    Matrix m = new Matrix();
    out.println("cose-tck run: " + suites.keySet());
    suites.forEach((name, dir) -> m.jvmSuite(name, dir, out));
    for (String p : peers) {
      runPeer(m, p, registry.entry(p).launcher(), suites, out);
    }
    // Round trips belong to the built-in peers; a name given another command has none.
    List<MqttRoundTrips.Trip> trips =
        noMqtt ? List.of() : trips(peers.stream().filter(registry::isBuiltIn).toList(), m);
    if (!trips.isEmpty()) {
      mqtt(trips, m, out);
    }
    m.print(out);
    Path dir = report != null ? report : root.resolve("target/tck-report");
    Reports.write(m, dir);
    out.println(
        "report: "
            + dir.resolve("index.html")
            + ", "
            + dir.resolve("TEST-cose-tck.xml")
            + ", "
            + dir.resolve("report.json"));
    out.println(Verify.closingLine(m));
    out.flush();
    return m.unexpected() == 0 && m.unavailable.isEmpty() ? 0 : 1;
  }

  /** Replays every suite against one peer; an unavailable peer is recorded with why. */
  static void runPeer(
      Matrix m,
      String label,
      PeerRegistry.Launcher launcher,
      Map<String, Path> suites,
      PrintWriter out) {
    try (LineProtocolPeer peer = PeerRegistry.start(launcher.prepare())) {
      String p = peer.name();
      m.versions.put(p, peer.hello().body().path("version").asText() + " " + peer.hello());
      suites.forEach((name, dir) -> m.peerSuite(name, dir, peer, out));
      if (peer.restarts() > 0) {
        m.versions.merge(p, "; restarted " + peer.restarts() + " times", String::concat);
        out.println("  peer " + p + " misbehaved and was restarted " + peer.restarts() + " times");
      }
    } catch (IOException e) {
      m.unavailable.put(label, e.getMessage());
    }
  }

  /** The round trips of the peers that run and are available (others are already reported). */
  private static List<MqttRoundTrips.Trip> trips(List<String> peers, Matrix m) {
    List<MqttRoundTrips.Trip> trips = new ArrayList<>();
    if (peers.contains("pycose") && !m.unavailable.containsKey("pycose")) {
      try {
        List<String> py = PyCoseEnvironment.standard().mqttCommand();
        trips.add(
            new MqttRoundTrips.Trip(
                "mqtt-v5", "pycose", py, MqttVersion.V5, Algorithm.A128GCM, "02", null));
      } catch (IOException e) {
        m.unavailable.put("pycose", e.getMessage());
      }
    }
    if (peers.contains("cose-java") && !m.unavailable.containsKey("cose-java")) {
      // COSE-JAVA has no counter-mode nonce: random IVs both ways, as with pyCOSE.
      trips.add(
          new MqttRoundTrips.Trip(
              "mqtt-v5",
              "cose-java",
              List.of(CoseJavaMqttPeer.COMMAND),
              MqttVersion.V5,
              Algorithm.A128GCM,
              null,
              null));
    }
    if (peers.contains(DeviceBuild.NAME) && !m.unavailable.containsKey(DeviceBuild.NAME)) {
      try {
        List<String> dev = List.of(Peers.device().mqttDevice().toString());
        trips.add(
            new MqttRoundTrips.Trip(
                "mqtt-v5",
                DeviceBuild.NAME,
                dev,
                MqttVersion.V5,
                Algorithm.A128GCM,
                "01",
                new byte[] {0x0a}));
        trips.add(
            new MqttRoundTrips.Trip(
                "mqtt-3.1.1",
                DeviceBuild.NAME,
                dev,
                MqttVersion.V3_1_1,
                Algorithm.AES_CCM_16_64_128,
                null,
                new byte[] {0x0b}));
      } catch (IOException e) {
        m.unavailable.put(DeviceBuild.NAME, e.getMessage());
      }
    }
    return trips;
  }

  /** Runs the round trips through one embedded broker, stopped afterwards whatever happens. */
  private static void mqtt(List<MqttRoundTrips.Trip> trips, Matrix m, PrintWriter out) {
    long t0 = System.nanoTime();
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      out.printf("  %-22s started in %.1fs%n", "embedded broker", (System.nanoTime() - t0) / 1e9);
      for (MqttRoundTrips.Trip t : trips) {
        long t1 = System.nanoTime();
        m.mqttTrip(t, MqttRoundTrips.run(t, "127.0.0.1", broker.port()), t1, out);
      }
    } catch (Exception e) {
      m.unavailable.put("mqtt broker", "the embedded HiveMQ CE broker did not start: " + e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private Path sharedDir() {
    if (shared != null) {
      return shared;
    }
    String fromBuild = System.getProperty("cose.shared.dir");
    if (fromBuild != null) {
      return Path.of(fromBuild);
    }
    return Path.of(System.getProperty(ROOT_PROPERTY, ".")).resolve("../shared").normalize();
  }
}
