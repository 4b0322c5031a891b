package io.coseiot.interop.cosejava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * COSE-JAVA as a line-protocol peer in a JVM of its own: reads one JSON request per line on
 * standard input and writes one response per line on standard output. Here, and only here,
 * COSE-JAVA's Bouncy Castle and EdDSA providers are registered JVM-wide, so its AES-CCM and EdDSA
 * work without ever reaching the core library's JVM.
 *
 * <p>Usage: {@code java -cp INTEROP_CLASSES:JACKSON io.coseiot.interop.cosejava.CoseJavaPeerMain
 * COSE_JAVA_LIB_DIR}
 */
public final class CoseJavaPeerMain {
  /** Longest request line accepted (docs/peer-protocol.md). */
  private static final int MAX_LINE = 1 << 20;

  private CoseJavaPeerMain() {}

  /**
   * Serves requests until {@code shutdown} or the end of standard input.
   *
   * @param args the folder of COSE-JAVA's jars
   * @throws IOException if standard input or output fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CoseJavaPeerMain COSE_JAVA_LIB_DIR");
      System.exit(2);
    }
    ObjectMapper json = new ObjectMapper();
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (CoseJavaAdapter cose = CoseJavaAdapter.load(Path.of(args[0]), true)) {
      for (String line; (line = in.readLine()) != null; ) {
        ObjectNode resp;
        JsonNode req = null;
        if (line.length() > MAX_LINE) {
          resp = failure("request longer than 1 MiB");
        } else {
          try {
            req = json.readTree(line);
          } catch (IOException e) {
            req = null;
          }
          if (req == null || !req.isObject()) {
            resp = failure("not a JSON object: " + abbreviate(line));
          } else if (req.path("op").asText().equals("shutdown")) {
            resp = JsonNodeFactory.instance.objectNode().put("ok", true);
          } else {
            resp = cose.call(req);
          }
        }
        JsonNode id = req == null ? null : req.get("id");
        ObjectNode framed = JsonNodeFactory.instance.objectNode();
        framed.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        framed.setAll(resp);
        out.write(json.writeValueAsString(framed));
        out.write('\n');
        out.flush();
        if (req != null && req.path("op").asText().equals("shutdown")) {
          return;
        }
      }
    }
  }

  private static ObjectNode failure(String why) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("ok", false)
        .put("kind", "error")
        .put("error", why);
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }
}
