package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Converts an Examples key object (JWK-like: {@code kty}, {@code crv}, base64url or {@code _hex}
 * values) to a {@link CoseKey}.
 */
public final class ExampleKeys {
  private ExampleKeys() {}

  /** Fields that describe a key without holding material, so dropping them changes nothing. */
  private static final Set<String> IGNORED = Set.of("use", "comment");

  private static final Map<String, Long> EC2 =
      Map.of("x", KeyLabel.X, "y", KeyLabel.Y, "d", KeyLabel.D);
  private static final Map<String, Long> OKP = Map.of("x", KeyLabel.X, "d", KeyLabel.D);
  private static final Map<String, Long> SYMMETRIC = Map.of("k", KeyLabel.K);
  // The files write the CRT exponents as dP/dQ (hex) and JWK as dp/dq; both are accepted.
  private static final Map<String, Long> RSA =
      Map.ofEntries(
          Map.entry("n", KeyLabel.RSA_N),
          Map.entry("e", KeyLabel.RSA_E),
          Map.entry("d", KeyLabel.RSA_D),
          Map.entry("p", KeyLabel.RSA_P),
          Map.entry("q", KeyLabel.RSA_Q),
          Map.entry("dp", KeyLabel.RSA_DP),
          Map.entry("dP", KeyLabel.RSA_DP),
          Map.entry("dq", KeyLabel.RSA_DQ),
          Map.entry("dQ", KeyLabel.RSA_DQ),
          Map.entry("qi", KeyLabel.RSA_QINV));

  /**
   * Converts a key object.
   *
   * @param key the JSON object
   * @return the key, with private material if the object has it
   * @throws KeyException if the key type or curve is not supported, a value does not decode, or a
   *     field that may hold key material is not understood
   */
  public static CoseKey toCoseKey(JsonNode key) throws KeyException {
    if (key == null || !key.isObject()) {
      throw new KeyException("Examples key is not an object");
    }
    String kty = key.path("kty").asText();
    KeyType type = keyType(kty);
    Map<String, Long> material =
        switch (type) {
          case EC2 -> EC2;
          case OKP -> OKP;
          case SYMMETRIC -> SYMMETRIC;
          case RSA -> RSA;
        };
    CoseKey.Builder b = CoseKey.builder(type);
    for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      String text = field.getValue().asText();
      boolean hex = name.endsWith("_hex");
      String base = hex ? name.substring(0, name.length() - 4) : name;
      try {
        if (name.equals("kty") || IGNORED.contains(name)) {
          continue;
        } else if (name.equals("kid")) {
          b.keyId(text.getBytes(StandardCharsets.UTF_8));
        } else if (name.equals("kid_hex")) {
          b.keyId(Bytes.hex(text));
        } else if (name.equals("crv")) {
          b.curve(curve(text, type));
        } else if (name.equals("alg")) {
          b.set(KeyLabel.ALG, ExampleHeaders.algorithmValue(text));
        } else if (material.containsKey(base)) {
          b.setBytes(material.get(base), hex ? Bytes.hex(text) : Bytes.base64Url(text));
        } else {
          throw new KeyException(kty + " key: field " + name + " is not understood");
        }
      } catch (IllegalArgumentException e) {
        throw new KeyException(kty + " key: field " + name + " does not decode", e);
      }
    }
    return b.build();
  }

  /**
   * Converts a key object to the COSE_Key map of its public part, as sent in {@code epk} or {@code
   * spk}.
   *
   * @param key the JSON object
   * @return the map, without private material
   * @throws KeyException if the key does not convert
   */
  public static CBORObject publicKeyMap(JsonNode key) throws KeyException {
    return toCoseKey(key).publicKey().toCbor();
  }

  private static KeyType keyType(String kty) throws KeyException {
    return switch (kty) {
      case "EC", "EC2" -> KeyType.EC2;
      case "OKP" -> KeyType.OKP;
      case "oct" -> KeyType.SYMMETRIC;
      case "RSA" -> KeyType.RSA;
      default -> throw new KeyException("key type " + kty + " is not supported");
    };
  }

  private static Curve curve(String name, KeyType type) throws KeyException {
    Curve c = Curve.fromName(name);
    if (c == null || c.keyType() != type) {
      throw new KeyException(type + " key: curve " + name + " is not supported");
    }
    return c;
  }
}
