package io.coseiot.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's Java blocks are the examples' code: each {@code <!-- example: Name -->} block must equal
 * the region between {@code // README:begin} and {@code // README:end} of {@code Name.java}, and
 * every example must be shown. A change to either side without the other fails here.
 */
class ReadmeTest {
  private static final Path SOURCES = Path.of("src/main/java/io/coseiot/examples");
  private static final Pattern BLOCK =
      Pattern.compile("<!-- example: (\\w+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern REGION =
      Pattern.compile("\\n( *)// README:begin\\n(.*?)\\n *// README:end", Pattern.DOTALL);

  @Test
  void readmeShowsEveryExampleAsCompiled() throws IOException {
    Map<String, String> shown = new TreeMap<>();
    Matcher m = BLOCK.matcher(Files.readString(Path.of("../README.md")));
    while (m.find()) {
      shown.put(m.group(1), m.group(2));
    }
    Map<String, String> compiled = new TreeMap<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path f : files.sorted().toList()) {
        Matcher r = REGION.matcher(Files.readString(f));
        if (r.find()) {
          String name = f.getFileName().toString().replace(".java", "");
          compiled.put(name, dedent(r.group(2), r.group(1).length()) + "\n");
        }
      }
    }
    assertEquals(6, compiled.size(), "examples with a README region");
    assertEquals(compiled, shown);
  }

  private static String dedent(String code, int indent) {
    return code.lines()
        .map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .reduce((a, b) -> a + "\n" + b)
        .orElse("");
  }
}
