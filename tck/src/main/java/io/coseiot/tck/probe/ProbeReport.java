package io.coseiot.tck.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of an observation per requirement (violated, passed, or not observed with the
 * reason), as a text summary, JSON and JUnit XML.
 */
final class ProbeReport {
  /** A requirement's outcome. */
  enum Status {
    PASS,
    FAIL,
    SKIP
  }

  /**
   * One requirement's line of the report.
   *
   * @param requirement the requirement
   * @param status its outcome
   * @param checked how many messages (or exchanges) it was applied to
   * @param findings its violations
   * @param reason why it was not observed, for {@link Status#SKIP}
   */
  record Line(
      Requirement requirement, Status status, int checked, List<Finding> findings, String reason) {}

  private final Deployment d;
  private final ProbeRun.Result r;
  private final List<Line> lines = new ArrayList<>();
  private final List<Finding> findings;

  ProbeReport(Deployment d, ProbeRun.Result r) {
    this.d = d;
    this.r = r;
    // Nonce reuse first: it is the worst finding; then in the order of the messages.
    this.findings =
        r.checker().findings().stream()
            .sorted(
                Comparator.comparing((Finding f) -> f.requirement() != Requirement.R7_1)
                    .thenComparingInt(Finding::index))
            .toList();
    for (Requirement q : Requirement.values()) {
      List<Finding> mine = findings.stream().filter(f -> f.requirement() == q).toList();
      int n = r.checker().checked().getOrDefault(q, 0);
      Status s = !mine.isEmpty() ? Status.FAIL : n > 0 ? Status.PASS : Status.SKIP;
      lines.add(new Line(q, s, n, mine, s == Status.SKIP ? reason(q) : ""));
    }
  }

  private String reason(Requirement q) {
    switch (q) {
      case R4_1:
      case R4_2:
      case R4_3:
        if (!d.v5()) {
          return "MQTT 3.1.1: no properties exist (section 5)";
        }
        break;
      case R5_1:
        if (d.v5()) {
          return "an MQTT 5 observation; run with --mqtt 3.1.1 to check it";
        }
        break;
      case R7_5:
      case R9_2:
      case R12_1:
        if (r.exchange() == null) {
          return "receive path not tested: --commands not given";
        }
        String why = r.exchange().uncheckedReason(r.checker());
        if (why != null) {
          return why;
        }
        break;
      case R7_2:
      case R7_3:
        if (r.checker().messages() > 0) {
          return q == Requirement.R7_3
              ? "no counter-mode message (Partial IV) observed"
              : "no message with an IV or Partial IV observed";
        }
        break;
      default:
        break;
    }
    return r.checker().messages() == 0
        ? "no message observed"
        : "no message reached this check (see the findings of the earlier checks)";
  }

  /** 0 = conforms, 1 = a violation, 2 = nothing (or too little) observed to say. */
  int exitCode() {
    if (!findings.isEmpty()) {
      return 1;
    }
    int n = r.checker().messages();
    return r.lost() != null || n == 0 || (r.wanted() > 0 && n < r.wanted()) ? 2 : 0;
  }

  /** The one-line verdict. */
  String verdict() {
    int n = r.checker().messages();
    if (!findings.isEmpty()) {
      String cut = r.lost() == null ? "" : " (then " + r.lost() + ")";
      long critical = findings.stream().filter(f -> f.severity().equals("critical")).count();
      return "DOES NOT CONFORM: "
          + findings.size()
          + " violation(s)"
          + (critical > 0 ? ", " + critical + " of them NONCE REUSE" : "")
          + " in "
          + n
          + " message(s)"
          + cut;
    }
    if (r.lost() != null) {
      return "incomplete: " + r.lost() + " after " + n + " message(s)";
    }
    if (n == 0) {
      return "nothing to check: no message arrived on "
          + String.join(", ", d.filters())
          + " within "
          + Math.round(r.seconds())
          + " s (is the device publishing there?)";
    }
    if (r.wanted() > 0 && n < r.wanted()) {
      return "incomplete: "
          + n
          + " of the "
          + r.wanted()
          + " messages asked for arrived within "
          + Math.round(r.seconds())
          + " s";
    }
    return "CONFORMS: " + n + " message(s), no violation";
  }

  void text(PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "cose-tck probe: %d message(s) on %s via %s (MQTT %s, %s profile, epoch %d) in %.1f s%n",
        r.checker().messages(),
        String.join(", ", d.filters()),
        d.broker(),
        d.v5() ? "5" : "3.1.1",
        d.profile().name().toLowerCase(Locale.ROOT),
        d.epoch(),
        r.seconds());
    for (Line l : lines) {
      String tail =
          switch (l.status()) {
            case PASS -> l.checked() + " checked";
            case FAIL -> l.findings().size() + " violation(s) in " + l.checked() + " checked";
            case SKIP -> l.reason();
          };
      out.printf(
          Locale.ROOT,
          "  %-4s %-6s %s: %s%n",
          l.status(),
          l.requirement().id(),
          l.requirement().summary(),
          tail);
    }
    for (Finding f : findings) {
      out.printf(
          Locale.ROOT,
          "%s %s %s%s: %s%n",
          f.severity().toUpperCase(Locale.ROOT),
          f.requirement().id(),
          f.index() > 0 ? "message #" + f.index() + " on " + f.topic() : "commands on " + f.topic(),
          f.kid().isEmpty() ? "" : " (kid " + f.kid() + ")",
          f.detail());
    }
    for (String n : r.checker().notes()) {
      out.println("note: " + n);
    }
    out.println(verdict());
    out.flush();
  }

  void json(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("tool", "cose-tck probe")
        .put("profile", "cose-iot-mqtt/1")
        .put("broker", d.broker())
        .put("mqtt", d.v5() ? "5" : "3.1.1")
        .put("algorithmProfile", d.profile().name().toLowerCase(Locale.ROOT))
        .put("epoch", d.epoch())
        .put("messages", r.checker().messages())
        .put("seconds", Math.round(r.seconds() * 10) / 10.0)
        .put("exitCode", exitCode())
        .put("verdict", verdict());
    ArrayNode filters = root.putArray("filters");
    d.filters().forEach(filters::add);
    ArrayNode reqs = root.putArray("requirements");
    for (Line l : lines) {
      ObjectNode o = reqs.addObject();
      o.put("id", l.requirement().id())
          .put("summary", l.requirement().summary())
          .put("status", l.status().name())
          .put("checked", l.checked())
          .put("violations", l.findings().size());
      if (l.status() == Status.SKIP) {
        o.put("reason", l.reason());
      }
    }
    ArrayNode fs = root.putArray("findings");
    for (Finding f : findings) {
      fs.addObject()
          .put("id", f.requirement().id())
          .put("severity", f.severity())
          .put("message", f.index())
          .put("topic", f.topic())
          .put("kid", f.kid())
          .put("hex", f.hex())
          .put("detail", f.detail());
    }
    ArrayNode notes = root.putArray("notes");
    r.checker().notes().forEach(notes::add);
    mapper.writeValue(file.toFile(), root);
  }

  void junit(Path file) throws IOException {
    long failures = lines.stream().filter(l -> l.status() == Status.FAIL).count();
    long skipped = lines.stream().filter(l -> l.status() == Status.SKIP).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append(
        String.format(
            Locale.ROOT,
            "<testsuite name=\"cose-tck probe\" tests=\"%d\" failures=\"%d\" errors=\"0\""
                + " skipped=\"%d\" time=\"%.1f\">%n",
            lines.size(),
            failures,
            skipped,
            r.seconds()));
    for (Line l : lines) {
      b.append("  <testcase classname=\"probe\" name=\"")
          .append(esc(l.requirement().id() + " " + l.requirement().summary()))
          .append("\"");
      if (l.status() == Status.PASS) {
        b.append("/>\n");
        continue;
      }
      b.append(">\n");
      if (l.status() == Status.SKIP) {
        b.append("    <skipped message=\"").append(esc(l.reason())).append("\"/>\n");
      } else {
        StringBuilder body = new StringBuilder();
        for (Finding f : l.findings()) {
          body.append(f.index() > 0 ? "message #" + f.index() + " on " + f.topic() : f.topic())
              .append(f.kid().isEmpty() ? "" : " kid " + f.kid())
              .append(": ")
              .append(f.detail())
              .append(f.hex().isEmpty() ? "" : "\n  " + f.hex())
              .append('\n');
        }
        b.append("    <failure message=\"")
            .append(esc(l.findings().get(0).detail()))
            .append("\">")
            .append(esc(body.toString()))
            .append("</failure>\n");
      }
      b.append("  </testcase>\n");
    }
    b.append("</testsuite>\n");
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
