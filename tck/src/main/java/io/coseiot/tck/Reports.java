package io.coseiot.tck;

import io.coseiot.interop.Outcome;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.interop.Quirks;
import io.coseiot.vectors.examples.ExampleResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Matrix} as JUnit XML (one suite per row), one self-contained HTML page and {@code
 * report.json}.
 */
final class Reports {
  private Reports() {}

  static void write(Matrix m, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("TEST-cose-tck.xml"), junit(m), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("index.html"), html(m), StandardCharsets.UTF_8);
    RunReport.write(m, dir.resolve("report.json"));
  }

  static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String junit(Matrix m) {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Matrix.JvmResult r : m.jvm) {
      String suite = r.suite() + ".jvm";
      String body =
          r.status() == Status.FAIL
              ? "<failure message=\"" + esc(r.reason()) + "\"/>"
              : r.status() == Status.SKIP ? "<skipped message=\"" + esc(r.reason()) + "\"/>" : "";
      add(
          cases,
          counts,
          suite,
          r.vector(),
          body,
          r.status() == Status.FAIL,
          r.status() == Status.SKIP);
    }
    for (Outcome o : m.outcomes) {
      String suite = o.suite() + "." + o.peer() + "." + o.direction();
      String body =
          switch (o.verdict()) {
            case PASS -> "";
            case FAIL -> "<failure message=\"" + esc(o.detail()) + "\"/>";
            // A known deviation is a pass with its explanation, not a skip that hides results.
            case DEVIATION -> "<system-out>" + esc(quirkLine(m, o)) + "</system-out>";
            case NOT_APPLICABLE -> "<skipped message=\"n/a: " + esc(o.detail()) + "\"/>";
          };
      add(
          cases,
          counts,
          suite,
          o.vector(),
          body,
          o.verdict() == Verdict.FAIL,
          o.verdict() == Verdict.NOT_APPLICABLE);
    }
    StringBuilder x =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    cases.forEach(
        (suite, list) -> {
          int[] c = counts.get(suite);
          x.append("  <testsuite name=\"")
              .append(esc(suite))
              .append("\" tests=\"")
              .append(list.size())
              .append("\" failures=\"")
              .append(c[0])
              .append("\" errors=\"0\" skipped=\"")
              .append(c[1])
              .append("\">\n");
          list.forEach(x::append);
          x.append("  </testsuite>\n");
        });
    return x.append("</testsuites>\n").toString();
  }

  /** "known deviation QUIRK: SUMMARY (detail)", for a deviation's testcase. */
  static String quirkLine(Matrix m, Outcome o) {
    String summary =
        m.quirks.all().stream()
            .filter(q -> q.id().equals(o.quirk()))
            .map(Quirks.Quirk::summary)
            .findFirst()
            .orElse("");
    return "known deviation " + o.quirk() + ": " + summary + " (" + o.detail() + ")";
  }

  private static void add(
      Map<String, List<String>> cases,
      Map<String, int[]> counts,
      String suite,
      String name,
      String body,
      boolean failed,
      boolean skipped) {
    cases
        .computeIfAbsent(suite, k -> new ArrayList<>())
        .add(
            "    <testcase classname=\""
                + esc(suite)
                + "\" name=\""
                + esc(name)
                + "\">"
                + body
                + "</testcase>\n");
    int[] c = counts.computeIfAbsent(suite, k -> new int[2]);
    if (failed) {
      c[0]++;
    } else if (skipped) {
      c[1]++;
    }
  }

  static String html(Matrix m) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>cose-tck report</title>")
        .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;")
        .append("margin-bottom:1.5em}td,th{border:1px solid #bbb;padding:2px 8px;font-size:13px}")
        .append("th{background:#eee}.fail{background:#fbb}.dev{background:#ffe9a8}")
        .append(".ok{background:#cfc}.na{color:#888}</style></head><body>");
    int unexpected = m.unexpected();
    h.append("<h1>cose-tck conformance report</h1><p><b>")
        .append(unexpected == 0 ? "No unexpected results." : unexpected + " unexpected results.")
        .append("</b></p>");
    VectorFacts facts = new VectorFacts(m.roots);
    HtmlSections.failures(m, facts, h);
    h.append("<h2>Matrix</h2><table><tr><th>suite</th><th>peer</th><th>direction</th><th>pass")
        .append(
            "</th><th>FAIL</th><th>expected deviation</th><th>n/a</th><th>same bytes</th></tr>");
    for (Matrix.Row r : m.rows()) {
      h.append("<tr><td>")
          .append(esc(r.suite()))
          .append("</td><td>")
          .append(esc(r.peer()))
          .append("</td><td>")
          .append(r.direction())
          .append("</td><td class=ok>")
          .append(r.pass())
          .append("</td><td")
          .append(r.fail() > 0 ? " class=fail>" : ">")
          .append(r.fail())
          .append("</td><td")
          .append(r.deviation() > 0 ? " class=dev>" : ">")
          .append(r.deviation())
          .append("</td><td class=na>")
          .append(r.notApplicable())
          .append("</td><td>")
          .append(r.identical())
          .append("</td></tr>");
    }
    h.append("</table>");
    if (!m.versions.isEmpty() || !m.unavailable.isEmpty()) {
      h.append("<h2>Peers</h2><ul>");
      m.versions.forEach((p, v) -> h.append("<li>").append(esc(p)).append(": ").append(esc(v)));
      m.unavailable.forEach(
          (p, why) ->
              h.append("<li class=fail>")
                  .append(esc(p))
                  .append(": UNAVAILABLE: ")
                  .append(esc(why)));
      h.append("</ul>");
    }
    h.append("<h2>Known quirks</h2><table><tr><th>id</th><th>peer</th><th>summary</th>")
        .append("<th>deviations</th></tr>");
    for (Quirks.Quirk q : m.quirks.all()) {
      long n =
          m.outcomes.stream()
              .filter(o -> o.verdict() == Verdict.DEVIATION && o.quirk().equals(q.id()))
              .count();
      h.append("<tr><td>")
          .append(esc(q.id()))
          .append("</td><td>")
          .append(esc(q.peer()))
          .append("</td><td>")
          .append(esc(q.summary()))
          .append("</td><td>")
          .append(n)
          .append("</td></tr>");
    }
    h.append("</table>");
    Map<String, Map<String, String>> agreement = m.agreement();
    Set<String> who = new LinkedHashSet<>();
    agreement.values().forEach(a -> who.addAll(a.keySet()));
    h.append("<h2>Negative vectors: accept/reject agreement</h2><p>")
        .append(m.disagreements().size())
        .append(" disagreements among ")
        .append(agreement.size())
        .append(" negative vectors.</p>")
        .append("<table><tr><th>vector</th>");
    who.forEach(w -> h.append("<th>").append(esc(w)).append("</th>"));
    h.append("</tr>");
    agreement.forEach(
        (v, a) -> {
          h.append("<tr><td>").append(esc(v)).append("</td>");
          for (String w : who) {
            String ans = a.getOrDefault(w, "");
            String cls = ans.equals("rejected") ? "ok" : ans.isEmpty() ? "na" : "fail";
            h.append("<td class=")
                .append(cls)
                .append(">")
                .append(esc(ans.isEmpty() ? "n/a" : ans))
                .append("</td>");
          }
          h.append("</tr>");
        });
    h.append("</table>");
    HtmlSections.requirements(m, facts, h);
    h.append("<h2>Deviations</h2><table><tr><th>suite</th><th>vector</th>")
        .append("<th>peer</th><th>direction</th><th>verdict</th><th>detail</th></tr>");
    for (Outcome o : m.outcomes) {
      if (o.verdict() == Verdict.DEVIATION) {
        h.append("<tr class=dev><td>")
            .append(esc(o.suite()))
            .append("</td><td>")
            .append(esc(o.vector()))
            .append("</td><td>")
            .append(esc(o.peer()))
            .append("</td><td>")
            .append(o.direction())
            .append("</td><td>")
            .append("deviation: " + esc(o.quirk()))
            .append("</td><td>")
            .append(esc(o.detail()))
            .append("</td></tr>");
      }
    }
    return h.append("</table></body></html>\n").toString();
  }
}
