package io.coseiot.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reference adapter in Rust on the {@code coset} crate ({@code interop/adapters/rust-coset}):
 * built with {@code cargo build --release --locked} into its own {@code target/} when missing or
 * older than its sources, then started as the {@code rust-coset} line-protocol peer.
 */
public final class RustCosetBuild {
  /** The peer's name in the TCK. */
  public static final String NAME = "rust-coset";

  /** The adapter's folder in the repository. */
  public static final String FOLDER = "interop/adapters/rust-coset";

  /** What installs cargo when it is missing. */
  public static final String CARGO_HINT =
      "install Rust's cargo (rustup from rustup.rs, or apt-get install -y cargo on Debian)";

  private final Path dir;
  private String failure;
  private boolean built;

  /**
   * Uses the adapter's folder.
   *
   * @param dir {@code interop/adapters/rust-coset}
   */
  public RustCosetBuild(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * Returns the adapter of the repository at {@code root}.
   *
   * @param root the repository root
   * @return the build
   */
  public static RustCosetBuild in(Path root) {
    return new RustCosetBuild(root.resolve(FOLDER));
  }

  /**
   * Returns the command that builds the adapter, as shown when it is unavailable.
   *
   * @return the command
   */
  public String buildCommand() {
    return "cargo build --release --locked --manifest-path " + dir.resolve("Cargo.toml");
  }

  /**
   * Returns the built program, whether or not it exists yet.
   *
   * @return {@code target/release/rust-coset-peer}
   */
  public Path binary() {
    return dir.resolve("target/release/rust-coset-peer");
  }

  /**
   * Returns whether the program exists and is newer than every source, so that it can run without
   * cargo.
   *
   * @return true if current
   */
  public boolean isCurrent() {
    try {
      if (!Files.isExecutable(binary())) {
        return false;
      }
      FileTime bin = Files.getLastModifiedTime(binary());
      try (Stream<Path> s =
          Stream.concat(
              Stream.of(dir.resolve("Cargo.toml"), dir.resolve("Cargo.lock")),
              Files.walk(dir.resolve("src")))) {
        for (Path p : s.toList()) {
          if (Files.getLastModifiedTime(p).compareTo(bin) > 0) {
            return false;
          }
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Builds the adapter if it is missing or stale.
   *
   * @return null if it is built, else why not, with what to install or run
   */
  public synchronized String unavailableReason() {
    if (built || failure != null) {
      return failure;
    }
    if (!Files.isRegularFile(dir.resolve("Cargo.toml"))) {
      return failure = "no Rust adapter sources at " + dir;
    }
    if (isCurrent()) {
      built = true;
      return null;
    }
    String cargo = cargo();
    if (cargo == null) {
      return failure = "cargo not found; " + CARGO_HINT + ", then run ./cose-tck peers install";
    }
    List<String> cmd =
        List.of(
            cargo,
            "build",
            "--release",
            "--locked",
            "--quiet",
            "--manifest-path",
            dir.resolve("Cargo.toml").toString());
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return failure = "building the Rust adapter timed out; run " + buildCommand();
      }
      if (p.exitValue() != 0) {
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (text.length() > 2000) {
          text = "..." + text.substring(text.length() - 2000);
        }
        return failure =
            "the Rust adapter does not build ("
                + text.replace('\n', ' ')
                + "); run "
                + buildCommand();
      }
    } catch (IOException e) {
      return failure = "cannot run cargo (" + e.getMessage() + "); " + CARGO_HINT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure = "interrupted while building the Rust adapter";
    }
    built = true;
    return null;
  }

  /** cargo on the PATH, else where rustup puts it; null if neither. */
  private static String cargo() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "cargo"))) {
        return Path.of(d, "cargo").toString();
      }
    }
    Path rustup = Path.of(System.getProperty("user.home"), ".cargo", "bin", "cargo");
    return Files.isExecutable(rustup) ? rustup.toString() : null;
  }

  /**
   * Builds the adapter if needed and returns how to start it.
   *
   * @return the {@code rust-coset} command
   * @throws IOException if it cannot be built, naming what to install or run
   */
  public PeerCommand peerCommand() throws IOException {
    String why = unavailableReason();
    if (why != null) {
      throw new IOException(why);
    }
    return PeerCommand.of(NAME, List.of(binary().toString()));
  }
}
