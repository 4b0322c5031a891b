package io.coseiot.interop.cosejava;

import static io.coseiot.interop.cosejava.Fields.hex;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The single-recipient structures through COSE-JAVA: {@code Encrypt0Message}, {@code Sign1Message}
 * and {@code MAC0Message} (ops {@code encrypt0}/{@code decrypt0}, {@code sign1}/{@code verify1},
 * {@code mac0}/{@code verify_mac0}).
 */
final class SingleOps {
  private static final Class<?>[] BYTES = {byte[].class};

  private final CoseJavaLibrary lib;

  SingleOps(CoseJavaLibrary lib) {
    this.lib = lib;
  }

  Created create(String op, JsonNode req) throws ReflectiveOperationException, Unsupported {
    boolean tagged = req.path("tagged").asBoolean(true);
    boolean detached = req.path("detached").asBoolean(false);
    Class<?>[] flags = {boolean.class, boolean.class};
    Object msg =
        switch (op) {
          case "encrypt0" -> lib.create("COSE.Encrypt0Message", flags, tagged, !detached);
          case "sign1" -> lib.create("COSE.Sign1Message", flags, tagged, !detached);
          default -> {
            if (detached) {
              throw new Unsupported(
                  "COSE-JAVA 1.1.0's MAC0Message always encodes its payload (no emitContent flag)");
            }
            yield lib.create("COSE.MAC0Message", new Class<?>[0]);
          }
        };
    lib.setTagged(msg, tagged);
    byte[] prot = hex(req, "protected");
    byte[] unprot = hex(req, "unprotected");
    lib.addHeaders(msg, prot, lib.protectedWhere);
    lib.addHeaders(msg, unprot, lib.unprotectedWhere);
    byte[] content = hex(req, op.equals("encrypt0") ? "plaintext" : "payload");
    lib.call(msg, "SetContent", BYTES, (Object) content);
    lib.call(msg, "setExternal", BYTES, (Object) hex(req, "external_aad"));
    byte[] key = hex(req, "key");
    switch (op) {
      case "encrypt0" -> lib.call(msg, "encrypt", BYTES, (Object) lib.symmetricKey(key));
      case "sign1" -> lib.call(msg, "sign", new Class<?>[] {lib.oneKeyType}, lib.oneKey(key));
      default -> lib.call(msg, "Create", BYTES, (Object) lib.symmetricKey(key));
    }
    byte[] out = lib.encodeMessage(msg);
    Fields.checkSent(lib, lib.messageArray(out), prot, unprot, "message");
    if (!detached) {
      return new Created(out, null);
    }
    return new Created(
        out,
        op.equals("encrypt0") ? (byte[]) lib.call(msg, "getEncryptedContent") : content.clone());
  }

  /** Returns the content, or null if the signature or tag does not verify. */
  byte[] open(String op, JsonNode req) throws ReflectiveOperationException, Unsupported, Rejected {
    byte[] data = hex(req, "message");
    Object msg =
        lib.decodeMessage(
            data,
            switch (op) {
              case "decrypt0" -> "Encrypt0";
              case "verify1" -> "Sign1";
              default -> "MAC0";
            });
    byte[] detached = Fields.detachedContent(lib, req, data);
    lib.call(msg, "setExternal", BYTES, (Object) hex(req, "external_aad"));
    byte[] key = hex(req, "key");
    if (op.equals("decrypt0")) {
      if (detached != null) {
        lib.call(msg, "setEncryptedContent", BYTES, (Object) detached);
      }
      return (byte[]) lib.call(msg, "decrypt", BYTES, (Object) lib.symmetricKey(key));
    }
    if (detached != null) {
      lib.call(msg, "SetContent", BYTES, (Object) detached);
    }
    boolean ok =
        op.equals("verify1")
            ? (Boolean) lib.call(msg, "validate", new Class<?>[] {lib.oneKeyType}, lib.oneKey(key))
            : (Boolean) lib.call(msg, "Validate", BYTES, (Object) lib.symmetricKey(key));
    return ok ? (byte[]) lib.call(msg, "GetContent") : null;
  }
}
