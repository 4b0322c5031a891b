package io.coseiot.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The peers file format and the shell-like splitting of {@code --peer NAME=COMMAND}. */
class PeersFileTest {
  @TempDir Path dir;

  @Test
  void readsEveryField() throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    String text =
        """
        # two peers for CI
        [my-lib]
        command = ["./build/peer", "--mode", "stdio"]   # relative to dir
        dir = "lib"
        env.RUST_LOG = "info"
        env.MODE = 'a "quoted" value'
        timeout = 2.5

        ["other"]
        command = ["python3", "-u", "peer.py",]
        """;
    List<PeerCommand> peers = PeersFile.parse(dir.resolve("peers.toml"), text);
    assertEquals(2, peers.size());
    PeerCommand a = peers.get(0);
    assertEquals("my-lib", a.name());
    Path lib = dir.toAbsolutePath().resolve("lib");
    assertEquals(List.of(lib.resolve("build/peer").toString(), "--mode", "stdio"), a.argv());
    assertEquals(lib, a.dir());
    assertEquals(Map.of("RUST_LOG", "info", "MODE", "a \"quoted\" value"), a.env());
    assertEquals(Duration.ofMillis(2500), a.timeout());
    PeerCommand b = peers.get(1);
    assertEquals(List.of("python3", "-u", "peer.py"), b.argv());
    assertEquals(dir.toAbsolutePath(), b.dir());
    assertEquals(PeerCommand.DEFAULT_TIMEOUT, b.timeout());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "command = [\"x\"]| peers.toml:1: command: comes before any [NAME] table",
        "[a]\\ncommand = \"x\"| peers.toml:2: command: expected a non-empty list of strings",
        "[a]\\ncommand = []| peers.toml:2: command: expected a non-empty list of strings",
        "[a]\\ncommand = [\"x\", 3]| peers.toml:2: command: expected a non-empty list of strings",
        "[a]\\ncommand = [\"x\"\\ntimeout = 5| peers.toml:2: command: a list is [\"a\", \"b\"]",
        "[a]\\ncommand = [\"x]| peers.toml:2: command: unclosed \" string",
        "[a]\\ntimeout = 0| peers.toml:2: timeout: expected a number of seconds",
        "[a]\\ntimeout = soon| peers.toml:2: timeout: expected a quoted string, a number",
        "[a]\\ncommand = [\"x\"]\\ncwd = \"y\"| peers.toml:3: cwd: unknown key",
        "[a]\\ncommand = [\"x\"]\\nenv.1X = \"y\"| peers.toml:3: env.1X: an environment variable",
        "[a]\\ncommand = [\"x\"] extra| peers.toml:2: command: unexpected text after the value",
        "[a]\\ncommand = [\"x\"]\\ndir = \"missing\"| peers.toml:3: dir: no folder",
        "[a b]| peers.toml:1: peer name 'a b' must be",
        "[a]\\ncommand = [\"x\"]\\n[a]| peers.toml:3: peer a is defined twice",
        "[a]\\ndir = \".\"| peers.toml:1: command: peer a has no command",
        "[a]\\njust words| peers.toml:2: expected [NAME] or KEY = VALUE",
        "# nothing| peers.toml: no peer in the file",
      })
  void badFilesNameTheLineAndField(String text, String message) {
    Path file = dir.resolve("peers.toml");
    PeersFile.FormatException e =
        assertThrows(
            PeersFile.FormatException.class,
            () -> PeersFile.parse(file, text.replace("\\n", "\n")));
    String got = e.getMessage().replace(file.toString(), "peers.toml");
    assertEquals(true, got.startsWith(message.strip()), got);
  }

  @Test
  void missingFileIsAFormatError() {
    assertThrows(PeersFile.FormatException.class, () -> PeersFile.read(dir.resolve("none.toml")));
  }

  @Test
  void splitsCommandsLikeAShell() {
    assertEquals(
        List.of("./peer", "a b", "c\"d", "e f", "g$h", "i j"),
        PeerCommand.split("  ./peer 'a b' \"c\\\"d\" e\\ f \"g\\$h\" i' 'j "));
    assertEquals(List.of("x", ""), PeerCommand.split("x ''"));
    for (String bad : List.of("", "   ", "'open", "\"open", "trailing\\")) {
      assertThrows(IllegalArgumentException.class, () -> PeerCommand.split(bad), bad);
    }
  }

  @Test
  void commandsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> PeerCommand.of("bad name", List.of("x")));
    assertThrows(IllegalArgumentException.class, () -> PeerCommand.of("ok", List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> PeerCommand.of("ok", List.of("x")).withTimeout(Duration.ZERO));
  }
}
