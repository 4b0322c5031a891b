package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CriticalHeaderException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyPairs;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Inputs that once escaped as a RuntimeException instead of a CoseException subclass. */
class UntypedExceptionRegressionTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void critNamingAnIntBeyond64BitSignedIsACritError() {
    // [h'A2 02 81 1B FFFFFFFFFFFFFFFF 01 01', {}, nil]: crit [2^64-1], alg 1. AsInt64Value threw
    // ArithmeticException.
    assertThrows(
        CriticalHeaderException.class,
        () -> Encrypt0Message.decode(hex("834ea202811bffffffffffffffff0101a0f6")));
    // The same with -2^64.
    assertThrows(
        CriticalHeaderException.class,
        () -> Encrypt0Message.decode(hex("834ea202813bffffffffffffffff0101a0f6")));
  }

  @Test
  void keyOpsThatIsNotAnArrayIsAKeyError() throws Exception {
    CoseKey good = KeyPairs.generate(Curve.ED25519, Fixtures.seeded(1));
    Headers h = Fixtures.protectedAlg(Algorithm.EDDSA);
    Sign1Message m = Sign1Message.signForTestVectors(good, new byte[] {1}, null, h);
    CBORObject map = good.toCbor();
    map.set(CBORObject.FromObject(KeyLabel.KEY_OPS), CBORObject.FromObject(1));
    CoseKey badOps = CoseKey.decode(map.EncodeToBytes());
    // CBORObject.getValues() on an int threw IllegalStateException.
    assertThrows(KeyException.class, () -> m.verify(badOps, null));
    assertThrows(
        KeyException.class, () -> Sign1Message.signForTestVectors(badOps, new byte[] {1}, null, h));
  }

  @Test
  void countersigningOverAMalformedCountersignatureHeaderIsAHeaderError() throws Exception {
    CoseKey signer = KeyPairs.generate(Curve.ED25519, Fixtures.seeded(2));
    CoseKey k = Fixtures.symmetric(Fixtures.seeded(3), 16);
    Headers h =
        Headers.of(
            HeaderMap.builder().algorithm(Algorithm.A128GCM).build(),
            HeaderMap.builder().set(HeaderLabel.COUNTER_SIGNATURE, CBORObject.NewArray()).build());
    // Received with label 11 => [] (decodes: the header is only checked when read).
    Encrypt0Message received =
        Encrypt0Message.decode(
            Encrypt0Message.encryptForTestVectors(k, new byte[] {1}, null, h, Fixtures.seeded(4))
                .encode());
    // existing.get(0) on the empty array threw IllegalArgumentException.
    assertThrows(
        HeaderException.class,
        () ->
            received.countersign(
                signer,
                null,
                Countersignature.Version.RFC9338,
                Fixtures.protectedAlg(Algorithm.EDDSA),
                null));
  }
}
