package io.coseiot.cose.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.MacFunction;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.message.MessageType;
import java.security.SecureRandom;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Round trips through each primitive, and single-bit tampering: a message made by a key without a
 * kid has no byte that is not structure, authenticated or part of the nonce, so every flipped bit
 * must be refused with a {@link CoseException}, whatever it hits.
 */
class PrimitivePropertiesTest {
  /** How an Encrypt0 is sealed: random IV, Partial IV on the Base IV, OSCORE Partial IV. */
  enum Nonce {
    RANDOM,
    PARTIAL_IV,
    OSCORE
  }

  @Provide
  Arbitrary<Algorithm> aeads() {
    return Arbitraries.of(Algorithm.values()).filter(a -> a.kind() == Algorithm.Kind.AEAD);
  }

  @Provide
  Arbitrary<Algorithm> macs() {
    return Arbitraries.of(Algorithm.values()).filter(a -> a.kind() == Algorithm.Kind.MAC);
  }

  @Property(tries = 200)
  void encrypt0RoundTripsAndRefusesEveryFlippedBit(
      @ForAll("aeads") Algorithm alg,
      @ForAll Nonce nonce,
      @ForAll long seed,
      @ForAll @Size(max = 200) byte[] plaintext,
      @ForAll @Size(max = 40) byte[] externalAad,
      @ForAll @IntRange(min = 0, max = 1 << 20) int bit,
      @ForAll boolean withKid)
      throws Exception {
    Random r = new Random(seed);
    int n = AeadCipher.of(alg).nonceLength();
    CoseKey.Builder kb =
        CoseKey.symmetric(bytes(r, alg.keyBits() / 8))
            .algorithm(alg)
            .setBytes(KeyLabel.BASE_IV, bytes(r, n));
    if (withKid) {
      kb.keyId(bytes(r, 1 + r.nextInt(8)));
    }
    CoseKey key = kb.build();
    Encrypt0Primitive.Builder pb = Encrypt0Primitive.builder(key).random(seeded(seed));
    if (nonce == Nonce.OSCORE) {
      pb.oscoreNonces("sid").senderId(bytes(r, r.nextInt(n - 5)));
    }
    Encrypt0Primitive p = pb.build();
    Aad aad = p.prepare(externalAad);
    byte[] sent =
        nonce == Nonce.RANDOM
            ? p.seal(plaintext, aad)
            : p.sealWithPartialIv(bytes(r, 1 + r.nextInt(5)), plaintext, aad);
    Set<Object> understood = Set.of("sid");
    ReceivedMessage m = ReceivedMessage.parse(MessageType.ENCRYPT0, sent, understood);
    assertArrayEquals(key.keyId(), m.kid());
    assertArrayEquals(plaintext, p.open(m, aad));
    // A primitive made apart from the sender's, with its own prepared AAD, opens it too.
    Encrypt0Primitive.Builder rb = Encrypt0Primitive.builder(key);
    Encrypt0Primitive receiver = (nonce == Nonce.OSCORE ? rb.oscoreNonces("sid") : rb).build();
    assertArrayEquals(plaintext, receiver.open(m, receiver.prepare(externalAad)));
    if (!withKid) {
      byte[] tampered = flip(sent, bit);
      assertThrows(
          CoseException.class,
          () -> p.open(ReceivedMessage.parse(MessageType.ENCRYPT0, tampered, understood), aad));
    }
  }

  @Property(tries = 200)
  void mac0RoundTripsAndRefusesEveryFlippedBit(
      @ForAll("macs") Algorithm alg,
      @ForAll boolean partialIv,
      @ForAll long seed,
      @ForAll @Size(max = 200) byte[] payload,
      @ForAll @Size(max = 40) byte[] externalAad,
      @ForAll @IntRange(min = 0, max = 1 << 20) int bit,
      @ForAll boolean withKid)
      throws Exception {
    Random r = new Random(seed);
    int keyLength = MacFunction.of(alg).keyLength();
    CoseKey.Builder kb = CoseKey.symmetric(bytes(r, keyLength)).algorithm(alg);
    if (withKid) {
      kb.keyId(bytes(r, 1 + r.nextInt(8)));
    }
    CoseKey key = kb.build();
    Mac0Primitive p = Mac0Primitive.builder(key).senderId("sid", bytes(r, r.nextInt(8))).build();
    Aad aad = p.prepare(externalAad);
    byte[] piv = bytes(r, 1 + r.nextInt(5));
    byte[] sent = partialIv ? p.createWithPartialIv(piv, payload, aad) : p.create(payload, aad);
    ReceivedMessage m = ReceivedMessage.parse(MessageType.MAC0, sent, Set.of("sid"));
    assertArrayEquals(partialIv ? piv : null, m.partialIv());
    assertEquals(partialIv, m.headers().protectedMap().contains("sid"));
    assertArrayEquals(payload, p.verify(m, aad));
    if (!withKid) {
      byte[] tampered = flip(sent, bit);
      assertThrows(
          CoseException.class,
          () -> p.verify(ReceivedMessage.parse(MessageType.MAC0, tampered, Set.of("sid")), aad));
    }
  }

  @Property(tries = 40)
  void sign1RoundTripsAndRefusesEveryFlippedBit(
      @ForAll boolean eddsa,
      @ForAll long seed,
      @ForAll @Size(max = 100) byte[] payload,
      @ForAll @Size(max = 40) byte[] externalAad,
      @ForAll @IntRange(min = 0, max = 1 << 20) int bit)
      throws Exception {
    CoseKey pair = KeyPairs.generate(eddsa ? Curve.ED25519 : Curve.P_256, seeded(seed));
    Algorithm alg = eddsa ? Algorithm.EDDSA : Algorithm.ES256;
    Sign1Primitive signer = Sign1Primitive.builder(pair).algorithm(alg).build();
    Sign1Primitive verifier = Sign1Primitive.builder(pair.publicKey()).algorithm(alg).build();
    byte[] sent = signer.sign(payload, signer.prepare(externalAad));
    Aad aad = verifier.prepare(externalAad);
    assertArrayEquals(
        payload, verifier.verify(ReceivedMessage.parse(MessageType.SIGN1, sent, Set.of()), aad));
    byte[] tampered = flip(sent, bit);
    assertThrows(
        CoseException.class,
        () -> verifier.verify(ReceivedMessage.parse(MessageType.SIGN1, tampered, Set.of()), aad));
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] flip(byte[] b, int bit) {
    byte[] out = b.clone();
    int i = (bit >>> 3) % out.length;
    out[i] ^= (byte) (1 << (bit & 7));
    return out;
  }

  private static SecureRandom seeded(long seed) {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;
      private final Random r = new Random(seed);

      @Override
      public void nextBytes(byte[] bytes) {
        r.nextBytes(bytes);
      }
    };
  }
}
