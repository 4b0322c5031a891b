package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** Round trips and tamper detection for every symmetric algorithm, on random inputs. */
class SymmetricProperties {

  @Property
  void aeadRoundTripsAndDetectsAnyBitFlip(
      @ForAll("aeadAlgorithms") Algorithm alg,
      @ForAll long seed,
      @ForAll @Size(max = 64) byte[] aad,
      @ForAll @Size(max = 300) byte[] plaintext,
      @ForAll @IntRange(min = 0) int flip)
      throws CoseException {
    AeadCipher aead = AeadCipher.of(alg);
    Random random = new Random(seed);
    byte[] key = bytes(random, aead.keyLength());
    byte[] nonce = bytes(random, aead.nonceLength());
    byte[] sealed = aead.encrypt(key, nonce, aad, plaintext);
    assertEquals(plaintext.length + aead.tagLength(), sealed.length);
    assertArrayEquals(plaintext, aead.decrypt(key, nonce, aad, sealed));
    flipBit(sealed, flip);
    assertThrows(AuthenticationException.class, () -> aead.decrypt(key, nonce, aad, sealed));
  }

  @Property
  void macVerifiesAndDetectsAnyBitFlip(
      @ForAll("macAlgorithms") Algorithm alg,
      @ForAll long seed,
      @ForAll @Size(min = 1, max = 300) byte[] data,
      @ForAll @IntRange(min = 0) int flip)
      throws CoseException {
    MacFunction mac = MacFunction.of(alg);
    Random random = new Random(seed);
    // HMAC takes keys of any length; AES-MAC only its own.
    int keyLength = alg.ianaName().startsWith("HMAC") ? 1 + random.nextInt(130) : mac.keyLength();
    byte[] key = bytes(random, keyLength);
    byte[] tag = mac.compute(key, data);
    assertEquals(mac.tagLength(), tag.length);
    mac.verify(key, data, tag);
    byte[] badTag = tag.clone();
    flipBit(badTag, flip);
    assertThrows(AuthenticationException.class, () -> mac.verify(key, data, badTag));
    byte[] badData = data.clone();
    flipBit(badData, flip);
    assertThrows(AuthenticationException.class, () -> mac.verify(key, badData, tag));
  }

  @Property
  void keyWrapRoundTripsAndDetectsAnyBitFlip(
      @ForAll("keyWrapAlgorithms") Algorithm alg,
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 8) int blocks,
      @ForAll @IntRange(min = 0) int flip)
      throws CoseException {
    KeyWrap wrap = KeyWrap.of(alg);
    Random random = new Random(seed);
    byte[] kek = bytes(random, wrap.keyLength());
    byte[] cek = bytes(random, 8 * blocks);
    byte[] wrapped = wrap.wrap(kek, cek);
    assertEquals(cek.length + 8, wrapped.length);
    assertArrayEquals(cek, wrap.unwrap(kek, wrapped));
    flipBit(wrapped, flip);
    assertThrows(AuthenticationException.class, () -> wrap.unwrap(kek, wrapped));
  }

  @Property
  void hkdfAgreesWithBouncyCastle(
      @ForAll boolean sha512,
      @ForAll @Size(max = 80) byte[] salt,
      @ForAll @Size(max = 80) byte[] ikm,
      @ForAll @Size(max = 80) byte[] info,
      @ForAll @IntRange(min = 0, max = 600) int length)
      throws CoseException {
    Digest digest = sha512 ? new SHA512Digest() : new SHA256Digest();
    HKDFBytesGenerator reference = new HKDFBytesGenerator(digest);
    reference.init(new HKDFParameters(ikm, salt, info));
    byte[] expected = new byte[length];
    reference.generateBytes(expected, 0, length);
    String hmac = sha512 ? Hkdf.HMAC_SHA_512 : Hkdf.HMAC_SHA_256;
    assertArrayEquals(expected, Hkdf.derive(hmac, salt, ikm, info, length));
  }

  @Provide
  Arbitrary<Algorithm> aeadAlgorithms() {
    return ofKind(Algorithm.Kind.AEAD);
  }

  @Provide
  Arbitrary<Algorithm> macAlgorithms() {
    return ofKind(Algorithm.Kind.MAC);
  }

  @Provide
  Arbitrary<Algorithm> keyWrapAlgorithms() {
    return ofKind(Algorithm.Kind.KEY_WRAP);
  }

  private static Arbitrary<Algorithm> ofKind(Algorithm.Kind kind) {
    return Arbitraries.of(Arrays.stream(Algorithm.values()).filter(a -> a.kind() == kind).toList());
  }

  private static byte[] bytes(Random random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private static void flipBit(byte[] data, int flip) {
    int bit = flip % (data.length * 8);
    data[bit / 8] ^= (byte) (1 << (bit % 8));
  }
}
