package io.coseiot.tck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.vectors.examples.ExampleResult;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a run as JSON: the counts, then one object per example. */
final class JsonReport {
  private JsonReport() {}

  static void write(SuiteRun run, Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("passed", run.passed()).put("failed", run.failed()).put("skipped", run.skipped());
    ArrayNode examples = root.putArray("examples");
    for (SuiteRun.Outcome o : run.outcomes()) {
      ExampleResult r = o.result();
      ObjectNode e = examples.addObject();
      e.put("file", r.file())
          .put("title", r.title())
          .put("outcome", r.outcome().name())
          .put("decode", r.decode().name())
          .put("encode", r.encode().name())
          .put("reason", r.reason());
      if (!o.skippedFor().isEmpty()) {
        e.put("skippedFor", o.skippedFor());
      }
    }
    mapper.writeValue(file.toFile(), root);
  }
}
