package io.coseiot.interop.cosejava;

import io.coseiot.interop.ChildFirstClassLoader;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * COSE-JAVA 1.1.0 and its old dependencies (CBOR 4.0.1, Bouncy Castle 1.62, net.i2p EdDSA) loaded
 * through a {@link ChildFirstClassLoader}, reached only by reflection: the small set of calls the
 * peer operations make, each by exact signature so overloads cannot be confused.
 */
final class CoseJavaLibrary implements AutoCloseable {
  private static final int OKP = 1;
  private static final int ED25519 = 6;

  private final ChildFirstClassLoader loader;
  final Class<?> cbor;
  final Class<?> message;
  final Class<?> messageTag;
  final Class<?> oneKeyType;
  final Class<?> attribute;
  final int protectedWhere;
  final int unprotectedWhere;
  final int doNotSend;

  private CoseJavaLibrary(ChildFirstClassLoader loader) throws ReflectiveOperationException {
    this.loader = loader;
    cbor = loader.loadClass("com.upokecenter.cbor.CBORObject");
    message = loader.loadClass("COSE.Message");
    messageTag = loader.loadClass("COSE.MessageTag");
    oneKeyType = loader.loadClass("COSE.OneKey");
    attribute = loader.loadClass("COSE.Attribute");
    protectedWhere = attribute.getField("PROTECTED").getInt(null);
    unprotectedWhere = attribute.getField("UNPROTECTED").getInt(null);
    doNotSend = attribute.getField("DO_NOT_SEND").getInt(null);
  }

  /**
   * Loads every jar of a folder.
   *
   * @param dir the folder the build copied COSE-JAVA's jars into
   * @return the library
   * @throws IOException if there are no jars or COSE-JAVA is not among them
   */
  static CoseJavaLibrary load(Path dir) throws IOException {
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
    ChildFirstClassLoader loader = new ChildFirstClassLoader(urls.toArray(URL[]::new));
    try {
      return new CoseJavaLibrary(loader);
    } catch (ReflectiveOperationException e) {
      loader.close();
      throw new IOException("COSE-JAVA did not load from " + dir + ": " + e, e);
    }
  }

  /**
   * Registers COSE-JAVA's Bouncy Castle and EdDSA providers JVM-wide, which its AES-CCM and EdDSA
   * code needs (it asks JCA by name). Only for a JVM that runs nothing but COSE-JAVA: anywhere else
   * BC 1.62 would answer other code's JCA lookups.
   *
   * @throws ReflectiveOperationException if a provider class is missing
   */
  void registerProviders() throws ReflectiveOperationException {
    for (String p :
        List.of(
            "org.bouncycastle.jce.provider.BouncyCastleProvider",
            "net.i2p.crypto.eddsa.EdDSASecurityProvider")) {
      Security.addProvider((Provider) loader.loadClass(p).getConstructor().newInstance());
    }
  }

  Class<?> type(String name) throws ClassNotFoundException {
    return loader.loadClass(name);
  }

  /** Creates an instance of a COSE-JAVA class through the constructor with these parameters. */
  Object create(String className, Class<?>[] types, Object... args)
      throws ReflectiveOperationException {
    return type(className).getConstructor(types).newInstance(args);
  }

  /** Calls a public method, found by name and exact parameter types on the target's class. */
  Object call(Object target, String name, Class<?>[] types, Object... args)
      throws ReflectiveOperationException {
    Method m = target.getClass().getMethod(name, types);
    return m.invoke(target, args);
  }

  /** Calls a public method that takes nothing. */
  Object call(Object target, String name) throws ReflectiveOperationException {
    return call(target, name, new Class<?>[0]);
  }

  /** Sets a field COSE-JAVA has no setter for, on the class that declares it. */
  void setField(Object target, String declaringClass, String name, Object value)
      throws ReflectiveOperationException {
    Field f = type(declaringClass).getDeclaredField(name);
    f.setAccessible(true);
    f.set(target, value);
  }

  Object decodeCbor(byte[] data) throws ReflectiveOperationException {
    return cbor.getMethod("DecodeFromBytes", byte[].class).invoke(null, (Object) data);
  }

  Object cborInt(int v) throws ReflectiveOperationException {
    return cbor.getMethod("FromObject", int.class).invoke(null, v);
  }

  /** Returns the value of a map or null; {@code key} is a CBORObject. */
  Object get(Object map, Object key) throws ReflectiveOperationException {
    return cbor.getMethod("get", cbor).invoke(map, key);
  }

  /** Returns an array element. */
  Object get(Object array, int index) throws ReflectiveOperationException {
    return cbor.getMethod("get", int.class).invoke(array, index);
  }

  boolean isNull(Object o) throws ReflectiveOperationException {
    return (Boolean) cbor.getMethod("isNull").invoke(o);
  }

  int size(Object o) throws ReflectiveOperationException {
    return (Integer) cbor.getMethod("size").invoke(o);
  }

  int asInt(Object o) throws ReflectiveOperationException {
    return (Integer) cbor.getMethod("AsInt32").invoke(o);
  }

  byte[] byteString(Object o) throws ReflectiveOperationException {
    return (byte[]) cbor.getMethod("GetByteString").invoke(o);
  }

  byte[] encodeCbor(Object o) throws ReflectiveOperationException {
    return (byte[]) cbor.getMethod("EncodeToBytes").invoke(o);
  }

  Collection<?> keys(Object map) throws ReflectiveOperationException {
    return (Collection<?>) cbor.getMethod("getKeys").invoke(map);
  }

  /** A COSE-JAVA {@code OneKey} from an encoded COSE_Key. */
  Object oneKey(byte[] encoded) throws ReflectiveOperationException, Unsupported {
    return oneKey(decodeCbor(encoded));
  }

  /**
   * A COSE-JAVA {@code OneKey} from a COSE_Key map. OKP keys go through net.i2p EdDSA, which knows
   * Ed25519 only: for any other curve {@code OneKey} throws "Internal error on SPKI" (public) or
   * "Invalid Private Key" (private), so such keys are refused up front as unsupported.
   */
  Object oneKey(Object map) throws ReflectiveOperationException, Unsupported {
    Object kty = get(map, cborInt(1));
    Object crv = get(map, cborInt(-1));
    if (kty != null && asInt(kty) == OKP && (crv == null || asInt(crv) != ED25519)) {
      throw new Unsupported(
          "COSE-JAVA 1.1.0 handles OKP keys with net.i2p EdDSA, Ed25519 only; this key's curve is "
              + (crv == null ? "missing" : describe(crv)));
    }
    return oneKeyType.getConstructor(cbor).newInstance(map);
  }

  private String describe(Object o) throws ReflectiveOperationException {
    return cbor.getMethod("toString").invoke(o).toString();
  }

  /**
   * The {@code k} (label -1) of an encoded symmetric COSE_Key: COSE-JAVA's single-recipient calls
   * take raw key bytes, so a Base IV (label 5) has nowhere to go.
   */
  byte[] symmetricKey(byte[] encoded) throws ReflectiveOperationException, Unsupported {
    Object map = decodeCbor(encoded);
    Object k = get(map, cborInt(-1));
    if (k == null) {
      throw new IllegalArgumentException("key has no k (label -1)");
    }
    if (get(map, cborInt(5)) != null) {
      throw new Unsupported("COSE-JAVA's Encrypt0/MAC0 take raw key bytes: no Base IV");
    }
    return byteString(k);
  }

  /** Adds every label of an encoded header map to a message, signer or recipient. */
  void addHeaders(Object target, byte[] mapBytes, int where) throws ReflectiveOperationException {
    if (mapBytes.length == 0) {
      return;
    }
    Object map = decodeCbor(mapBytes);
    Method add = attribute.getMethod("addAttribute", cbor, cbor, int.class);
    for (Object label : keys(map)) {
      add.invoke(target, label, get(map, label), where);
    }
  }

  /** Adds one header label to a message, signer or recipient, in the given bucket. */
  void addAttribute(Object target, int label, Object value, int where)
      throws ReflectiveOperationException {
    attribute
        .getMethod("addAttribute", cbor, cbor, int.class)
        .invoke(target, cborInt(label), value, where);
  }

  /** COSE-JAVA's MAC0Message and MACMessage have no constructor for the tag: set it directly. */
  void setTagged(Object msg, boolean tagged) throws ReflectiveOperationException {
    Field emitTag = message.getDeclaredField("emitTag");
    emitTag.setAccessible(true);
    emitTag.setBoolean(msg, tagged);
  }

  /** Decodes a message as the given {@code MessageTag} (tagged or not). */
  Object decodeMessage(byte[] data, String tagName) throws ReflectiveOperationException {
    Object tag = messageTag.getField(tagName).get(null);
    return message.getMethod("DecodeFromBytes", byte[].class, messageTag).invoke(null, data, tag);
  }

  byte[] encodeMessage(Object msg) throws ReflectiveOperationException {
    return (byte[]) message.getMethod("EncodeToBytes").invoke(msg);
  }

  /** Returns the message's array without its tag. */
  Object messageArray(byte[] data) throws ReflectiveOperationException {
    Object o = decodeCbor(data);
    return (Boolean) cbor.getMethod("isTagged").invoke(o)
        ? cbor.getMethod("UntagOne").invoke(o)
        : o;
  }

  /**
   * Unwraps the exception a reflective call threw.
   *
   * @param e what {@link Method#invoke} threw
   * @return COSE-JAVA's own exception
   */
  static Throwable cause(InvocationTargetException e) {
    return e.getCause() == null ? e : e.getCause();
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
