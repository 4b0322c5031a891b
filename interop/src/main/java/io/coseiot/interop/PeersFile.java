package io.coseiot.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a peers file: the peers a CI run adds to the registry, in a small subset of TOML (see
 * docs/peer-protocol.md, "Peers file"). One table per peer:
 *
 * <pre>
 * [my-lib]                           # the peer's name
 * command = ["./my-peer", "--stdio"] # program and arguments (required)
 * dir = "../my-lib"                  # working directory, relative to this file (optional)
 * env.RUST_LOG = "info"              # environment variables (optional, repeatable)
 * timeout = 5                        # seconds one request may take (optional, default 10)
 * </pre>
 *
 * A relative program path that contains a slash is taken relative to the working directory. Every
 * error names the file, the line and the field.
 */
public final class PeersFile {
  /** A peers file that cannot be read as one. */
  public static final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    FormatException(String message) {
      super(message);
    }
  }

  private final Path file;
  private final Map<String, Builder> peers = new LinkedHashMap<>();
  private Builder current;
  private int lineNo;

  private PeersFile(Path file) {
    this.file = file;
  }

  /**
   * Reads a peers file.
   *
   * @param file the file
   * @return its peers, in file order
   * @throws FormatException naming the line and field of the first error
   * @throws IOException if the file cannot be read
   */
  public static List<PeerCommand> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FormatException("peers file " + file + " does not exist");
    }
    return parse(file, Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses a peers file's text.
   *
   * @param file where it came from: relative folders are resolved against its parent
   * @param text the text
   * @return its peers, in file order
   * @throws FormatException naming the line and field of the first error
   */
  public static List<PeerCommand> parse(Path file, String text) throws FormatException {
    PeersFile f = new PeersFile(file);
    for (String line : text.split("\n", -1)) {
      f.lineNo++;
      f.line(line.strip());
    }
    List<PeerCommand> out = new ArrayList<>();
    for (Builder b : f.peers.values()) {
      out.add(f.build(b));
    }
    if (out.isEmpty()) {
      throw new FormatException(file + ": no peer in the file; start one with [NAME]");
    }
    return out;
  }

  private FormatException error(int line, String field, String what) {
    return new FormatException(
        file + ":" + line + ": " + (field == null ? "" : field + ": ") + what);
  }

  private void line(String s) throws FormatException {
    if (s.isEmpty() || s.startsWith("#")) {
      return;
    }
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      String rest = end < 0 ? "" : s.substring(end + 1).strip();
      if (end < 0 || !(rest.isEmpty() || rest.startsWith("#"))) {
        throw error(lineNo, null, "a table header is [NAME] alone on its line");
      }
      String name = unquote(s.substring(1, end).strip());
      if (!PeerCommand.isName(name)) {
        throw error(lineNo, null, "peer name '" + name + "' must be letters, digits, . _ -");
      }
      if (peers.containsKey(name)) {
        throw error(lineNo, null, "peer " + name + " is defined twice");
      }
      current = new Builder(name, lineNo);
      peers.put(name, current);
      return;
    }
    int eq = s.indexOf('=');
    if (eq < 0) {
      throw error(lineNo, null, "expected [NAME] or KEY = VALUE");
    }
    String key = s.substring(0, eq).strip();
    if (current == null) {
      throw error(lineNo, key, "comes before any [NAME] table");
    }
    Values v = new Values(s.substring(eq + 1), key);
    Object value = v.value();
    v.end();
    current.set(key, value, lineNo);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private PeerCommand build(Builder b) throws FormatException {
    if (b.command == null) {
      throw error(b.line, "command", "peer " + b.name + " has no command = [\"PROGRAM\", ...]");
    }
    Path base = file.toAbsolutePath().getParent();
    Path dir = b.dir == null ? base : base.resolve(b.dir).normalize();
    if (!Files.isDirectory(dir)) {
      throw error(b.dirLine, "dir", "no folder " + dir);
    }
    List<String> argv = new ArrayList<>(b.command);
    String program = argv.get(0);
    if (program.contains("/") && !Path.of(program).isAbsolute()) {
      argv.set(0, dir.resolve(program).normalize().toString());
    }
    return new PeerCommand(b.name, argv, dir, b.env, b.timeout);
  }

  /** One table's fields as read so far. */
  private final class Builder {
    final String name;
    final int line;
    List<String> command;
    String dir;
    int dirLine;
    final Map<String, String> env = new LinkedHashMap<>();
    Duration timeout = PeerCommand.DEFAULT_TIMEOUT;

    Builder(String name, int line) {
      this.name = name;
      this.line = line;
    }

    void set(String key, Object value, int at) throws FormatException {
      if (key.startsWith("env.")) {
        String var = key.substring(4);
        if (!var.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw error(at, key, "an environment variable name is letters, digits and _");
        }
        env.put(var, string(key, value, at));
        return;
      }
      switch (key) {
        case "command" -> {
          if (!(value instanceof List<?> list)
              || list.isEmpty()
              || !list.stream().allMatch(String.class::isInstance)
              || ((String) list.get(0)).isBlank()) {
            throw error(at, key, "expected a non-empty list of strings, like [\"./peer\", \"-v\"]");
          }
          command = list.stream().map(String.class::cast).toList();
        }
        case "dir" -> {
          dir = string(key, value, at);
          dirLine = at;
        }
        case "timeout" -> {
          if (!(value instanceof Double d) || !(d > 0) || d > 3600) {
            throw error(at, key, "expected a number of seconds between 0 and 3600, like 5");
          }
          timeout = Duration.ofMillis(Math.round(d * 1000));
        }
        default -> throw error(at, key, "unknown key; known: command, dir, env.NAME, timeout");
      }
    }

    private String string(String key, Object value, int at) throws FormatException {
      if (!(value instanceof String s)) {
        throw error(at, key, "expected a quoted string");
      }
      return s;
    }
  }

  /** Reads the value of one KEY = VALUE line: a string, a number or a list of strings. */
  private final class Values {
    private final String s;
    private final String key;
    private int i;

    Values(String s, String key) {
      this.s = s;
      this.key = key;
    }

    private void blanks() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
    }

    Object value() throws FormatException {
      blanks();
      if (i >= s.length()) {
        throw error(lineNo, key, "no value after =");
      }
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        return string();
      }
      if (c == '[') {
        i++;
        List<Object> list = new ArrayList<>();
        while (true) {
          blanks();
          if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return list;
          }
          list.add(value());
          blanks();
          if (i < s.length() && s.charAt(i) == ',') {
            i++;
          } else if (i >= s.length() || s.charAt(i) != ']') {
            throw error(lineNo, key, "a list is [\"a\", \"b\"] on one line");
          }
        }
      }
      int start = i;
      while (i < s.length() && "0123456789.+-_eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      try {
        return Double.parseDouble(s.substring(start, i).replace("_", ""));
      } catch (NumberFormatException e) {
        throw error(lineNo, key, "expected a quoted string, a number or a [list]");
      }
    }

    private String string() throws FormatException {
      char q = s.charAt(i++);
      StringBuilder b = new StringBuilder();
      while (i < s.length() && s.charAt(i) != q) {
        char c = s.charAt(i++);
        if (c == '\\' && q == '"') {
          if (i >= s.length()) {
            break;
          }
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case '"', '\\' -> b.append(e);
            default -> throw error(lineNo, key, "unknown escape \\" + e);
          }
        } else {
          b.append(c);
        }
      }
      if (i >= s.length()) {
        throw error(lineNo, key, "unclosed " + q + " string");
      }
      i++;
      return b.toString();
    }

    void end() throws FormatException {
      blanks();
      if (i < s.length() && s.charAt(i) != '#') {
        throw error(lineNo, key, "unexpected text after the value: " + s.substring(i).strip());
      }
    }
  }
}
