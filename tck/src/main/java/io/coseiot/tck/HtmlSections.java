package io.coseiot.tck;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.interop.Outcome;
import io.coseiot.vectors.examples.ExampleResult.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTML report's sections a reader looks at first: every failure with its own anchor, the
 * vector's bytes and requirement ids, and the outcomes grouped by profile requirement.
 */
final class HtmlSections {
  private HtmlSections() {}

  /** One result of the run, from the library's own check or a peer's replay. */
  record Line(
      String suite,
      String vector,
      String peer,
      String direction,
      String verdict,
      String detail,
      String peerMessage) {
    boolean failed() {
      return verdict.equals("FAIL");
    }

    /** A stable anchor, so a CI log or a bug report can link one failure. */
    String anchor() {
      return ("fail-" + suite + "-" + vector + "-" + peer + "-" + direction)
          .replaceAll("[^A-Za-z0-9_.-]", "-");
    }
  }

  static List<Line> lines(Matrix m) {
    List<Line> out = new ArrayList<>();
    for (Matrix.JvmResult r : m.jvm) {
      String v = r.status() == Status.FAIL ? "FAIL" : r.status() == Status.PASS ? "pass" : "n/a";
      out.add(new Line(r.suite(), r.vector(), "jvm", "self", v, r.reason(), ""));
    }
    for (Outcome o : m.outcomes) {
      String v =
          switch (o.verdict()) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case DEVIATION -> "deviation " + o.quirk();
            case NOT_APPLICABLE -> "n/a";
          };
      out.add(
          new Line(o.suite(), o.vector(), o.peer(), o.direction(), v, o.detail(), o.peerMessage()));
    }
    return out;
  }

  static void failures(Matrix m, VectorFacts facts, StringBuilder h) {
    List<Line> failed = lines(m).stream().filter(Line::failed).toList();
    h.append("<h2 id=failures>Failures (").append(failed.size()).append(")</h2>");
    for (Line l : failed) {
      VectorFacts.Facts f = facts.of(l.suite(), l.vector());
      h.append("<div class=fail id=\"")
          .append(Reports.esc(l.anchor()))
          .append("\"><p><a href=\"#")
          .append(Reports.esc(l.anchor()))
          .append("\">#</a> <b>")
          .append(Reports.esc(l.suite() + "/" + l.vector()))
          .append("</b>: ")
          .append(Reports.esc(l.peer()))
          .append(" ")
          .append(Reports.esc(l.direction()))
          .append("</p><p>")
          .append(Reports.esc(l.detail()))
          .append("</p>");
      if (!f.requirements().isEmpty()) {
        h.append("<p>requirements: ");
        f.requirements()
            .forEach(
                id ->
                    h.append("<a href=\"#req-")
                        .append(Reports.esc(id))
                        .append("\">")
                        .append(Reports.esc(id))
                        .append("</a> "));
        h.append("</p>");
      }
      h.append("<p>expected bytes (output.cbor): <code>")
          .append(f.cborHex().isEmpty() ? "none in the vector" : Reports.esc(f.cborHex()))
          .append("</code></p>");
      String expected = f.diagnostic().isEmpty() ? diagnostic(f.cborHex()) : f.diagnostic();
      if (!expected.isEmpty()) {
        h.append("<pre>").append(Reports.esc(expected)).append("</pre>");
      }
      // A failed open returns no bytes over the peer protocol; a message the peer made does.
      if (!l.peerMessage().isEmpty()) {
        h.append("<p>the peer's message: <code>")
            .append(Reports.esc(l.peerMessage()))
            .append("</code></p><pre>")
            .append(Reports.esc(diagnostic(l.peerMessage())))
            .append("</pre>");
      }
      h.append("</div>");
    }
  }

  static void requirements(Matrix m, VectorFacts facts, StringBuilder h) {
    Map<String, List<Line>> byId = new TreeMap<>(HtmlSections::compareIds);
    for (Line l : lines(m)) {
      List<String> ids = new ArrayList<>(facts.of(l.suite(), l.vector()).requirements());
      ids.addAll(m.tripRequirements.getOrDefault(l.suite(), List.of()));
      for (String id : ids) {
        byId.computeIfAbsent(id, k -> new ArrayList<>()).add(l);
      }
    }
    h.append("<h2>Outcomes by requirement</h2><p>The MQTT vectors and round trips that name a")
        .append(
            " requirement of the profile (docs/mqtt-cose-profile.md).</p><table><tr><th>id</th><th>pass</th>")
        .append("<th>FAIL</th><th>deviation</th><th>n/a</th><th>outcomes</th></tr>");
    byId.forEach(
        (id, ls) -> {
          long pass = ls.stream().filter(l -> l.verdict().equals("pass")).count();
          long fail = ls.stream().filter(Line::failed).count();
          long dev = ls.stream().filter(l -> l.verdict().startsWith("deviation")).count();
          h.append("<tr id=\"req-")
              .append(Reports.esc(id))
              .append("\"><td>")
              .append(Reports.esc(id))
              .append("</td><td class=ok>")
              .append(pass)
              .append("</td><td")
              .append(fail > 0 ? " class=fail>" : ">")
              .append(fail)
              .append("</td><td")
              .append(dev > 0 ? " class=dev>" : ">")
              .append(dev)
              .append("</td><td class=na>")
              .append(ls.size() - pass - fail - dev)
              .append("</td><td><details><summary>")
              .append(ls.size())
              .append(" outcomes</summary>");
          for (Line l : ls) {
            String text =
                l.suite()
                    + "/"
                    + l.vector()
                    + " "
                    + l.peer()
                    + " "
                    + l.direction()
                    + ": "
                    + l.verdict();
            if (l.failed()) {
              h.append("<a class=fail href=\"#")
                  .append(Reports.esc(l.anchor()))
                  .append("\">")
                  .append(Reports.esc(text))
                  .append("</a><br>");
            } else {
              h.append(Reports.esc(text)).append("<br>");
            }
          }
          h.append("</details></td></tr>");
        });
    h.append("</table>");
  }

  /** CBOR diagnostic notation of hex bytes, or why there is none; empty for no bytes. */
  static String diagnostic(String hex) {
    if (hex.isEmpty()) {
      return "";
    }
    try {
      return CBORObject.DecodeFromBytes(HexFormat.of().parseHex(hex)).toString();
    } catch (RuntimeException e) {
      return "(not one CBOR item: " + e.getMessage() + ")";
    }
  }

  /** R2.10 after R2.9: compares the numbers in an id as numbers. */
  static int compareIds(String a, String b) {
    String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c =
          Character.isDigit(x[i].charAt(0)) && Character.isDigit(y[i].charAt(0))
              ? Comparator.<Long>naturalOrder().compare(Long.valueOf(x[i]), Long.valueOf(y[i]))
              : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
