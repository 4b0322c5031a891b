package io.coseiot.interop.cosejava;

import static io.coseiot.interop.cosejava.Fields.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * COSE_Encrypt and COSE_Mac with their recipients through COSE-JAVA's {@code EncryptMessage},
 * {@code MACMessage} and {@code Recipient} (ops {@code encrypt}/{@code decrypt}, {@code mac}/{@code
 * verify_mac}): direct, AES key wrap, ECDH-ES/SS + HKDF and ECDH + key wrap, as far as COSE-JAVA
 * lets a request say what to send.
 */
final class RecipientOps {
  private static final Class<?>[] BYTES = {byte[].class};

  /** ECDH-ES + HKDF-256/512 and ECDH-ES + A128/192/256KW. */
  private static final Set<Integer> ECDH_ES = Set.of(-25, -26, -29, -30, -31);

  /** ECDH-SS + HKDF-256/512 and ECDH-SS + A128/192/256KW. */
  private static final Set<Integer> ECDH_SS = Set.of(-27, -28, -32, -33, -34);

  private static final int ALG = 1;
  private static final int STATIC_KEY = -2;
  private static final int PARTY_U_NONCE = -22;

  private final CoseJavaLibrary lib;

  RecipientOps(CoseJavaLibrary lib) {
    this.lib = lib;
  }

  Created create(String op, JsonNode req) throws ReflectiveOperationException, Unsupported {
    boolean encrypt = op.equals("encrypt");
    String className = encrypt ? "COSE.EncryptMessage" : "COSE.MACMessage";
    if (req.path("detached").asBoolean(false)) {
      throw new Unsupported(
          "COSE-JAVA 1.1.0's " + className.substring(5) + " always encodes its content");
    }
    boolean tagged = req.path("tagged").asBoolean(true);
    Object msg =
        encrypt
            ? lib.create(className, new Class<?>[] {boolean.class}, tagged)
            : lib.create(className, new Class<?>[0]);
    lib.setTagged(msg, tagged);
    byte[] prot = hex(req, "protected");
    byte[] unprot = hex(req, "unprotected");
    lib.addHeaders(msg, prot, lib.protectedWhere);
    lib.addHeaders(msg, unprot, lib.unprotectedWhere);
    lib.call(msg, "SetContent", BYTES, (Object) hex(req, encrypt ? "plaintext" : "payload"));
    lib.call(msg, "setExternal", BYTES, (Object) hex(req, "external_aad"));
    JsonNode recipients = req.path("recipients");
    if (!recipients.isArray() || recipients.isEmpty()) {
      throw new IllegalArgumentException("recipients: at least one is required");
    }
    Class<?> recipientType = lib.type("COSE.Recipient");
    for (JsonNode r : recipients) {
      lib.call(msg, "addRecipient", new Class<?>[] {recipientType}, recipient(r));
    }
    FixedCek cek = null;
    if (req.hasNonNull("cek")) {
      cek = new FixedCek(hex(req, "cek"));
      // The one source COSE-JAVA draws a key-wrapped content key from.
      lib.setField(msg, encrypt ? "COSE.EncryptCommon" : "COSE.MacCommon", "random", cek);
    }
    lib.call(msg, encrypt ? "encrypt" : "Create");
    if (cek != null && !cek.used()) {
      throw new IllegalArgumentException(
          "cek given, but the recipients derive the content key (direct or direct key agreement)");
    }
    byte[] out = lib.encodeMessage(msg);
    Object array = lib.messageArray(out);
    Fields.checkSent(lib, array, prot, unprot, "message");
    Object sentRecipients = lib.get(array, encrypt ? 3 : 4);
    for (int i = 0; i < recipients.size(); i++) {
      JsonNode r = recipients.get(i);
      Fields.checkSent(
          lib,
          lib.get(sentRecipients, i),
          hex(r, "protected"),
          hex(r, "unprotected"),
          "recipient " + i);
    }
    return new Created(out, null);
  }

  /** Builds one COSE-JAVA recipient, refusing what it would send differently. */
  private Object recipient(JsonNode r) throws ReflectiveOperationException, Unsupported {
    int alg = r.path("alg").asInt();
    byte[] prot = hex(r, "protected");
    byte[] unprot = hex(r, "unprotected");
    if (ECDH_ES.contains(alg)) {
      throw new Unsupported(
          "COSE-JAVA 1.1.0 makes its own ephemeral key for ECDH-ES (alg "
              + alg
              + ", Recipient.ECDH_GenEphemeral): the given sender_key cannot be used");
    }
    if (ECDH_SS.contains(alg) && !hasLabel(prot, unprot, PARTY_U_NONCE)) {
      throw new Unsupported(
          "COSE-JAVA 1.1.0 adds a random PartyU nonce (-22) to every ECDH-SS recipient (alg "
              + alg
              + ") that has none");
    }
    Object rec = lib.create("COSE.Recipient", new Class<?>[0]);
    lib.addHeaders(rec, prot, lib.protectedWhere);
    lib.addHeaders(rec, unprot, lib.unprotectedWhere);
    Class<?>[] oneKey = {lib.oneKeyType};
    lib.call(rec, "SetKey", oneKey, lib.oneKey(hex(r, "key")));
    if (r.hasNonNull("sender_key")) {
      lib.call(rec, "SetSenderKey", oneKey, lib.oneKey(hex(r, "sender_key")));
    }
    return rec;
  }

  private boolean hasLabel(byte[] prot, byte[] unprot, int label)
      throws ReflectiveOperationException {
    for (byte[] map : new byte[][] {prot, unprot}) {
      if (map.length > 0 && lib.get(lib.decodeCbor(map), lib.cborInt(label)) != null) {
        return true;
      }
    }
    return false;
  }

  /** Returns the content, or null if the tag does not verify. */
  byte[] open(String op, JsonNode req) throws ReflectiveOperationException, Unsupported, Rejected {
    boolean decrypt = op.equals("decrypt");
    byte[] data = hex(req, "message");
    Object msg = lib.decodeMessage(data, decrypt ? "Encrypt" : "MAC");
    byte[] detached = Fields.detachedContent(lib, req, data);
    lib.call(msg, "setExternal", BYTES, (Object) hex(req, "external_aad"));
    int index = req.path("recipient").asInt(0);
    int count = (Integer) lib.call(msg, "getRecipientCount");
    if (index < 0 || index >= count) {
      throw new Rejected("recipient " + index + " of " + count);
    }
    Object rec = lib.call(msg, "getRecipient", new Class<?>[] {int.class}, index);
    Object alg = lib.call(rec, "findAttribute", new Class<?>[] {lib.cbor}, lib.cborInt(ALG));
    if (alg != null
        && ECDH_SS.contains(lib.asInt(alg))
        && lib.call(rec, "findAttribute", new Class<?>[] {lib.cbor}, lib.cborInt(STATIC_KEY))
            == null) {
      if (!req.hasNonNull("sender_key")) {
        throw new Unsupported(
            "COSE-JAVA 1.1.0 finds an ECDH-SS sender's public key only in header -2 (static key);"
                + " this recipient names it by key id (-3) and no sender_key was given");
      }
      // COSE-JAVA also looks in its never-sent bucket: the key known out of band goes there.
      lib.addAttribute(rec, STATIC_KEY, lib.decodeCbor(hex(req, "sender_key")), lib.doNotSend);
    }
    lib.call(rec, "SetKey", new Class<?>[] {lib.oneKeyType}, lib.oneKey(hex(req, "key")));
    Class<?>[] recipientType = {lib.type("COSE.Recipient")};
    if (decrypt) {
      if (detached != null) {
        lib.call(msg, "setEncryptedContent", BYTES, (Object) detached);
      }
      return (byte[]) lib.call(msg, "decrypt", recipientType, rec);
    }
    if (detached != null) {
      lib.call(msg, "SetContent", BYTES, (Object) detached);
    }
    boolean ok = (Boolean) lib.call(msg, "Validate", recipientType, rec);
    return ok ? (byte[]) lib.call(msg, "GetContent") : null;
  }
}
