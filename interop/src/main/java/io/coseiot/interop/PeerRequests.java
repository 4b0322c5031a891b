package io.coseiot.interop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the requests of the line protocol, version 2 (docs/peer-protocol.md): the version-1
 * requests, detached content, and the multi-recipient / multi-signer structures.
 */
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
    return body(op, protectedBytes, unprotected, content, externalAad, tagged)
        .put("alg", alg)
        .put("key", HEX.formatHex(key));
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
   * A creating request with recipients: {@code encrypt} or {@code mac}.
   *
   * @param op the op
   * @param alg the content algorithm's IANA id
   * @param protectedBytes the serialized protected bucket, empty for none
   * @param unprotected the unprotected map, encoded (with the IV)
   * @param content the plaintext or payload
   * @param externalAad the external AAD
   * @param tagged whether to emit the COSE tag
   * @param cek the content key to wrap, null where the recipient derives it or is direct
   * @param recipients the recipients, from {@link #recipient}
   * @return the request
   */
  public static ObjectNode createWithRecipients(
      String op,
      long alg,
      byte[] protectedBytes,
      byte[] unprotected,
      byte[] content,
      byte[] externalAad,
      boolean tagged,
      byte[] cek,
      List<ObjectNode> recipients) {
    ObjectNode o = body(op, protectedBytes, unprotected, content, externalAad, tagged);
    o.put("alg", alg);
    if (cek != null) {
      o.put("cek", HEX.formatHex(cek));
    }
    o.putArray("recipients").addAll(recipients);
    return o;
  }

  /**
   * One recipient of an {@code encrypt} or {@code mac} request.
   *
   * @param alg the recipient algorithm's IANA id
   * @param protectedBytes its serialized protected bucket, empty for none
   * @param unprotected its unprotected map exactly as sent (ephemeral or static key included)
   * @param key the shared symmetric COSE_Key, or the recipient's public key for key agreement
   * @param senderKey the sender's private key for key agreement (ephemeral or static), else null
   * @return the recipient object
   */
  public static ObjectNode recipient(
      long alg, byte[] protectedBytes, byte[] unprotected, byte[] key, byte[] senderKey) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("alg", alg).put("protected", HEX.formatHex(protectedBytes));
    o.put("unprotected", HEX.formatHex(unprotected)).put("key", HEX.formatHex(key));
    if (senderKey != null) {
      o.put("sender_key", HEX.formatHex(senderKey));
    }
    return o;
  }

  /**
   * A {@code sign} request (COSE_Sign).
   *
   * @param protectedBytes the body's serialized protected bucket, empty for none
   * @param unprotected the body's unprotected map, encoded
   * @param payload the payload
   * @param externalAad the external AAD
   * @param tagged whether to emit the COSE tag
   * @param signers the signers, from {@link #signer}
   * @return the request
   */
  public static ObjectNode sign(
      byte[] protectedBytes,
      byte[] unprotected,
      byte[] payload,
      byte[] externalAad,
      boolean tagged,
      List<ObjectNode> signers) {
    ObjectNode o = body("sign", protectedBytes, unprotected, payload, externalAad, tagged);
    o.putArray("signers").addAll(signers);
    return o;
  }

  /**
   * One signer of a {@code sign} request.
   *
   * @param alg the signature algorithm's IANA id
   * @param protectedBytes its serialized protected bucket, empty for none
   * @param unprotected its unprotected map, encoded
   * @param key its private COSE_Key
   * @return the signer object
   */
  public static ObjectNode signer(long alg, byte[] protectedBytes, byte[] unprotected, byte[] key) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("alg", alg).put("protected", HEX.formatHex(protectedBytes));
    o.put("unprotected", HEX.formatHex(unprotected)).put("key", HEX.formatHex(key));
    return o;
  }

  /**
   * An opening request for one recipient or signer: {@code decrypt}, {@code verify_mac} (field
   * {@code recipient}) or {@code verify} (field {@code signer}).
   *
   * @param op the op
   * @param index the recipient's or signer's index in the message, 0-based
   * @param key the recipient's key (symmetric, or private for key agreement) or the signer's public
   *     key
   * @param message the encoded message
   * @param externalAad the external AAD
   * @return the request
   */
  public static ObjectNode openOne(
      String op, int index, byte[] key, byte[] message, byte[] externalAad) {
    ObjectNode o = open(op, key, message, externalAad);
    o.put(op.equals("verify") ? "signer" : "recipient", index);
    return o;
  }

  /**
   * Asks a creating request for detached content: the message carries nil and the response adds
   * {@code detached_content}.
   *
   * @param request the creating request, changed
   * @return the same request
   */
  public static ObjectNode detached(ObjectNode request) {
    return request.put("detached", true);
  }

  /**
   * Adds the detached content to an opening request.
   *
   * @param request the opening request, changed
   * @param content the ciphertext or payload that travels apart
   * @return the same request
   */
  public static ObjectNode detachedContent(ObjectNode request, byte[] content) {
    return request.put("detached_content", HEX.formatHex(content));
  }

  /**
   * Adds the static sender's public key to a {@code decrypt} or {@code verify_mac} request, for an
   * ECDH-SS recipient that names the sender's key only by its id (-3).
   *
   * @param request the opening request, changed
   * @param senderKey the sender's public COSE_Key, encoded
   * @return the same request
   */
  public static ObjectNode senderKey(ObjectNode request, byte[] senderKey) {
    return request.put("sender_key", HEX.formatHex(senderKey));
  }

  /**
   * Returns the opening op that undoes a creating op.
   *
   * @param createOp a creating op: {@code encrypt0}, {@code sign1}, {@code mac0}, {@code encrypt},
   *     {@code mac} or {@code sign}
   * @return {@code decrypt0}, {@code verify1}, {@code verify_mac0}, {@code decrypt}, {@code
   *     verify_mac} or {@code verify}
   */
  public static String openOp(String createOp) {
    return switch (createOp) {
      case "encrypt0" -> "decrypt0";
      case "sign1" -> "verify1";
      case "mac0" -> "verify_mac0";
      case "encrypt" -> "decrypt";
      case "mac" -> "verify_mac";
      default -> "verify";
    };
  }

  /**
   * Returns the response field that holds the content for an op.
   *
   * @param op a creating or opening op
   * @return {@code plaintext} for the encryption ops, else {@code payload}
   */
  public static String contentField(String op) {
    return op.startsWith("encrypt") || op.startsWith("decrypt") ? "plaintext" : "payload";
  }

  private static ObjectNode body(
      String op,
      byte[] protectedBytes,
      byte[] unprotected,
      byte[] content,
      byte[] externalAad,
      boolean tagged) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("op", op).put("protected", HEX.formatHex(protectedBytes));
    o.put("unprotected", HEX.formatHex(unprotected));
    o.put(contentField(op), HEX.formatHex(content));
    o.put("external_aad", HEX.formatHex(externalAad)).put("tagged", tagged);
    return o;
  }
}
