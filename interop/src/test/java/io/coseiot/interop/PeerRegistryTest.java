package io.coseiot.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one registry: built-in peers and added commands are entries of the same kind. */
class PeerRegistryTest {
  private static PeerRegistry registry() {
    return PeerRegistry.builtIn(Path.of(".."), new PrintStream(OutputStream.nullOutputStream()));
  }

  @Test
  void builtInPeersAreEntries() {
    PeerRegistry r = registry();
    assertEquals(List.of("pycose", "cose-java", "device", "rust-coset"), r.names());
    for (String n : r.names()) {
      assertTrue(r.isBuiltIn(n), n);
    }
  }

  @Test
  void anAddedCommandReplacesABuiltInOfTheSameName() throws Exception {
    PeerRegistry r = registry();
    r.add(PeerCommand.of("device", List.of("./my-device-peer")));
    r.add(PeerCommand.of("mine", List.of("./mine")));
    assertFalse(r.isBuiltIn("device"));
    assertEquals("./my-device-peer", r.entry("device").about());
    assertEquals(List.of("./mine"), r.entry("mine").launcher().prepare().argv());
    assertEquals(List.of("pycose", "cose-java", "device", "rust-coset", "mine"), r.names());
    assertThrows(IllegalArgumentException.class, () -> r.add(PeerCommand.of(null, List.of("x"))));
  }

  @Test
  void unknownOrUnstartablePeersSayWhy() {
    PeerRegistry r = registry();
    IOException e = assertThrows(IOException.class, () -> r.start("nobody"));
    assertEquals(
        "unknown peer nobody; known: pycose, cose-java, device, rust-coset", e.getMessage());
    r.add(PeerCommand.of("ghost", List.of("/nonexistent/peer-program")));
    e = assertThrows(IOException.class, () -> r.start("ghost"));
    assertTrue(e.getMessage().startsWith("cannot start /nonexistent/peer-program"), e.getMessage());
  }

  @Test
  void aPeerWhoseHelloFailsIsUnavailableWithItsStderr() {
    PeerCommand silent = PeerCommand.of("silent", List.of("sh", "-c", "echo no peer here >&2"));
    IOException e = assertThrows(IOException.class, () -> PeerRegistry.start(silent));
    assertTrue(
        e.getMessage()
            .matches(
                "peer silent did not answer hello: peer exited before answering: exit 0;"
                    + " stderr: no peer here"),
        e.getMessage());
  }

  @Test
  void theRustAdapterWithoutSourcesIsUnavailable(@TempDir Path dir) {
    RustCosetBuild b = new RustCosetBuild(dir);
    assertFalse(b.isCurrent());
    assertEquals("no Rust adapter sources at " + dir.toAbsolutePath(), b.unavailableReason());
    assertThrows(IOException.class, b::peerCommand);
  }
}
