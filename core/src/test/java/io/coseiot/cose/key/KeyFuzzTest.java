package io.coseiot.cose.key;

import static io.coseiot.cose.fuzz.Fuzzing.attempt;
import static io.coseiot.cose.fuzz.Fuzzing.withinBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.EncryptMessage;
import io.coseiot.cose.message.Mac0Message;
import io.coseiot.cose.message.RecipientKey;
import io.coseiot.cose.message.RecipientSpec;
import io.coseiot.cose.message.Sign1Message;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

/**
 * Coverage-guided fuzzing of COSE_Key and COSE_KeySet decoding, and of a decoded key put to every
 * use a receiver has for one: JCA conversion, JWK export, and opening a fixed message of each kind
 * (a signature, an AEAD, a MAC and an ECDH recipient), where a hostile key must be refused with a
 * typed error. Corpus: {@code KeyFuzzTestInputs/<target>} beside this class (docs/fuzzing.md).
 */
class KeyFuzzTest {
  private static final byte[] CONTENT = "This is the content.".getBytes();
  private static final Fixed FIXED = fixed();

  /** One message of each kind that a key opens, made once with generated keys. */
  private record Fixed(
      Sign1Message es256,
      Sign1Message eddsa,
      Encrypt0Message a128gcm,
      Mac0Message hmac,
      EncryptMessage ecdh) {}

  @FuzzTest
  void coseKey(byte[] data) {
    withinBudget(
        data,
        () -> {
          CoseKey k = CoseKey.decode(data);
          assertEquals(k, CoseKey.decode(k.encode()), "a decoded key encodes to another key");
          use(k);
        });
  }

  @FuzzTest
  void coseKeySet(byte[] data) {
    withinBudget(
        data,
        () -> {
          CoseKeySet set = CoseKeySet.decode(data);
          assertEquals(
              set.keys(),
              CoseKeySet.decode(set.encode()).keys(),
              "a decoded key set encodes to another set");
          for (CoseKey k : set.keys()) {
            attempt(() -> set.byKeyId(k.keyId() == null ? new byte[0] : k.keyId()));
            use(k);
          }
        });
  }

  private static void use(CoseKey k) {
    attempt(k::curve);
    attempt(() -> JcaKeys.toPublicKey(k));
    attempt(() -> JcaKeys.toPrivateKey(k));
    attempt(() -> Jwk.fromJwk(Jwk.toJwk(k)));
    CoseKey pub = k.publicKey();
    attempt(() -> FIXED.es256().verify(pub, null));
    attempt(() -> FIXED.eddsa().verify(pub, null));
    attempt(() -> FIXED.a128gcm().decrypt(k, null));
    attempt(() -> FIXED.hmac().verify(k, null));
    attempt(() -> FIXED.ecdh().decrypt(RecipientKey.of(k), null));
  }

  private static Fixed fixed() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(17);
      CoseKey p256 = KeyPairs.generate(Curve.P_256, random);
      CoseKey ed = KeyPairs.generate(Curve.ED25519, random);
      byte[] k16 = new byte[16];
      byte[] k32 = new byte[32];
      random.nextBytes(k16);
      random.nextBytes(k32);
      return new Fixed(
          Sign1Message.signForTestVectors(p256, CONTENT, null, alg(Algorithm.ES256)),
          Sign1Message.signForTestVectors(ed, CONTENT, null, alg(Algorithm.EDDSA)),
          Encrypt0Message.encryptForTestVectors(
              CoseKey.symmetric(k16).build(), CONTENT, null, alg(Algorithm.A128GCM), random),
          Mac0Message.createForTestVectors(
              CoseKey.symmetric(k32).build(), CONTENT, null, alg(Algorithm.HMAC_256_256)),
          EncryptMessage.encryptForTestVectors(
              List.of(RecipientSpec.of(alg(Algorithm.ECDH_ES_HKDF_256), p256.publicKey())),
              CONTENT,
              null,
              alg(Algorithm.A128GCM),
              random));
    } catch (CoseException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("the fixed messages", e);
    }
  }

  private static Headers alg(Algorithm a) throws CoseException {
    return Headers.of(HeaderMap.builder().algorithm(a).build(), HeaderMap.empty());
  }
}
