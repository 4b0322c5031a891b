package io.coseiot.interop.cosejava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Answers peer line protocol version 2 requests (docs/peer-protocol.md) with COSE-JAVA 1.1.0,
 * reached by reflection through its own class loader. Used inside the TCK's JVM (where its JCA
 * providers stay unregistered, so AES-CCM and EdDSA are refused) and by {@link CoseJavaPeerMain} in
 * a JVM of its own (where they are registered and work). Not thread-safe.
 */
public final class CoseJavaAdapter implements AutoCloseable {
  /** The ops it answers besides {@code hello} and {@code shutdown}. */
  public static final List<String> OPS =
      List.of(
          "encrypt0",
          "decrypt0",
          "sign1",
          "verify1",
          "mac0",
          "verify_mac0",
          "encrypt",
          "decrypt",
          "mac",
          "verify_mac",
          "sign",
          "verify");

  /** AES-CCM (10..13, 30..33) and EdDSA (-8): COSE-JAVA reaches them only through its providers. */
  private static final Set<Integer> PROVIDER_ALGORITHMS =
      Set.of(10, 11, 12, 13, 30, 31, 32, 33, -8);

  private static final Set<String> CREATING =
      Set.of("encrypt0", "sign1", "mac0", "encrypt", "mac", "sign");

  private final CoseJavaLibrary lib;
  private final SingleOps single;
  private final RecipientOps recipients;
  private final SignOps signs;
  private final ObjectNode hello;

  private CoseJavaAdapter(CoseJavaLibrary lib, boolean providers)
      throws ReflectiveOperationException {
    this.lib = lib;
    single = new SingleOps(lib);
    recipients = new RecipientOps(lib);
    signs = new SignOps(lib);
    hello = JsonNodeFactory.instance.objectNode();
    hello.put("ok", true).put("name", "cose-java").put("version", "1.1.0").put("protocol", 2);
    ArrayNode algs = hello.putArray("algorithms");
    for (Object a : lib.type("COSE.AlgorithmID").getEnumConstants()) {
      int id = lib.asInt(a.getClass().getMethod("AsCBOR").invoke(a));
      if (providers || !PROVIDER_ALGORITHMS.contains(id)) {
        algs.add(id);
      }
    }
    OPS.forEach(hello.putArray("ops")::add);
  }

  /**
   * Loads COSE-JAVA from a folder of jars.
   *
   * @param dir the folder
   * @param registerProviders whether to register its Bouncy Castle and EdDSA providers JVM-wide:
   *     only in a JVM that runs nothing else
   * @return the adapter
   * @throws IOException if the jars are missing or do not load; the message says how to get them
   */
  public static CoseJavaAdapter load(Path dir, boolean registerProviders) throws IOException {
    CoseJavaLibrary lib = CoseJavaLibrary.load(dir);
    try {
      if (registerProviders) {
        lib.registerProviders();
      }
      return new CoseJavaAdapter(lib, registerProviders);
    } catch (ReflectiveOperationException e) {
      lib.close();
      throw new IOException("COSE-JAVA did not load from " + dir + ": " + e, e);
    }
  }

  /**
   * Returns the answer to {@code hello}: protocol 2, every op, and the algorithms it can use here.
   *
   * @return a fresh copy
   */
  public ObjectNode hello() {
    return hello.deepCopy();
  }

  /**
   * Answers one request; never throws.
   *
   * @param req the request ({@code id} is the caller's business)
   * @return the response, without {@code id}
   */
  public ObjectNode call(JsonNode req) {
    String op = req.path("op").asText();
    boolean creating = CREATING.contains(op);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    try {
      switch (op) {
        case "hello" -> {
          return hello();
        }
        case "encrypt0", "sign1", "mac0" -> created(out, single.create(op, req));
        case "encrypt", "mac" -> created(out, recipients.create(op, req));
        case "sign" -> created(out, signs.create(req));
        case "decrypt0", "verify1", "verify_mac0" -> opened(out, op, single.open(op, req));
        case "decrypt", "verify_mac" -> opened(out, op, recipients.open(op, req));
        case "verify" -> opened(out, op, signs.open(req));
        default -> {
          return failure("unsupported", "unknown op " + op);
        }
      }
    } catch (Unsupported e) {
      return failure("unsupported", op + ": " + e.getMessage());
    } catch (Rejected e) {
      return failure("rejected", op + ": " + e.getMessage());
    } catch (InvocationTargetException e) {
      String text = String.valueOf(CoseJavaLibrary.cause(e));
      if (!creating) {
        // A recipient algorithm COSE-JAVA names but does not implement (its spelling) is a gap;
        // anything else it refuses is the message's fault.
        boolean gap = text.contains("Unsupported Recipent Algorithm");
        return failure(gap ? "unsupported" : "rejected", op + ": " + text);
      }
      boolean unsupported =
          text.contains("Unsupported")
              || text.contains("Unknown")
              || text.contains("not supported");
      return failure(unsupported ? "unsupported" : "error", op + ": " + text);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Garbage in a message to open is the sender's fault; in a creating request, ours.
      return failure(creating ? "error" : "rejected", op + ": " + e);
    }
    return out.put("ok", true);
  }

  private static void created(ObjectNode out, Created c) {
    out.put("message", Fields.HEX.formatHex(c.message()));
    if (c.detachedContent() != null) {
      out.put("detached_content", Fields.HEX.formatHex(c.detachedContent()));
    }
  }

  private static void opened(ObjectNode out, String op, byte[] content) throws Rejected {
    if (content == null) {
      throw new Rejected("does not verify");
    }
    out.put(op.startsWith("decrypt") ? "plaintext" : "payload", Fields.HEX.formatHex(content));
  }

  private static ObjectNode failure(String kind, String why) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    return o.put("ok", false).put("kind", kind).put("error", why);
  }

  @Override
  public void close() {
    try {
      lib.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
