package io.coseiot.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to start a line-protocol peer process: its name in the TCK, the command (argv), the working
 * directory, extra environment variables and the time one request may take.
 *
 * @param name the peer's name, as given to {@code --peer}; null to take the {@code name} of its
 *     {@code hello}
 * @param argv the program and its arguments
 * @param dir the working directory, null for the TCK's own
 * @param env variables added to the TCK's environment
 * @param timeout how long one request may take before the peer is restarted
 */
public record PeerCommand(
    String name, List<String> argv, Path dir, Map<String, String> env, Duration timeout) {
  /** The per-request time a peer gets unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Checks and copies the fields. */
  public PeerCommand {
    if (name != null && !isName(name)) {
      throw new IllegalArgumentException(
          "peer name '" + name + "' must be letters, digits, '.', '_' or '-' (at most 64)");
    }
    if (argv.isEmpty() || argv.get(0).isBlank()) {
      throw new IllegalArgumentException("peer command is empty");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("peer timeout must be positive");
    }
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  /**
   * A command with no working directory or environment of its own and the default timeout.
   *
   * @param name the peer's name, or null
   * @param argv the program and its arguments
   * @return the command
   */
  public static PeerCommand of(String name, List<String> argv) {
    return new PeerCommand(name, argv, null, Map.of(), DEFAULT_TIMEOUT);
  }

  /**
   * Returns whether a string may name a peer.
   *
   * @param s the string
   * @return true for 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit
   */
  public static boolean isName(String s) {
    return NAME.matcher(s).matches();
  }

  /**
   * Returns this command with another per-request timeout.
   *
   * @param t the timeout
   * @return the new command
   */
  public PeerCommand withTimeout(Duration t) {
    return new PeerCommand(name, argv, dir, env, t);
  }

  /**
   * Splits a command line the way a POSIX shell splits words, without expanding anything: blanks
   * separate words, single quotes keep everything, double quotes keep everything but {@code \"} and
   * {@code \\}, a backslash outside quotes keeps the next character.
   *
   * @param line the command line, such as {@code ./peer --key 'a b'}
   * @return the words
   * @throws IllegalArgumentException for an unclosed quote, a trailing backslash or no word
   */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed ' in command: " + line);
        }
        w.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int j = i + 1;
        for (; j < line.length() && line.charAt(j) != '"'; j++) {
          char d = line.charAt(j);
          if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
            d = line.charAt(++j);
          }
          w.append(d);
        }
        if (j >= line.length()) {
          throw new IllegalArgumentException("unclosed \" in command: " + line);
        }
        i = j;
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= line.length()) {
          throw new IllegalArgumentException("trailing \\ in command: " + line);
        }
        w.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("peer command is empty");
    }
    return words;
  }
}
