package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Examples files. A file that cannot be read or is not an example becomes an {@link Entry}
 * with an error, so one bad file never stops a run over a whole suite.
 */
public final class ExampleLoader {
  private final ObjectMapper mapper = new ObjectMapper();

  /** Creates a loader. */
  public ExampleLoader() {}

  /**
   * One loaded file: an example, or the reason it could not be read.
   *
   * @param path the file
   * @param example the example, or null on error
   * @param error what went wrong, or null on success
   */
  public record Entry(Path path, Example example, String error) {
    /**
     * Returns whether the file failed to load.
     *
     * @return true if {@link #error()} is set
     */
    public boolean isError() {
      return error != null;
    }
  }

  /**
   * Loads one file, whatever its name.
   *
   * @param file the file
   * @return the entry
   */
  public Entry load(Path file) {
    try {
      JsonNode root = mapper.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        return new Entry(file, null, "not a JSON object");
      }
      return new Entry(file, Example.of(file, root), null);
    } catch (IOException e) {
      return new Entry(file, null, "not readable as JSON: " + firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      return new Entry(file, null, "not an example: " + e.getMessage());
    }
  }

  /**
   * Loads each file given, and every {@code *.json} under each folder given, at any depth. Files
   * found in a folder are sorted by path so that runs are repeatable; the arguments keep their
   * order.
   *
   * @param paths files and folders
   * @return one entry per file; a path that does not exist yields an error entry
   */
  public List<Entry> loadAll(List<Path> paths) {
    List<Entry> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        for (Path f : jsonFilesUnder(p, out)) {
          out.add(load(f));
        }
      } else if (Files.isRegularFile(p)) {
        out.add(load(p));
      } else {
        out.add(new Entry(p, null, "no such file or folder"));
      }
    }
    return out;
  }

  private static List<Path> jsonFilesUnder(Path folder, List<Entry> errors) {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      errors.add(new Entry(folder, null, "cannot list folder: " + e.getMessage()));
      return List.of();
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
