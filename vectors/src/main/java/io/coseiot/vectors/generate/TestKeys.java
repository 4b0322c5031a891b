package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.key.KeyType;
import io.coseiot.vectors.examples.ExampleKeys;
import java.util.Base64;

/**
 * The generator's keys, each derived from the seed and a label, so every vector that names the same
 * label uses the same key. Keys are written as Examples key objects (JWK-like, base64url) and read
 * back with {@link ExampleKeys}, so the library signs with exactly what the file says.
 */
final class TestKeys {
  private final long seed;

  TestKeys(long seed) {
    this.seed = seed;
  }

  /** A symmetric key of {@code bytes} bytes. */
  ObjectNode symmetric(String label, int bytes) {
    ObjectNode k = JsonNodeFactory.instance.objectNode();
    k.put("kty", "oct");
    k.put("kid", kid(label));
    k.put("k", b64(new HmacDrbg(seed, "key:" + label).bytes(bytes)));
    return k;
  }

  /** A private EC2 or OKP key on {@code curve}. */
  ObjectNode pair(String label, Curve curve) {
    CoseKey key = KeyPairs.generate(curve, new HmacDrbg(seed, "key:" + label));
    ObjectNode k = JsonNodeFactory.instance.objectNode();
    k.put("kty", curve.keyType() == KeyType.EC2 ? "EC" : "OKP");
    k.put("kid", kid(label));
    k.put("crv", curve.coseName());
    k.put("x", b64(key.getBytes(KeyLabel.X)));
    if (curve.keyType() == KeyType.EC2) {
      k.put("y", b64(key.getBytes(KeyLabel.Y)));
    }
    k.put("d", b64(key.getBytes(KeyLabel.D)));
    return k;
  }

  static CoseKey toKey(ObjectNode json) throws CoseException {
    return ExampleKeys.toCoseKey(json);
  }

  static String kid(String label) {
    return "cose-iot-" + label;
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
