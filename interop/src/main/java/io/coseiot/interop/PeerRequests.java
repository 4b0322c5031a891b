package io.coseiot.interop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;

/** Builds the requests of the line protocol, version 1. */
public final class PeerRequests {
  private static final HexFormat HEX = HexFormat.of();

  private PeerRequests() {}

  /**
   * A creating request: {@code encrypt0}, {@code sign1} or {@code mac0}.
   *
   * @param op the op
   * @param alg the IANA algorithm id
   * @param key the COSE_Key, encoded (private for sign1)
   * @param protectedBytes the serialized protected bucket, empty for none
   * @param unprotected the unprotected map, encoded
   * @param content the plaintext or payload
   * @param externalAad the external AAD
   * @param tagged whether to emit the COSE tag
   * @return the request
   */
  public static ObjectNode create(
      String op,
      long alg,
      byte[] key,
      byte[] protectedBytes,
      byte[] unprotected,
      byte[] content,
      byte[] externalAad,
      boolean tagged) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("op", op).put("alg", alg).put("key", HEX.formatHex(key));
    o.put("protected", HEX.formatHex(protectedBytes));
    o.put("unprotected", HEX.formatHex(unprotected));
    o.put(op.equals("encrypt0") ? "plaintext" : "payload", HEX.formatHex(content));
    o.put("external_aad", HEX.formatHex(externalAad)).put("tagged", tagged);
    return o;
  }

  /**
   * An opening request: {@code decrypt0}, {@code verify1} or {@code verify_mac0}.
   *
   * @param op the op
   * @param key the COSE_Key, encoded (public suffices for verify1)
   * @param message the encoded message
   * @param externalAad the external AAD
   * @return the request
   */
  public static ObjectNode open(String op, byte[] key, byte[] message, byte[] externalAad) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("op", op).put("key", HEX.formatHex(key)).put("message", HEX.formatHex(message));
    o.put("external_aad", HEX.formatHex(externalAad));
    return o;
  }

  /**
   * Returns the opening op that undoes a creating op.
   *
   * @param createOp {@code encrypt0}, {@code sign1} or {@code mac0}
   * @return {@code decrypt0}, {@code verify1} or {@code verify_mac0}
   */
  public static String openOp(String createOp) {
    return switch (createOp) {
      case "encrypt0" -> "decrypt0";
      case "sign1" -> "verify1";
      default -> "verify_mac0";
    };
  }
}
