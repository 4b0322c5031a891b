package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help is complete (each summary and paragraph a whole sentence, where picocli
 * lists the commands too) and --version works on every command, as a CI user calls them.
 */
class HelpTest {
  private static final Map<String, CommandLine> COMMANDS =
      new CommandLine(new CoseTck()).getSubcommands();

  private static String tck(String... args) {
    StringWriter out = new StringWriter();
    int code =
        CoseTck.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter()), args);
    assertEquals(0, code, String.join(" ", args) + ": " + out);
    return out.toString();
  }

  private static boolean sentence(String text) {
    String t = text.replace("%n", "").strip();
    return t.endsWith(".") || t.endsWith(".)") || t.endsWith(".'");
  }

  @Test
  void everyCommandPrintsTheKitsVersion() {
    String version = tck("--version").strip();
    assertTrue(version.startsWith("cose-tck "), version);
    String number = version.substring(version.lastIndexOf(' ') + 1);
    for (String name : COMMANDS.keySet()) {
      if (!name.equals("help")) {
        // A command may name itself ("cose-tck probe 0.1.0"), but says the kit's version.
        String v = tck(name, "--version").strip();
        assertTrue(v.startsWith("cose-tck") && v.endsWith(" " + number), name + ": " + v);
      }
    }
  }

  @Test
  void everySummaryInTheCommandListIsAWholeSentence() {
    String help = tck("--help");
    String list = help.substring(help.indexOf("Commands:") + "Commands:".length());
    // A summary starts after the name on its first line; wrapped lines are indented further.
    List<String> summaries = new ArrayList<>();
    for (String line : list.lines().toList()) {
      if (line.isBlank()) {
        continue;
      }
      String name = line.strip().split("\\s+")[0];
      if (line.startsWith("  ") && !line.startsWith("   ") && COMMANDS.containsKey(name)) {
        summaries.add(line.strip().substring(name.length()));
      } else {
        summaries.set(summaries.size() - 1, summaries.get(summaries.size() - 1) + " " + line);
      }
    }
    assertEquals(COMMANDS.size(), summaries.size(), list);
    for (String s : summaries) {
      assertTrue(sentence(s), "summary cut short: " + s.strip());
    }
  }

  @Test
  void everyCommandsHeaderAndParagraphsAreWholeSentences() {
    for (Map.Entry<String, CommandLine> c : COMMANDS.entrySet()) {
      CommandLine.Model.UsageMessageSpec usage = c.getValue().getCommandSpec().usageMessage();
      List<String> text = new ArrayList<>(List.of(usage.header()));
      text.addAll(List.of(usage.description()));
      assertFalse(text.isEmpty(), c.getKey() + " has no summary");
      for (String paragraph : text) {
        assertTrue(sentence(paragraph), c.getKey() + ": cut short: " + paragraph);
      }
      assertTrue(tck(c.getKey(), "--help").contains("Usage: cose-tck " + c.getKey()), c.getKey());
    }
  }
}
