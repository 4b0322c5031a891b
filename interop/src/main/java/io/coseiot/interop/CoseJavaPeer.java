package io.coseiot.interop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * COSE-JAVA ({@code com.augustcellars.cose:cose-java} 1.1.0) as a peer inside the JVM. Its jars and
 * their old dependencies are copied by the build into {@code interop/target/cose-java-lib/} and
 * loaded through a {@link ChildFirstClassLoader}; this class reaches them only by reflection, so
 * none of them is ever on the core's class path.
 */
public final class CoseJavaPeer implements Peer {
  private static final HexFormat HEX = HexFormat.of();

  private final ChildFirstClassLoader loader;
  private final Class<?> cbor;
  private final Class<?> message;
  private final Class<?> messageTag;
  private final Class<?> oneKey;
  private final int protectedWhere;
  private final int unprotectedWhere;
  private final PeerResponse hello;

  private CoseJavaPeer(ChildFirstClassLoader loader) throws ReflectiveOperationException {
    this.loader = loader;
    cbor = loader.loadClass("com.upokecenter.cbor.CBORObject");
    message = loader.loadClass("COSE.Message");
    messageTag = loader.loadClass("COSE.MessageTag");
    oneKey = loader.loadClass("COSE.OneKey");
    Class<?> attribute = loader.loadClass("COSE.Attribute");
    protectedWhere = attribute.getField("PROTECTED").getInt(null);
    unprotectedWhere = attribute.getField("UNPROTECTED").getInt(null);
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("ok", true).put("name", "cose-java").put("version", "1.1.0").put("protocol", 1);
    var algs = h.putArray("algorithms");
    for (Object a : loader.loadClass("COSE.AlgorithmID").getEnumConstants()) {
      Object c = a.getClass().getMethod("AsCBOR").invoke(a);
      algs.add((Integer) cbor.getMethod("AsInt32").invoke(c));
    }
    var ops = h.putArray("ops");
    List.of("encrypt0", "decrypt0", "sign1", "verify1", "mac0", "verify_mac0").forEach(ops::add);
    hello = new PeerResponse(h);
  }

  /**
   * Returns the folder the build copies COSE-JAVA's jars into: {@code $cose.java.lib}, else {@code
   * interop/target/cose-java-lib} under {@code $cose.tck.root} or the working directory.
   *
   * @return the folder
   */
  public static Path libraryDir() {
    String p = System.getProperty("cose.java.lib");
    if (p != null) {
      return Path.of(p);
    }
    Path root = Path.of(System.getProperty("cose.tck.root", "."));
    Path inRepo = root.resolve("interop/target/cose-java-lib");
    return Files.isDirectory(inRepo) ? inRepo : root.resolve("target/cose-java-lib");
  }

  /**
   * Loads COSE-JAVA from {@link #libraryDir()}.
   *
   * @return the peer
   * @throws IOException if the jars are missing; the message says how to get them
   */
  public static CoseJavaPeer load() throws IOException {
    Path dir = libraryDir();
    List<URL> urls = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path jar : s.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
          urls.add(jar.toUri().toURL());
        }
      }
    }
    if (urls.isEmpty()) {
      throw new IOException(
          "no COSE-JAVA jars in " + dir + "; run: mvn -q -pl interop -am package -DskipTests");
    }
    try {
      return new CoseJavaPeer(new ChildFirstClassLoader(urls.toArray(URL[]::new)));
    } catch (ReflectiveOperationException e) {
      throw new IOException("COSE-JAVA did not load from " + dir + ": " + e, e);
    }
  }

  @Override
  public String name() {
    return "cose-java";
  }

  @Override
  public PeerResponse hello() {
    return hello;
  }

  @Override
  public PeerResponse call(ObjectNode req) {
    String op = req.path("op").asText();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    boolean creating = op.equals("encrypt0") || op.equals("sign1") || op.equals("mac0");
    try {
      switch (op) {
        case "hello" -> {
          return hello;
        }
        case "encrypt0", "sign1", "mac0" -> out.put("message", HEX.formatHex(create(op, req)));
        case "decrypt0", "verify1", "verify_mac0" -> {
          byte[] content = open(op, req);
          if (content == null) {
            return failure("rejected", op + ": does not verify");
          }
          out.put(op.equals("decrypt0") ? "plaintext" : "payload", HEX.formatHex(content));
        }
        default -> {
          return failure("unsupported", "unknown op " + op);
        }
      }
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      String text = String.valueOf(c);
      boolean unsupported = text.contains("Unsupported") || text.contains("Unknown");
      return failure(
          creating ? (unsupported ? "unsupported" : "error") : "rejected", op + ": " + text);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return failure(creating ? "error" : "rejected", op + ": " + e);
    }
    out.put("ok", true);
    return new PeerResponse(out);
  }

  private static PeerResponse failure(String kind, String why) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("ok", false).put("kind", kind).put("error", why);
    return new PeerResponse(o);
  }

  private Object cbor(byte[] data) throws ReflectiveOperationException {
    return cbor.getMethod("DecodeFromBytes", byte[].class).invoke(null, (Object) data);
  }

  private byte[] hex(ObjectNode req, String field) {
    return HEX.parseHex(req.path(field).asText(""));
  }

  /** The symmetric key bytes (label -1) of an encoded COSE_Key. */
  private byte[] symmetricKey(byte[] key) throws ReflectiveOperationException {
    Object map = cbor(key);
    Object k = cbor.getMethod("get", cbor).invoke(map, cborInt(-1));
    if (k == null) {
      throw new IllegalArgumentException("key has no k");
    }
    if (cbor.getMethod("get", cbor).invoke(map, cborInt(5)) != null) {
      throw new UnsupportedOperationException("Unsupported: COSE-JAVA takes no Base IV");
    }
    return (byte[]) cbor.getMethod("GetByteString").invoke(k);
  }

  private Object cborInt(int v) throws ReflectiveOperationException {
    return cbor.getMethod("FromObject", int.class).invoke(null, v);
  }

  private Object key(byte[] key) throws ReflectiveOperationException {
    return oneKey.getConstructor(cbor).newInstance(cbor(key));
  }

  private void addAll(Object msg, byte[] mapBytes, int where) throws ReflectiveOperationException {
    if (mapBytes.length == 0) {
      return;
    }
    Object map = cbor(mapBytes);
    Method add = msg.getClass().getMethod("addAttribute", cbor, cbor, int.class);
    Method get = cbor.getMethod("get", cbor);
    for (Object label : (Collection<?>) cbor.getMethod("getKeys").invoke(map)) {
      add.invoke(msg, label, get.invoke(map, label), where);
    }
  }

  private byte[] create(String op, ObjectNode req) throws ReflectiveOperationException {
    boolean tagged = req.path("tagged").asBoolean(true);
    byte[] key = hex(req, "key");
    Object msg =
        switch (op) {
          case "encrypt0" ->
              loader
                  .loadClass("COSE.Encrypt0Message")
                  .getConstructor(boolean.class, boolean.class)
                  .newInstance(tagged, true);
          case "sign1" ->
              loader
                  .loadClass("COSE.Sign1Message")
                  .getConstructor(boolean.class, boolean.class)
                  .newInstance(tagged, true);
          default -> loader.loadClass("COSE.MAC0Message").getConstructor().newInstance();
        };
    Field emitTag = message.getDeclaredField("emitTag");
    emitTag.setAccessible(true);
    emitTag.setBoolean(msg, tagged);
    addAll(msg, hex(req, "protected"), protectedWhere);
    addAll(msg, hex(req, "unprotected"), unprotectedWhere);
    message
        .getMethod("SetContent", byte[].class)
        .invoke(msg, hex(req, op.equals("encrypt0") ? "plaintext" : "payload"));
    msg.getClass().getMethod("setExternal", byte[].class).invoke(msg, hex(req, "external_aad"));
    switch (op) {
      case "encrypt0" ->
          msg.getClass().getMethod("encrypt", byte[].class).invoke(msg, symmetricKey(key));
      case "sign1" -> msg.getClass().getMethod("sign", oneKey).invoke(msg, key(key));
      default -> msg.getClass().getMethod("Create", byte[].class).invoke(msg, symmetricKey(key));
    }
    return (byte[]) message.getMethod("EncodeToBytes").invoke(msg);
  }

  /** Returns the content, or null if the signature or tag does not verify. */
  private byte[] open(String op, ObjectNode req) throws ReflectiveOperationException {
    String tagName =
        switch (op) {
          case "decrypt0" -> "Encrypt0";
          case "verify1" -> "Sign1";
          default -> "MAC0";
        };
    Object tag = messageTag.getField(tagName).get(null);
    Object msg =
        message
            .getMethod("DecodeFromBytes", byte[].class, messageTag)
            .invoke(null, hex(req, "message"), tag);
    msg.getClass().getMethod("setExternal", byte[].class).invoke(msg, hex(req, "external_aad"));
    byte[] key = hex(req, "key");
    switch (op) {
      case "decrypt0" -> {
        return (byte[])
            msg.getClass().getMethod("decrypt", byte[].class).invoke(msg, symmetricKey(key));
      }
      case "verify1" -> {
        boolean ok = (Boolean) msg.getClass().getMethod("validate", oneKey).invoke(msg, key(key));
        return ok ? (byte[]) message.getMethod("GetContent").invoke(msg) : null;
      }
      default -> {
        boolean ok =
            (Boolean)
                msg.getClass().getMethod("Validate", byte[].class).invoke(msg, symmetricKey(key));
        return ok ? (byte[]) message.getMethod("GetContent").invoke(msg) : null;
      }
    }
  }

  @Override
  public void close() {
    try {
      loader.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
