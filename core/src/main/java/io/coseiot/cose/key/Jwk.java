package io.coseiot.cose.key;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.KeyException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Converts between COSE_Key and JWK (RFC 7517, RFC 7518, RFC 8037) for kty EC, OKP, oct and RSA.
 *
 * <p>A JWK {@code kid} is a string; the COSE {@code kid} is its UTF-8 bytes. {@code alg} and {@code
 * key_ops} are carried where both registries have the same meaning; a value without an equivalent
 * is refused rather than dropped, since dropping it would lift a restriction on the key. Other
 * members ({@code use}, certificates, COSE's Base IV and private labels) are not carried. Binary
 * members are base64url without padding, and must be exactly that on input.
 */
public final class Jwk {
  private static final Map<String, Algorithm> ALGORITHMS =
      Map.ofEntries(
          Map.entry("ES256", Algorithm.ES256),
          Map.entry("ES384", Algorithm.ES384),
          Map.entry("ES512", Algorithm.ES512),
          Map.entry("EdDSA", Algorithm.EDDSA),
          Map.entry("PS256", Algorithm.PS256),
          Map.entry("PS384", Algorithm.PS384),
          Map.entry("PS512", Algorithm.PS512),
          Map.entry("RS256", Algorithm.RS256),
          Map.entry("RS384", Algorithm.RS384),
          Map.entry("RS512", Algorithm.RS512),
          Map.entry("RSA-OAEP", Algorithm.RSAES_OAEP_SHA_1),
          Map.entry("RSA-OAEP-256", Algorithm.RSAES_OAEP_SHA_256),
          Map.entry("RSA-OAEP-512", Algorithm.RSAES_OAEP_SHA_512),
          Map.entry("A128GCM", Algorithm.A128GCM),
          Map.entry("A192GCM", Algorithm.A192GCM),
          Map.entry("A256GCM", Algorithm.A256GCM),
          Map.entry("A128KW", Algorithm.A128KW),
          Map.entry("A192KW", Algorithm.A192KW),
          Map.entry("A256KW", Algorithm.A256KW),
          Map.entry("HS256", Algorithm.HMAC_256_256),
          Map.entry("HS384", Algorithm.HMAC_384_384),
          Map.entry("HS512", Algorithm.HMAC_512_512),
          Map.entry("dir", Algorithm.DIRECT));

  /** JWK key_ops values, at the index of their COSE key_ops value (RFC 9052 §7.1, Table 5). */
  private static final List<String> KEY_OPS =
      List.of(
          "",
          "sign",
          "verify",
          "encrypt",
          "decrypt",
          "wrapKey",
          "unwrapKey",
          "deriveKey",
          "deriveBits");

  private static final long[] RSA_LABELS = {
    KeyLabel.RSA_N,
    KeyLabel.RSA_E,
    KeyLabel.RSA_D,
    KeyLabel.RSA_P,
    KeyLabel.RSA_Q,
    KeyLabel.RSA_DP,
    KeyLabel.RSA_DQ,
    KeyLabel.RSA_QINV
  };
  private static final String[] RSA_NAMES = {"n", "e", "d", "p", "q", "dp", "dq", "qi"};

  private Jwk() {}

  /**
   * Reads a JWK.
   *
   * @param json the JWK as a JSON object
   * @return the COSE_Key
   * @throws KeyException if the JSON or the key is invalid, or a member has no COSE equivalent
   */
  public static CoseKey fromJwk(String json) throws KeyException {
    CBORObject jwk;
    try {
      jwk = CBORObject.FromJSONString(json);
    } catch (CBORException e) {
      throw new KeyException("JWK: not valid JSON", e);
    }
    if (jwk.getType() != CBORType.Map) {
      throw new KeyException("JWK: not a JSON object");
    }
    String kty = text(jwk, "kty", true);
    CoseKey.Builder b;
    switch (kty) {
      case "EC", "OKP" -> {
        Curve c = Curve.fromName(text(jwk, "crv", true));
        KeyType t = kty.equals("EC") ? KeyType.EC2 : KeyType.OKP;
        if (c == null || c.keyType() != t) {
          throw new KeyException("JWK: crv " + jwk.get("crv") + " is not a supported " + kty);
        }
        b = CoseKey.builder(t).curve(c);
        int len = c.coordinateLength();
        b.setBytes(KeyLabel.X, binary(jwk, "x", true, len));
        if (t == KeyType.EC2) {
          b.setBytes(KeyLabel.Y, binary(jwk, "y", true, len));
        }
        byte[] d = binary(jwk, "d", false, len);
        if (d != null) {
          b.setBytes(KeyLabel.D, d);
        }
      }
      case "oct" -> b = CoseKey.symmetric(binary(jwk, "k", true, -1));
      case "RSA" -> {
        if (jwk.ContainsKey("oth")) {
          throw new KeyException("JWK: multi-prime RSA keys (oth) are not supported");
        }
        b = CoseKey.builder(KeyType.RSA);
        for (int i = 0; i < RSA_NAMES.length; i++) {
          byte[] v = binary(jwk, RSA_NAMES[i], i < 2, -1);
          if (v != null) {
            b.setBytes(RSA_LABELS[i], v);
          }
        }
      }
      default -> throw new KeyException("JWK: kty " + kty + " is not supported");
    }
    String kid = text(jwk, "kid", false);
    if (kid != null) {
      b.keyId(kid.getBytes(StandardCharsets.UTF_8));
    }
    String alg = text(jwk, "alg", false);
    if (alg != null) {
      Algorithm a = ALGORITHMS.get(alg);
      if (a == null) {
        throw new KeyException("JWK: alg " + alg + " has no COSE equivalent");
      }
      b.algorithm(a);
    }
    CBORObject ops = jwk.get("key_ops");
    if (ops != null) {
      b.set(KeyLabel.KEY_OPS, coseKeyOps(ops));
    }
    return b.build();
  }

  /**
   * Writes a JWK.
   *
   * @param key the COSE_Key
   * @return the JWK as a JSON object
   * @throws KeyException if the key is incomplete or a parameter has no JWK equivalent
   */
  public static String toJwk(CoseKey key) throws KeyException {
    CBORObject jwk = CBORObject.NewOrderedMap();
    switch (key.keyType()) {
      case EC2, OKP -> {
        Curve c = key.curve();
        jwk.Add("kty", key.keyType() == KeyType.EC2 ? "EC" : "OKP").Add("crv", c.coseName());
        put(jwk, "x", required(key, KeyLabel.X, "x"));
        if (key.keyType() == KeyType.EC2) {
          CBORObject y = key.get(KeyLabel.Y);
          // JWK has no compressed form: recover y from its sign bit.
          put(
              jwk,
              "y",
              y != null && y.getType() == CBORType.Boolean
                  ? EcCurves.decompress(c, required(key, KeyLabel.X, "x"), y.AsBoolean())
                  : required(key, KeyLabel.Y, "y"));
        }
        put(jwk, "d", key.bytes(KeyLabel.D));
      }
      case SYMMETRIC -> {
        jwk.Add("kty", "oct");
        put(jwk, "k", required(key, KeyLabel.K, "k"));
      }
      case RSA -> {
        jwk.Add("kty", "RSA");
        for (int i = 0; i < RSA_NAMES.length; i++) {
          put(
              jwk,
              RSA_NAMES[i],
              i < 2 ? required(key, RSA_LABELS[i], RSA_NAMES[i]) : key.bytes(RSA_LABELS[i]));
        }
      }
    }
    byte[] kid = key.bytes(KeyLabel.KID);
    if (kid != null) {
      try {
        jwk.Add("kid", StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(kid)).toString());
      } catch (CharacterCodingException e) {
        throw new KeyException("JWK: kid is not UTF-8, so it cannot be a JWK kid", e);
      }
    }
    if (key.get(KeyLabel.ALG) != null) {
      jwk.Add("alg", joseAlg(key));
    }
    CBORObject ops = key.get(KeyLabel.KEY_OPS);
    if (ops != null) {
      jwk.Add("key_ops", jwkKeyOps(ops));
    }
    return jwk.ToJSONString();
  }

  private static String joseAlg(CoseKey key) throws KeyException {
    Algorithm a = key.algorithm();
    for (Map.Entry<String, Algorithm> e : ALGORITHMS.entrySet()) {
      if (e.getValue() == a) {
        return e.getKey();
      }
    }
    throw new KeyException("JWK: COSE alg " + key.get(KeyLabel.ALG) + " has no JOSE equivalent");
  }

  private static CBORObject coseKeyOps(CBORObject ops) throws KeyException {
    if (ops.getType() != CBORType.Array) {
      throw new KeyException("JWK: key_ops is not an array");
    }
    CBORObject out = CBORObject.NewArray();
    for (CBORObject op : ops.getValues()) {
      int i = op.getType() == CBORType.TextString ? KEY_OPS.indexOf(op.AsString()) : -1;
      if (i < 1) {
        throw new KeyException("JWK: key_ops value " + op + " is not supported");
      }
      out.Add(i);
    }
    return out;
  }

  private static CBORObject jwkKeyOps(CBORObject ops) throws KeyException {
    if (ops.getType() != CBORType.Array) {
      throw new KeyException("JWK: COSE key_ops is not an array");
    }
    CBORObject out = CBORObject.NewArray();
    for (CBORObject op : ops.getValues()) {
      if (op.getType() != CBORType.Integer
          || !op.CanValueFitInInt32()
          || op.AsInt32Value() < 1
          || op.AsInt32Value() >= KEY_OPS.size()) {
        throw new KeyException("JWK: COSE key_ops value " + op + " has no JWK equivalent");
      }
      out.Add(KEY_OPS.get(op.AsInt32Value()));
    }
    return out;
  }

  private static byte[] required(CoseKey key, long label, String name) throws KeyException {
    byte[] v = key.bytes(label);
    if (v == null) {
      throw new KeyException("JWK: " + key.keyType() + " key has no " + name + " byte string");
    }
    return v;
  }

  private static void put(CBORObject jwk, String name, byte[] value) {
    if (value != null) {
      jwk.Add(name, Base64.getUrlEncoder().withoutPadding().encodeToString(value));
    }
  }

  private static String text(CBORObject jwk, String name, boolean required) throws KeyException {
    CBORObject v = jwk.get(name);
    if (v == null && !required) {
      return null;
    }
    if (v == null || v.getType() != CBORType.TextString) {
      throw new KeyException("JWK: " + name + " is missing or not a string");
    }
    return v.AsString();
  }

  /**
   * Reads a base64url member, exactly {@code length} bytes long unless length is -1. Re-encoding
   * must give the same text, which refuses padding, other alphabets and stray low bits.
   */
  private static byte[] binary(CBORObject jwk, String name, boolean required, int length)
      throws KeyException {
    String s = text(jwk, name, required);
    if (s == null) {
      return null;
    }
    byte[] v;
    try {
      v = Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new KeyException("JWK: " + name + " is not base64url", e);
    }
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(v).equals(s)) {
      throw new KeyException("JWK: " + name + " is not unpadded canonical base64url");
    }
    if (length >= 0 ? v.length != length : v.length == 0) {
      throw new KeyException(
          "JWK: "
              + name
              + " is "
              + v.length
              + " bytes, expected "
              + (length < 0 ? "some" : length));
    }
    return v;
  }
}
