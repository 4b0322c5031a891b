package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import java.security.SecureRandom;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** COSE_Mac0 and COSE_Mac round trips for every MAC algorithm. */
class MacPropertiesTest {
  @Provide
  Arbitrary<Algorithm> macAlgorithms() {
    return Arbitraries.of(Algorithm.values()).filter(a -> a.kind() == Algorithm.Kind.MAC);
  }

  @Property(tries = 120)
  void mac0CreateThenVerify(
      @ForAll("macAlgorithms") Algorithm alg,
      @ForAll long seed,
      @ForAll @Size(max = 300) byte[] payload,
      @ForAll @Size(max = 20) byte[] externalAad,
      @ForAll boolean tagged,
      @ForAll boolean detached,
      @ForAll int bit)
      throws Exception {
    SecureRandom random = Fixtures.seeded(seed);
    CoseKey key = Fixtures.symmetric(random, alg.keyBits() / 8);
    Mac0Message m =
        Mac0Message.createForTestVectors(key, payload, externalAad, Fixtures.protectedAlg(alg));
    byte[] wire = (detached ? m.detach() : m).encode(tagged);
    Mac0Message received = Mac0Message.decode(wire);
    if (detached) {
      received.verifyDetached(key, payload, externalAad);
    } else {
      assertArrayEquals(payload, received.verify(key, externalAad));
    }
    CoseKey other = Fixtures.symmetric(random, alg.keyBits() / 8);
    assertThrows(
        AuthenticationException.class, () -> received.verifyDetached(other, payload, externalAad));
    byte[] otherPayload = payload.length == 0 ? new byte[1] : Fixtures.flip(payload, bit);
    assertThrows(
        AuthenticationException.class,
        () -> received.verifyDetached(key, otherPayload, externalAad));
    // A tag one bit off, or one byte short, fails.
    byte[] tag = received.tag();
    assertArrayEquals(tag, m.tag());
    Mac0Message shortTag =
        Mac0Message.decode(
            replaceLastBstr(received.detach().encode(false), Fixtures.dropLast(tag, 1)));
    assertThrows(
        AuthenticationException.class, () -> shortTag.verifyDetached(key, payload, externalAad));
    Mac0Message flipped =
        Mac0Message.decode(
            replaceLastBstr(received.detach().encode(false), Fixtures.flip(tag, bit)));
    assertThrows(
        AuthenticationException.class, () -> flipped.verifyDetached(key, payload, externalAad));
  }

  /** Re-encodes a detached, untagged COSE_Mac0 with another tag value. */
  private static byte[] replaceLastBstr(byte[] untaggedDetached, byte[] newTag) throws Exception {
    // [protected, unprotected, nil, tag]: decode the headers through a Mac0 and write them back.
    Mac0Message m = Mac0Message.decode(untaggedDetached);
    CborWriter w = new CborWriter();
    w.writeArrayHeader(4);
    m.headers().writeTo(w);
    w.writeNull();
    w.writeBytes(newTag);
    return w.toByteArray();
  }

  @Property(tries = 60)
  void macWithRecipientsCreateThenVerify(
      @ForAll("macAlgorithms") Algorithm alg,
      @ForAll long seed,
      @ForAll @Size(max = 100) byte[] payload,
      @ForAll @IntRange(min = 0, max = 2) int recipientKind,
      @ForAll int bit)
      throws Exception {
    SecureRandom random = Fixtures.seeded(seed);
    RecipientSpec spec;
    RecipientKey receiver;
    RecipientKey impostor;
    switch (recipientKind) {
      case 0 -> {
        CoseKey k = Fixtures.symmetric(random, alg.keyBits() / 8);
        spec =
            RecipientSpec.of(
                Headers.of(
                    HeaderMap.empty(), HeaderMap.builder().algorithm(Algorithm.DIRECT).build()),
                k);
        receiver = RecipientKey.of(k);
        impostor = RecipientKey.of(Fixtures.symmetric(random, alg.keyBits() / 8));
      }
      case 1 -> {
        CoseKey k = Fixtures.symmetric(random, 32);
        spec = RecipientSpec.of(Fixtures.protectedAlg(Algorithm.A256KW), k);
        receiver = RecipientKey.of(k);
        impostor = RecipientKey.of(Fixtures.symmetric(random, 32));
      }
      default -> {
        CoseKey k = KeyPairs.generate(Curve.X25519, random);
        spec = RecipientSpec.of(Fixtures.protectedAlg(Algorithm.ECDH_ES_HKDF_256), k.publicKey());
        receiver = RecipientKey.of(k);
        impostor = RecipientKey.of(KeyPairs.generate(Curve.X25519, random));
      }
    }
    MacMessage m =
        MacMessage.createForTestVectors(
            List.of(spec), payload, null, Fixtures.protectedAlg(alg), random);
    MacMessage received = MacMessage.decode(m.encode());
    assertArrayEquals(payload, received.verify(receiver, null));
    assertThrows(AuthenticationException.class, () -> received.verify(impostor, null));
    byte[] otherPayload = payload.length == 0 ? new byte[1] : Fixtures.flip(payload, bit);
    assertThrows(
        AuthenticationException.class, () -> received.verifyDetached(receiver, otherPayload, null));
    assertThrows(AuthenticationException.class, () -> received.verify(receiver, new byte[] {1}));
  }
}
