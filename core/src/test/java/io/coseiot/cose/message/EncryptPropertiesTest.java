package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** COSE_Encrypt round trips for every recipient algorithm kind and curve. */
class EncryptPropertiesTest {
  private static final CoseKey RSA = Fixtures.rsa2048();
  private static final Curve[] ECDH_CURVES = {
    Curve.P_256, Curve.P_384, Curve.P_521, Curve.X25519, Curve.X448
  };

  /** One recipient algorithm, with its curve for ECDH. */
  record Case(Algorithm alg, Curve curve) {
    @Override
    public String toString() {
      return alg.ianaName() + (curve == null ? "" : " on " + curve.coseName());
    }
  }

  /** What the sender uses and what the receiver holds, plus a same-kind key that is not it. */
  record Keys(RecipientSpec spec, RecipientKey receiver, RecipientKey impostor) {}

  @Provide
  Arbitrary<Case> recipientCases() {
    List<Case> cases = new ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      switch (a.kind()) {
        case DIRECT, DIRECT_KDF, KEY_WRAP, KEY_TRANSPORT -> cases.add(new Case(a, null));
        case KEY_AGREEMENT, KEY_AGREEMENT_WRAP -> {
          for (Curve c : ECDH_CURVES) {
            cases.add(new Case(a, c));
          }
        }
        default -> {}
      }
    }
    return Arbitraries.of(cases);
  }

  @Provide
  Arbitrary<Algorithm> aeadAlgorithms() {
    return Arbitraries.of(Algorithm.values()).filter(a -> a.kind() == Algorithm.Kind.AEAD);
  }

  private static Keys keys(Case c, Algorithm content, SecureRandom random) throws Exception {
    Algorithm alg = c.alg();
    switch (alg.kind()) {
      case DIRECT -> {
        // Direct: the shared key is the CEK; alg goes unprotected since nothing else is sent.
        Headers h = Headers.of(HeaderMap.empty(), HeaderMap.builder().algorithm(alg).build());
        int n = content.keyBits() / 8;
        return symmetricKeys(h, random, n);
      }
      case DIRECT_KDF -> {
        HeaderMap.Builder u = HeaderMap.builder();
        if (random.nextBoolean()) {
          u.set(HeaderLabel.SALT, CBORObject.FromObject(Fixtures.bytes(random, 16)));
        }
        int n =
            switch (alg) {
              case DIRECT_HKDF_AES_128 -> 16;
              case DIRECT_HKDF_AES_256 -> 32;
              default -> 16 + random.nextInt(48);
            };
        Headers h = Headers.of(HeaderMap.builder().algorithm(alg).build(), u.build());
        return symmetricKeys(h, random, n);
      }
      case KEY_WRAP -> {
        return symmetricKeys(Fixtures.protectedAlg(alg), random, alg.keyBits() / 8);
      }
      case KEY_TRANSPORT -> {
        RecipientSpec spec = RecipientSpec.of(Fixtures.protectedAlg(alg), RSA.publicKey());
        // The impostor is not an RSA key at all, a key error rather than an authentication one.
        return new Keys(
            spec, RecipientKey.of(RSA), RecipientKey.of(Fixtures.symmetric(random, 32)));
      }
      default -> {
        CoseKey mine = KeyPairs.generate(c.curve(), random);
        CoseKey impostor = KeyPairs.generate(c.curve(), random);
        boolean staticStatic = alg.ianaName().startsWith("ECDH-SS");
        CoseKey sender = staticStatic ? KeyPairs.generate(c.curve(), random) : null;
        RecipientSpec spec =
            new RecipientSpec(
                Fixtures.protectedAlg(alg),
                mine.publicKey(),
                sender,
                null,
                c.curve().keyType() == io.coseiot.cose.key.KeyType.EC2 && random.nextBoolean());
        return new Keys(spec, RecipientKey.of(mine), RecipientKey.of(impostor));
      }
    }
  }

  private static Keys symmetricKeys(Headers h, SecureRandom random, int length) {
    CoseKey k = Fixtures.symmetric(random, length);
    return new Keys(
        RecipientSpec.of(h, k),
        RecipientKey.of(k),
        RecipientKey.of(Fixtures.symmetric(random, length)));
  }

  @Property(tries = 160)
  void encryptThenDecryptGivesThePlaintext(
      @ForAll("recipientCases") Case recipient,
      @ForAll("aeadAlgorithms") Algorithm content,
      @ForAll long seed,
      @ForAll @Size(max = 200) byte[] plaintext,
      @ForAll @Size(max = 20) byte[] externalAad,
      @ForAll boolean tagged,
      @ForAll boolean detached,
      @ForAll int bit)
      throws Exception {
    SecureRandom random = Fixtures.seeded(seed);
    Keys keys = keys(recipient, content, random);
    EncryptMessage sealed =
        EncryptMessage.encryptForTestVectors(
            List.of(keys.spec()), plaintext, externalAad, Fixtures.protectedAlg(content), random);
    byte[] ct = sealed.ciphertext();
    byte[] wire = (detached ? sealed.detach() : sealed).encode(tagged);
    EncryptMessage received = EncryptMessage.decode(wire);
    assertEquals(1, received.recipients().size());
    byte[] opened =
        detached
            ? received.decryptDetached(keys.receiver(), ct, externalAad)
            : received.decrypt(keys.receiver(), externalAad);
    assertArrayEquals(plaintext, opened);

    Class<? extends Exception> impostorFailure =
        recipient.alg().kind() == Algorithm.Kind.KEY_TRANSPORT
            ? KeyException.class
            : AuthenticationException.class;
    assertThrows(impostorFailure, () -> received.decryptDetached(keys.impostor(), ct, externalAad));
    assertThrows(
        AuthenticationException.class,
        () -> received.decryptDetached(keys.receiver(), Fixtures.flip(ct, bit), externalAad));
    if (recipient.curve() != null) {
      // A key on another ECDH curve cannot agree with the sender's key at all.
      Curve otherCurve = recipient.curve() == Curve.X25519 ? Curve.P_256 : Curve.X25519;
      RecipientKey wrongCurve = RecipientKey.of(KeyPairs.generate(otherCurve, random));
      assertThrows(KeyException.class, () -> received.decryptDetached(wrongCurve, ct, externalAad));
    }
  }
}
