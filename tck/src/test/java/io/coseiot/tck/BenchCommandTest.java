package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Only a full run may write the published docs/benchmarks.md; CI's quick run never dirties it. */
class BenchCommandTest {
  private static final Path ROOT = Path.of("/repo");
  private static final Path OUT = ROOT.resolve("target/bench");

  @Test
  void aFullRunWritesDocsBenchmarks() {
    assertEquals(
        ROOT.resolve("docs/benchmarks.md"), BenchCommand.markdownFile(ROOT, OUT, false, null));
  }

  @Test
  void quickAndFilteredRunsWriteBesideTheirJson() {
    assertEquals(
        OUT.resolve("benchmarks-quick.md"), BenchCommand.markdownFile(ROOT, OUT, true, null));
    assertEquals(
        OUT.resolve("benchmarks-quick.md"), BenchCommand.markdownFile(ROOT, OUT, true, "Mqtt"));
    assertEquals(
        OUT.resolve("benchmarks.md"), BenchCommand.markdownFile(ROOT, OUT, false, "AeadBench"));
  }
}
