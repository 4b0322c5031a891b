package io.coseiot.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;

/**
 * One response of the line protocol.
 *
 * @param body the JSON object as received
 */
public record PeerResponse(ObjectNode body) {
  /** A failed response that the TCK made up, for a peer that died or answered garbage. */
  static PeerResponse error(String why) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("ok", false).put("kind", "error").put("error", why);
    return new PeerResponse(o);
  }

  /**
   * Returns whether the request succeeded.
   *
   * @return {@code ok}
   */
  public boolean ok() {
    return body.path("ok").asBoolean(false);
  }

  /**
   * Returns the failure kind: {@code rejected}, {@code unsupported} or {@code error}.
   *
   * @return the kind, empty on success
   */
  public String kind() {
    return ok() ? "" : body.path("kind").asText("error");
  }

  /**
   * Returns the failure message.
   *
   * @return the error text, empty on success
   */
  public String error() {
    return body.path("error").asText("");
  }

  /**
   * Returns a hex field decoded.
   *
   * @param field the field name, such as {@code message}
   * @return the bytes, or null if absent
   */
  public byte[] bytes(String field) {
    JsonNode v = body.get(field);
    return v == null || !v.isTextual() ? null : HexFormat.of().parseHex(v.asText());
  }

  @Override
  public String toString() {
    return ok() ? "ok" : kind() + ": " + error();
  }
}
