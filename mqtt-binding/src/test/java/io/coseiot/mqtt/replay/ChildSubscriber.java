package io.coseiot.mqtt.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.coseiot.mqtt.replay.ReplayFixtures.Captured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ReplaySubscriberMain} in its own JVM, fed through its standard input; what it answered
 * is collected by a reader thread, so that it is all there even after the process is killed.
 */
final class ChildSubscriber {
  final String name;
  private final Process process;
  private final Path log;
  private final OutputStream stdin;
  private final Thread reader;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final BlockingQueue<Long> marks = new LinkedBlockingQueue<>();

  /** Index to "OK" or the rejection reason, in the order answered. */
  final Map<Integer, String> outcomes = new ConcurrentHashMap<>();

  private ChildSubscriber(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.stdin = process.getOutputStream();
    this.reader = new Thread(this::read, "child-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the child with its arguments; its standard error goes to a log file in {@code dir}. */
  static ChildSubscriber start(Path dir, String name, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd =
        new ArrayList<>(List.of(java, "-cp", cp, ReplaySubscriberMain.class.getName()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve(name + ".log");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    ChildSubscriber c = new ChildSubscriber(name, p, log);
    if (!c.ready.await(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(name + " did not start: " + c.log());
    }
    return c;
  }

  private void read() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(" ");
        if (f[0].equals("READY")) {
          ready.countDown();
        } else if (f[0].equals("MARK")) {
          marks.add(Long.parseLong(f[1]));
        } else if (f[0].equals("OK")) {
          outcomes.put(Integer.parseInt(f[1]), "OK");
        } else if (f[0].equals("REJECT")) {
          outcomes.put(Integer.parseInt(f[1]), f[2]);
        }
      }
    } catch (IOException e) {
      // The process died; what it wrote before is in outcomes.
    }
  }

  /** Sends one message; false once the child is gone. */
  boolean send(Captured c) {
    try {
      stdin.write((c.line() + "\n").getBytes(UTF_8));
      stdin.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The persisted mark of the counter sender, as the child's durable state has it. */
  long mark() throws Exception {
    stdin.write("MARK\n".getBytes(UTF_8));
    stdin.flush();
    Long m = marks.poll(30, TimeUnit.SECONDS);
    if (m == null) {
      throw new IOException(name + " did not answer MARK: " + log());
    }
    return m;
  }

  /** Waits until the child has answered at least {@code n} messages. */
  void awaitAnswers(int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (outcomes.size() < n) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IOException(name + " answered " + outcomes.size() + " of " + n + ": " + log());
      }
      Thread.sleep(2);
    }
  }

  /** Kills the child outright (SIGKILL: no shutdown hook, no close) and collects what it said. */
  void kill() throws Exception {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    reader.join(30_000);
  }

  /** Ends its input and waits for a clean exit. */
  void finish() throws Exception {
    stdin.close();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(name + " did not exit cleanly: " + log());
    }
    reader.join(30_000);
  }

  /** Indices it accepted. */
  List<Integer> accepted() {
    List<Integer> ok = new ArrayList<>();
    outcomes.forEach(
        (i, r) -> {
          if (r.equals("OK")) {
            ok.add(i);
          }
        });
    return ok;
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
