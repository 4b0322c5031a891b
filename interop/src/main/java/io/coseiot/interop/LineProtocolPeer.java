package io.coseiot.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer in another process that speaks the line protocol on its standard input and output. One
 * process serves every request; its standard error is kept for reports.
 */
public final class LineProtocolPeer implements Peer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String name;
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final StringBuffer stderr = new StringBuffer();
  private final PeerResponse hello;
  private long nextId = 1;

  /**
   * Starts the peer process and says hello.
   *
   * @param name the peer's name
   * @param command the command line
   * @throws IOException if the process does not start
   */
  public LineProtocolPeer(String name, List<String> command) throws IOException {
    this.name = name;
    this.process = new ProcessBuilder(command).start();
    this.in =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                  if (stderr.length() < 1 << 16) {
                    stderr.append(line).append('\n');
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            name + "-stderr");
    drain.setDaemon(true);
    drain.start();
    this.hello = call(JsonNodeFactory.instance.objectNode().put("op", "hello"));
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
   * Returns what the peer wrote to standard error so far.
   *
   * @return the text, at most 64 KiB
   */
  public String stderr() {
    return stderr.toString();
  }

  @Override
  public synchronized PeerResponse call(ObjectNode request) {
    long id = nextId++;
    ObjectNode r = request.deepCopy();
    r.put("id", id);
    try {
      in.write(MAPPER.writeValueAsString(r));
      in.write('\n');
      in.flush();
      String line = out.readLine();
      if (line == null) {
        return PeerResponse.error(name + " exited; stderr: " + stderr());
      }
      JsonNode resp = MAPPER.readTree(line);
      if (!resp.isObject() || resp.path("id").asLong(-1) != id) {
        return PeerResponse.error(name + " answered out of order: " + line);
      }
      return new PeerResponse((ObjectNode) resp);
    } catch (IOException e) {
      return PeerResponse.error(name + " I/O: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      call(JsonNodeFactory.instance.objectNode().put("op", "shutdown"));
      in.close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
