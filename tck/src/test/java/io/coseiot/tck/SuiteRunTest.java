package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.vectors.examples.ExampleResult;
import io.coseiot.vectors.examples.ExampleResult.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tally with runners that pass, fail and crash, which the placeholder runner cannot show. */
class SuiteRunTest {
  @Test
  void countsPassFailAndCrashes(@TempDir Path dir) throws Exception {
    for (String name : List.of("pass", "fail", "crash")) {
      Files.writeString(dir.resolve(name + ".json"), CoseTckTest.EXAMPLE);
    }
    SuiteRun run =
        new SuiteRun(
                e -> {
                  String f = e.source().getFileName().toString();
                  if (f.startsWith("crash")) {
                    throw new IllegalStateException("boom");
                  }
                  Status s = f.startsWith("pass") ? Status.PASS : Status.FAIL;
                  return new ExampleResult(f, e.title(), s, Status.NOT_APPLICABLE, "tag differs");
                })
            .run(List.of(dir));

    StringWriter out = new StringWriter();
    run.print(new PrintWriter(out, true), true);

    assertEquals("1 passed, 2 failed, 0 skipped", run.closingLine());
    assertEquals(1, run.exitCode());
    List<String> lines = out.toString().lines().toList();
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).contains("runner crashed: java.lang.IllegalStateException: boom"));
    assertEquals("FAIL fail.json: tag differs", lines.get(1));
  }
}
