package io.coseiot.interop;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.interop.cosejava.CoseJavaAdapter;
import io.coseiot.interop.cosejava.CoseJavaPeerMain;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * COSE-JAVA ({@code com.augustcellars.cose:cose-java} 1.1.0) as a peer. Its jars and their old
 * dependencies are copied by the build into {@code interop/target/cose-java-lib/} and loaded
 * through a {@link ChildFirstClassLoader}, reached only by reflection, so none of them is ever on
 * the core's class path.
 *
 * <p>Two ways to run it: {@link #start()} runs it in a JVM of its own that speaks the line protocol
 * (the conformance matrix uses this: there its Bouncy Castle and EdDSA JCA providers can be
 * registered, so AES-CCM and EdDSA work); {@link #load()} keeps it inside this JVM, answering the
 * same requests as method calls, with those providers unregistered so that Bouncy Castle 1.62 never
 * answers the core's JCA lookups (AES-CCM and EdDSA are then refused).
 */
public final class CoseJavaPeer implements Peer {
  private final CoseJavaAdapter adapter;
  private final PeerResponse hello;

  private CoseJavaPeer(CoseJavaAdapter adapter) {
    this.adapter = adapter;
    this.hello = new PeerResponse(adapter.hello());
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
   * Loads COSE-JAVA from {@link #libraryDir()} into this JVM, without its JCA providers.
   *
   * @return the peer
   * @throws IOException if the jars are missing; the message says how to get them
   */
  public static CoseJavaPeer load() throws IOException {
    return new CoseJavaPeer(CoseJavaAdapter.load(libraryDir(), false));
  }

  /**
   * Starts COSE-JAVA from {@link #libraryDir()} in a child JVM ({@link CoseJavaPeerMain}) with its
   * JCA providers registered, and says hello.
   *
   * @return the peer, named {@code cose-java}
   * @throws IOException if the jars are missing, the JVM does not start or its hello fails
   */
  public static Peer start() throws IOException {
    return PeerRegistry.start(peerCommand());
  }

  /**
   * Returns how to start COSE-JAVA's child JVM, after checking that its jars are there.
   *
   * @return the {@code cose-java} command
   * @throws IOException if the jars are missing; the message says how to get them
   */
  public static PeerCommand peerCommand() throws IOException {
    Path lib = libraryDir();
    // Fail here, with the fix, rather than in the child.
    CoseJavaAdapter.load(lib, false).close();
    return PeerCommand.of("cose-java", command(lib));
  }

  /**
   * The child JVM's command line: this JVM's {@code java}, and a class path of only the interop
   * classes and Jackson (COSE-JAVA comes from {@code lib} through its own class loader).
   */
  static List<String> command(Path lib) throws IOException {
    Set<String> cp = new LinkedHashSet<>();
    for (Class<?> c :
        List.of(
            CoseJavaPeerMain.class, ObjectMapper.class, JsonFactory.class, JsonProperty.class)) {
      cp.add(location(c));
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small, quick-starting JVM: it serves one request at a time on a shared machine.
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"));
    cmd.addAll(List.of("-cp", String.join(File.pathSeparator, cp)));
    cmd.add(CoseJavaPeerMain.class.getName());
    cmd.add(lib.toAbsolutePath().toString());
    return cmd;
  }

  private static String location(Class<?> c) throws IOException {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IOException("cannot tell where " + c.getName() + " was loaded from", e);
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
    return new PeerResponse(adapter.call(req));
  }

  @Override
  public void close() {
    adapter.close();
  }
}
