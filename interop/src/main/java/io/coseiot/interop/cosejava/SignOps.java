package io.coseiot.interop.cosejava;

import static io.coseiot.interop.cosejava.Fields.hex;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * COSE_Sign with its signers through COSE-JAVA's {@code SignMessage} and {@code Signer} (ops {@code
 * sign}/{@code verify}).
 */
final class SignOps {
  private static final Class<?>[] BYTES = {byte[].class};
  private static final int KEY_ID = 2;
  private static final int KEY_ALG = 3;

  private final CoseJavaLibrary lib;

  SignOps(CoseJavaLibrary lib) {
    this.lib = lib;
  }

  Created create(JsonNode req) throws ReflectiveOperationException, Unsupported {
    boolean tagged = req.path("tagged").asBoolean(true);
    boolean detached = req.path("detached").asBoolean(false);
    Object msg =
        lib.create(
            "COSE.SignMessage", new Class<?>[] {boolean.class, boolean.class}, tagged, !detached);
    byte[] prot = hex(req, "protected");
    byte[] unprot = hex(req, "unprotected");
    lib.addHeaders(msg, prot, lib.protectedWhere);
    lib.addHeaders(msg, unprot, lib.unprotectedWhere);
    byte[] payload = hex(req, "payload");
    lib.call(msg, "SetContent", BYTES, (Object) payload);
    lib.call(msg, "setExternal", BYTES, (Object) hex(req, "external_aad"));
    JsonNode signers = req.path("signers");
    if (!signers.isArray() || signers.isEmpty()) {
      throw new IllegalArgumentException("signers: at least one is required");
    }
    Class<?> signerType = lib.type("COSE.Signer");
    for (JsonNode s : signers) {
      Object signer = lib.create("COSE.Signer", new Class<?>[0]);
      lib.addHeaders(signer, hex(s, "protected"), lib.protectedWhere);
      lib.addHeaders(signer, hex(s, "unprotected"), lib.unprotectedWhere);
      // COSE-JAVA's Signer signs with its own external data, not the message's.
      lib.call(signer, "setExternal", BYTES, (Object) hex(req, "external_aad"));
      lib.call(signer, "setKey", new Class<?>[] {lib.oneKeyType}, signingKey(hex(s, "key")));
      lib.call(msg, "AddSigner", new Class<?>[] {signerType}, signer);
    }
    lib.call(msg, "sign");
    byte[] out = lib.encodeMessage(msg);
    Object array = lib.messageArray(out);
    Fields.checkSent(lib, array, prot, unprot, "message");
    Object sent = lib.get(array, 3);
    for (int i = 0; i < signers.size(); i++) {
      JsonNode s = signers.get(i);
      Fields.checkSent(
          lib, lib.get(sent, i), hex(s, "protected"), hex(s, "unprotected"), "signature " + i);
    }
    return new Created(out, detached ? payload.clone() : null);
  }

  /**
   * The signer's key without kid and alg: {@code Signer.setKey} copies those into the signer's
   * headers when they are missing there, and the request says exactly which headers to send.
   */
  private Object signingKey(byte[] encoded) throws ReflectiveOperationException, Unsupported {
    Object map = lib.decodeCbor(encoded);
    for (int label : new int[] {KEY_ID, KEY_ALG}) {
      lib.cbor.getMethod("Remove", lib.cbor).invoke(map, lib.cborInt(label));
    }
    return lib.oneKey(map);
  }

  /** Returns the payload, or null if the signature does not verify. */
  byte[] open(JsonNode req) throws ReflectiveOperationException, Unsupported, Rejected {
    byte[] data = hex(req, "message");
    Object msg = lib.decodeMessage(data, "Sign");
    byte[] detached = Fields.detachedContent(lib, req, data);
    lib.call(msg, "setExternal", BYTES, (Object) hex(req, "external_aad"));
    if (detached != null) {
      lib.call(msg, "SetContent", BYTES, (Object) detached);
    }
    int index = req.path("signer").asInt(0);
    int count = (Integer) lib.call(msg, "getSignerCount");
    if (index < 0 || index >= count) {
      throw new Rejected("signer " + index + " of " + count);
    }
    Object signer = lib.call(msg, "getSigner", new Class<?>[] {int.class}, index);
    lib.call(signer, "setExternal", BYTES, (Object) hex(req, "external_aad"));
    lib.call(signer, "setKey", new Class<?>[] {lib.oneKeyType}, lib.oneKey(hex(req, "key")));
    boolean ok =
        (Boolean) lib.call(msg, "validate", new Class<?>[] {lib.type("COSE.Signer")}, signer);
    return ok ? (byte[]) lib.call(msg, "GetContent") : null;
  }
}
