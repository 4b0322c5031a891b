package io.coseiot.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The last 64 KiB of what a peer wrote to standard error, across its restarts, with a running count
 * so that a report can show what was written while one request was served.
 */
final class StderrTail {
  private static final int KEEP = 1 << 16;

  private final StringBuilder text = new StringBuilder();
  private long total;

  /** Copies a process's standard error in until it ends. */
  void drain(InputStream err) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        append(line + "\n");
      }
    } catch (IOException e) {
      // the process ended or was killed
    }
  }

  synchronized void append(String s) {
    text.append(s);
    total += s.length();
    if (text.length() > 2 * KEEP) {
      text.delete(0, text.length() - KEEP);
    }
  }

  /** The position to pass to {@link #since}. */
  synchronized long mark() {
    return total;
  }

  /** What was written after the mark, at most its last {@code max} characters. */
  synchronized String since(long mark, int max) {
    int n = (int) Math.min(Math.min(total - mark, text.length()), max);
    return text.substring(text.length() - n);
  }

  synchronized String all() {
    return text.length() > KEEP ? text.substring(text.length() - KEEP) : text.toString();
  }
}
