package io.coseiot.tck.probe;

import io.coseiot.tck.CoseTck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@code cose-tck} command running in this JVM on its own thread, its output kept. */
final class Background {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  private final CompletableFuture<Integer> code;

  private Background(String... args) {
    code =
        CompletableFuture.supplyAsync(
            () -> CoseTck.execute(new PrintWriter(out, true), new PrintWriter(err, true), args));
  }

  /** Starts a command and waits until it prints a line (out or err) starting with a prefix. */
  static Background startAndAwait(String prefix, String... args) throws InterruptedException {
    Background b = new Background(args);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!(b.out.toString() + b.err).lines().anyMatch(l -> l.startsWith(prefix))) {
      if (b.code.isDone() || System.nanoTime() > end) {
        throw new AssertionError("no '" + prefix + "' line: " + b.out + b.err);
      }
      Thread.sleep(20);
    }
    return b;
  }

  /** Runs a command to its end. */
  static Background run(String... args) throws Exception {
    Background b = new Background(args);
    b.exitCode();
    return b;
  }

  int exitCode() throws Exception {
    return code.get(120, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return out + "\n" + err;
  }
}
