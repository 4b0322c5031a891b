package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import java.security.SecureRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** COSE_Encrypt0 seal/open round trips for every AEAD algorithm. */
class Encrypt0PropertiesTest {
  @Provide
  Arbitrary<Algorithm> aeadAlgorithms() {
    return Arbitraries.of(Algorithm.values()).filter(a -> a.kind() == Algorithm.Kind.AEAD);
  }

  @Property(tries = 150)
  void sealThenOpenGivesThePlaintext(
      @ForAll("aeadAlgorithms") Algorithm alg,
      @ForAll long seed,
      @ForAll @Size(max = 300) byte[] plaintext,
      @ForAll @Size(max = 40) byte[] externalAad,
      @ForAll boolean tagged,
      @ForAll boolean detached,
      @ForAll int bit)
      throws Exception {
    SecureRandom random = Fixtures.seeded(seed);
    int keyLength = alg.keyBits() / 8;
    CoseKey key = Fixtures.symmetric(random, keyLength);
    Encrypt0Message sealed =
        Encrypt0Message.encryptForTestVectors(
            key, plaintext, externalAad, Fixtures.protectedAlg(alg), random);
    byte[] ct = sealed.ciphertext();
    Encrypt0Message sent = detached ? sealed.detach() : sealed;
    Encrypt0Message received =
        Encrypt0Message.decode(
            sent.encode(tagged),
            DecodeOptions.strict()
                .withTagPolicy(tagged ? TagPolicy.REQUIRED : TagPolicy.PROHIBITED));
    byte[] opened =
        detached
            ? received.decryptDetached(key, ct, externalAad)
            : received.decrypt(key, externalAad);
    assertArrayEquals(plaintext, opened);
    if (detached) {
      assertNull(received.ciphertext());
    }

    // Another key of the right size fails authentication; one of the wrong size is a key error.
    CoseKey other = Fixtures.symmetric(random, keyLength);
    assertThrows(
        AuthenticationException.class, () -> received.decryptDetached(other, ct, externalAad));
    CoseKey wrongSize = Fixtures.symmetric(random, keyLength + 1);
    assertThrows(KeyException.class, () -> received.decryptDetached(wrongSize, ct, externalAad));
    // Any flipped bit in the ciphertext or tag fails authentication, and so does other AAD.
    assertThrows(
        AuthenticationException.class,
        () -> received.decryptDetached(key, Fixtures.flip(ct, bit), externalAad));
    byte[] otherAad = externalAad.length == 0 ? new byte[] {0} : Fixtures.flip(externalAad, bit);
    assertThrows(AuthenticationException.class, () -> received.decryptDetached(key, ct, otherAad));
    // The tag is the last tagLength bytes; one byte short is a truncated tag.
    int tagLength = AeadCipher.of(alg).tagLength();
    assertThrows(
        AuthenticationException.class,
        () -> received.decryptDetached(key, Fixtures.dropLast(ct, 1), externalAad));
    assertThrows(
        AuthenticationException.class,
        () -> received.decryptDetached(key, new byte[tagLength - 1], externalAad));
  }
}
