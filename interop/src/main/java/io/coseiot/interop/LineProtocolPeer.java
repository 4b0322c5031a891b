package io.coseiot.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer in another process that speaks the line protocol on its standard input and output. One
 * process serves every request; its standard error is kept for reports.
 *
 * <p>A peer that misbehaves costs one vector, not the run: if it exits, does not answer within the
 * command's timeout, writes a line that is not a JSON object or answers with another id, that
 * request gets an {@code error} response saying so, with the tail of what the peer wrote to
 * standard error meanwhile; the process is killed and the next request starts it again (at most
 * {@link #MAX_RESTARTS} times).
 */
public final class LineProtocolPeer implements Peer {
  /** How often a peer is restarted before every further request fails at once. */
  public static final int MAX_RESTARTS = 20;

  /** The longest response line the protocol allows. */
  static final int MAX_LINE = 1 << 20;

  /** Starting a process and its first {@code hello} may take longer than one request (a JVM). */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private static final int TAIL = 2000;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PeerCommand command;
  private final StderrTail stderr = new StderrTail();
  private final String name;
  private final PeerResponse hello;
  private Running running;
  private long nextId = 1;
  private int restarts;

  /**
   * Starts the peer process with the default timeout and says hello.
   *
   * @param name the peer's name
   * @param command the command line
   * @throws IOException if the process does not start
   */
  public LineProtocolPeer(String name, List<String> command) throws IOException {
    this(PeerCommand.of(name, command));
  }

  /**
   * Starts the peer process and says hello. A hello that fails is kept as the {@link #hello()}
   * response rather than thrown, so the caller can report it.
   *
   * @param command how to start it; without a name, the peer takes its hello's {@code name}
   * @throws IOException if the process does not start
   */
  public LineProtocolPeer(PeerCommand command) throws IOException {
    this.command = command;
    // What the process writes to stderr from its start belongs to its hello's report.
    long mark = stderr.mark();
    this.running = launch();
    this.hello = exchange(helloRequest(), START_TIMEOUT, mark);
    String said = hello.body().path("name").asText("");
    this.name =
        command.name() != null ? command.name() : PeerCommand.isName(said) ? said : "command";
  }

  private static ObjectNode helloRequest() {
    return JsonNodeFactory.instance.objectNode().put("op", "hello");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PeerResponse hello() {
    return hello;
  }

  /**
   * Returns the tail of what the peer wrote to standard error so far, across restarts.
   *
   * @return the text, at most 64 KiB
   */
  public String stderr() {
    return stderr.all();
  }

  /**
   * Returns how often the peer was restarted after misbehaving.
   *
   * @return the count
   */
  public synchronized int restarts() {
    return restarts;
  }

  @Override
  public synchronized PeerResponse call(ObjectNode request) {
    if (running == null) {
      if (restarts >= MAX_RESTARTS) {
        return PeerResponse.error("peer not restarted: it failed " + restarts + " times already");
      }
      restarts++;
      long mark = stderr.mark();
      try {
        running = launch();
      } catch (IOException e) {
        return PeerResponse.error("peer could not be restarted: " + e.getMessage());
      }
      PeerResponse again = exchange(helloRequest(), START_TIMEOUT, mark);
      if (!again.ok()) {
        return PeerResponse.error("peer restarted but its hello failed: " + again.error());
      }
    }
    return exchange(request, command.timeout(), stderr.mark());
  }

  /**
   * Sends one request to the running process and reads its answer, or says what went wrong with
   * what the peer wrote to stderr since {@code mark}.
   */
  private PeerResponse exchange(ObjectNode request, Duration timeout, long mark) {
    Running p = running;
    long id = nextId++;
    ObjectNode r = request.deepCopy();
    r.put("id", id);
    try {
      p.in.write(MAPPER.writeValueAsBytes(r));
      p.in.write('\n');
      p.in.flush();
    } catch (IOException e) {
      return failed(p, ended(p), mark);
    }
    Line line;
    try {
      line = p.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(p, "interrupted while waiting for the peer", mark);
    }
    if (line == null) {
      return failed(p, "peer timed out after " + seconds(timeout), mark);
    }
    if (line.eof()) {
      return failed(p, ended(p), mark);
    }
    if (line.text() == null) {
      return failed(p, "peer answered garbage: a line longer than 1 MiB", mark);
    }
    JsonNode resp;
    try {
      resp = MAPPER.readTree(line.text());
    } catch (IOException e) {
      resp = null;
    }
    if (resp == null || !resp.isObject()) {
      return failed(p, "peer answered garbage: " + shorten(line.text()), mark);
    }
    JsonNode got = resp.get("id");
    if (got == null || !got.canConvertToLong()) {
      return failed(p, "peer answered without an id to request " + id, mark);
    }
    if (got.asLong() != id) {
      return failed(p, "peer answered id " + got.asText() + " to request " + id, mark);
    }
    return new PeerResponse((ObjectNode) resp);
  }

  /** Why the process stopped answering: its exit status, once it has one. */
  private static String ended(Running p) {
    try {
      if (p.process.waitFor(2, TimeUnit.SECONDS)) {
        int code = p.process.exitValue();
        return code == 0
            ? "peer exited before answering: exit 0"
            : "peer crashed: exit " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "peer closed its standard output";
  }

  /** Kills the process, so the next request restarts it, and reports why with its stderr. */
  private PeerResponse failed(Running p, String why, long mark) {
    try {
      // What the peer wrote to stderr just before may still be in the pipe: let it arrive.
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill(p);
    running = null;
    String tail = stderr.since(mark, TAIL);
    return PeerResponse.error(
        tail.isEmpty() ? why : why + "; stderr: " + tail.strip().replace("\n", " | "));
  }

  private void kill(Running p) {
    p.process.descendants().forEach(ProcessHandle::destroyForcibly);
    p.process.destroyForcibly();
    try {
      p.process.waitFor(2, TimeUnit.SECONDS);
      // The stderr drain ends with the process; wait briefly so its last lines are in the tail.
      p.drain.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0
        ? ms / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public synchronized void close() {
    Running p = running;
    running = null;
    if (p == null) {
      return;
    }
    try {
      exchangeShutdown(p);
      p.in.close();
      if (!p.process.waitFor(5, TimeUnit.SECONDS)) {
        kill(p);
      }
    } catch (IOException e) {
      kill(p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(p);
    }
  }

  private void exchangeShutdown(Running p) throws IOException, InterruptedException {
    ObjectNode r = JsonNodeFactory.instance.objectNode().put("op", "shutdown");
    r.put("id", nextId++);
    p.in.write(MAPPER.writeValueAsBytes(r));
    p.in.write('\n');
    p.in.flush();
    p.lines.poll(2, TimeUnit.SECONDS);
  }

  private Running launch() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command.argv());
    if (command.dir() != null) {
      pb.directory(command.dir().toFile());
    }
    pb.environment().putAll(command.env());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot start " + String.join(" ", command.argv()) + ": " + e.getMessage(), e);
    }
    BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    Thread reader = daemon(() -> readLines(process.getInputStream(), lines), "stdout");
    Thread drain = daemon(() -> stderr.drain(process.getErrorStream()), "stderr");
    reader.start();
    drain.start();
    return new Running(process, process.getOutputStream(), lines, drain);
  }

  private Thread daemon(Runnable r, String what) {
    Thread t = new Thread(r, "peer-" + what);
    t.setDaemon(true);
    return t;
  }

  /** Splits the peer's output into lines, a line over {@link #MAX_LINE} becoming a null text. */
  private static void readLines(InputStream raw, BlockingQueue<Line> lines) {
    try (InputStream in = new BufferedInputStream(raw)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean tooLong = false;
      for (int b; (b = in.read()) >= 0; ) {
        if (b == '\n') {
          lines.add(new Line(tooLong ? null : line.toString(StandardCharsets.UTF_8), false));
          line.reset();
          tooLong = false;
        } else if (line.size() >= MAX_LINE) {
          tooLong = true;
        } else {
          line.write(b);
        }
      }
    } catch (IOException e) {
      // the process ended or was killed
    }
    lines.add(new Line(null, true));
  }

  /** One line of the peer's output, or the end of it. */
  private record Line(String text, boolean eof) {}

  /** One started process of the peer. */
  private record Running(
      Process process, OutputStream in, BlockingQueue<Line> lines, Thread drain) {}
}
