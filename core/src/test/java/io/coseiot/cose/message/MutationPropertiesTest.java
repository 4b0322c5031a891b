package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Mutated encodings of valid messages of every type: decoding and then opening with the right key
 * either fails with a {@link CoseException} or gives back exactly the original content.
 */
class MutationPropertiesTest {
  /** Decodes and opens (decrypts or verifies) an encoding, returning the authenticated content. */
  interface Opener {
    byte[] open(byte[] encoding) throws CoseException;
  }

  record Sample(String name, byte[] encoding, byte[] content, Opener opener) {}

  private static final List<Sample> SAMPLES = samples();

  private static List<Sample> samples() {
    try {
      return build();
    } catch (CoseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Sample> build() throws CoseException {
    SecureRandom random = Fixtures.seeded(9052);
    byte[] content = "mutation target, some forty bytes long".getBytes();
    byte[] aad = {1, 2, 3};
    List<Sample> out = new ArrayList<>();
    CoseKey csKey = KeyPairs.generate(Curve.ED25519, random);

    // COSE_Encrypt0 under three AEAD families; one countersigned, one with a text header.
    for (Algorithm alg :
        List.of(Algorithm.A128GCM, Algorithm.AES_CCM_16_64_128, Algorithm.CHACHA20_POLY1305)) {
      CoseKey k = Fixtures.symmetric(random, alg.keyBits() / 8);
      Headers h =
          Headers.of(
              HeaderMap.builder().algorithm(alg).contentType("text/plain").build(),
              HeaderMap.builder().keyId(new byte[] {0x11}).build());
      Encrypt0Message m = Encrypt0Message.encryptForTestVectors(k, content, aad, h, random);
      if (alg == Algorithm.A128GCM) {
        m = m.countersign(csKey, null, Countersignature.Version.RFC9338, null, Algorithm.EDDSA);
      }
      out.add(
          new Sample(
              "Encrypt0 " + alg.ianaName(),
              m.encode(alg != Algorithm.CHACHA20_POLY1305),
              content,
              e -> {
                Encrypt0Message d = Encrypt0Message.decode(e);
                verifyCountersignatures(d, csKey);
                return d.decrypt(k, aad);
              }));
    }

    // COSE_Encrypt with key wrap, ECDH-ES, ECDH-SS and two recipients.
    CoseKey kw = Fixtures.symmetric(random, 32);
    CoseKey p256 = KeyPairs.generate(Curve.P_256, random);
    CoseKey x25519 = KeyPairs.generate(Curve.X25519, random);
    CoseKey x25519Sender = KeyPairs.generate(Curve.X25519, random);
    List<Object[]> encryptCases =
        List.of(
            new Object[] {
              List.of(RecipientSpec.of(Fixtures.protectedAlg(Algorithm.A256KW), kw)), kw
            },
            new Object[] {
              List.of(
                  RecipientSpec.of(
                      Fixtures.protectedAlg(Algorithm.ECDH_ES_HKDF_256), p256.publicKey())),
              p256
            },
            new Object[] {
              List.of(
                  new RecipientSpec(
                      Fixtures.protectedAlg(Algorithm.ECDH_SS_A128KW),
                      x25519.publicKey(),
                      x25519Sender,
                      null,
                      false)),
              x25519
            },
            new Object[] {
              List.of(
                  RecipientSpec.of(
                      Fixtures.protectedAlg(Algorithm.ECDH_ES_A128KW), p256.publicKey()),
                  RecipientSpec.of(Fixtures.protectedAlg(Algorithm.A256KW), kw)),
              kw
            });
    for (Object[] c : encryptCases) {
      @SuppressWarnings("unchecked")
      List<RecipientSpec> specs = (List<RecipientSpec>) c[0];
      CoseKey rk = (CoseKey) c[1];
      EncryptMessage m =
          EncryptMessage.encryptForTestVectors(
              specs, content, aad, Fixtures.protectedAlg(Algorithm.A128GCM), random);
      out.add(
          new Sample(
              "Encrypt " + specs.size() + " recipient(s)",
              m.encode(),
              content,
              e -> EncryptMessage.decode(e).decrypt(RecipientKey.of(rk), aad)));
    }

    // COSE_Mac0 with HMAC and AES-MAC, countersigned in the full form.
    for (Algorithm alg : List.of(Algorithm.HMAC_256_64, Algorithm.AES_MAC_128_64)) {
      CoseKey k = Fixtures.symmetric(random, alg.keyBits() / 8);
      Mac0Message m = Mac0Message.createForTestVectors(k, content, aad, Fixtures.protectedAlg(alg));
      m =
          m.countersign(
              csKey,
              null,
              Countersignature.Version.RFC9338,
              Fixtures.protectedAlg(Algorithm.EDDSA),
              null);
      out.add(
          new Sample(
              "Mac0 " + alg.ianaName(),
              m.encode(),
              content,
              e -> {
                Mac0Message d = Mac0Message.decode(e);
                verifyCountersignatures(d, csKey);
                return d.verify(k, aad);
              }));
    }

    // COSE_Mac with a direct and an ECDH-ES + A128KW recipient.
    CoseKey direct = Fixtures.symmetric(random, 32);
    MacMessage mac =
        MacMessage.createForTestVectors(
            List.of(
                RecipientSpec.of(
                    Headers.of(
                        HeaderMap.empty(), HeaderMap.builder().algorithm(Algorithm.DIRECT).build()),
                    direct)),
            content,
            aad,
            Fixtures.protectedAlg(Algorithm.HMAC_256_256),
            random);
    out.add(
        new Sample(
            "Mac direct",
            mac.encode(),
            content,
            e -> {
              MacMessage d = MacMessage.decode(e);
              return d.verify(RecipientKey.of(direct), aad);
            }));
    CoseKey p384 = KeyPairs.generate(Curve.P_384, random);
    MacMessage mac2 =
        MacMessage.createForTestVectors(
            List.of(
                new RecipientSpec(
                    Fixtures.protectedAlg(Algorithm.ECDH_ES_A128KW),
                    p384.publicKey(),
                    null,
                    null,
                    true)),
            content,
            aad,
            Fixtures.protectedAlg(Algorithm.AES_MAC_256_64),
            random);
    out.add(
        new Sample(
            "Mac ECDH-ES",
            mac2.encode(false),
            content,
            e -> {
              MacMessage d = MacMessage.decode(e);
              return d.verify(RecipientKey.of(p384), aad);
            }));

    // COSE_Sign1 with ECDSA and EdDSA, one countersigned.
    CoseKey es = KeyPairs.generate(Curve.P_256, random);
    CoseKey ed = KeyPairs.generate(Curve.ED448, random);
    for (Object[] c :
        List.<Object[]>of(new Object[] {Algorithm.ES256, es}, new Object[] {Algorithm.EDDSA, ed})) {
      Algorithm alg = (Algorithm) c[0];
      CoseKey k = (CoseKey) c[1];
      Sign1Message m = Sign1Message.signForTestVectors(k, content, aad, Fixtures.protectedAlg(alg));
      if (alg == Algorithm.ES256) {
        m = m.countersign(csKey, null, Countersignature.Version.RFC9338, null, Algorithm.EDDSA);
      }
      out.add(
          new Sample(
              "Sign1 " + alg.ianaName(),
              m.encode(),
              content,
              e -> {
                Sign1Message d = Sign1Message.decode(e);
                verifyCountersignatures(d, csKey);
                return d.verify(k.publicKey(), aad);
              }));
    }

    // COSE_Sign with two signers.
    SignMessage sign =
        SignMessage.sign(
            List.of(
                SignMessage.Signer.forTestVectors(es, Fixtures.protectedAlg(Algorithm.ES256)),
                SignMessage.Signer.forTestVectors(ed, Fixtures.protectedAlg(Algorithm.EDDSA))),
            content,
            aad,
            Headers.of(HeaderMap.builder().contentType(60).build(), HeaderMap.empty()));
    out.add(
        new Sample(
            "Sign two signers",
            sign.encode(),
            content,
            e -> {
              SignMessage d = SignMessage.decode(e);
              // Signatures are independent: one removed leaves the other valid, so verify each
              // that remains with the key its algorithm points to.
              byte[] verified = null;
              for (Signature sig : d.signatures()) {
                boolean edDsa = sig.headers().protectedMap().algorithm() == Algorithm.EDDSA;
                verified = d.verify((edDsa ? ed : es).publicKey(), sig, aad);
              }
              return verified;
            }));
    return out;
  }

  /** Verifies every countersignature found; the abbreviated ones were made with EdDSA. */
  private static void verifyCountersignatures(CoseStructure<?> m, CoseKey key)
      throws CoseException {
    for (Countersignature cs : m.countersignatures()) {
      m.verifyCountersignature(key.publicKey(), cs, null, Algorithm.EDDSA);
    }
  }

  /** Every decoder, so that each mutated encoding is also fed to the wrong message type. */
  private static final List<Opener> DECODERS =
      List.of(
          e -> Encrypt0Message.decode(e).encode(),
          e -> EncryptMessage.decode(e).encode(),
          e -> Mac0Message.decode(e).encode(),
          e -> MacMessage.decode(e).encode(),
          e -> Sign1Message.decode(e).encode(),
          e -> SignMessage.decode(e).encode());

  @Property(tries = 2500)
  void mutatedMessagesFailTypedOrOpenToTheOriginal(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int mutations) {
    Random r = new Random(seed);
    Sample s = SAMPLES.get(r.nextInt(SAMPLES.size()));
    StringBuilder log = new StringBuilder();
    byte[] mutated = Mutator.mutate(s.encoding(), r, mutations, log);
    String where = s.name() + " after " + log + "\n" + HexFormat.of().formatHex(mutated);
    try {
      byte[] opened = s.opener().open(mutated);
      assertArrayEquals(s.content(), opened, "opened to other content: " + where);
    } catch (CoseException expected) {
      // The typed refusal the library promises.
    } catch (RuntimeException | Error e) {
      if (e instanceof AssertionError
          && e.getMessage() != null
          && e.getMessage().startsWith("opened")) {
        throw e;
      }
      fail("untyped " + e + " for " + where, e);
    }
    for (Opener d : DECODERS) {
      try {
        d.open(mutated);
      } catch (CoseException expected) {
        // fine
      } catch (RuntimeException | Error e) {
        fail("untyped " + e + " while decoding " + where, e);
      }
    }
  }

  @Property(tries = 20)
  void unmutatedSamplesOpen(@ForAll @IntRange(min = 0, max = 100) int index) throws Exception {
    Sample s = SAMPLES.get(index % SAMPLES.size());
    assertArrayEquals(s.content(), s.opener().open(s.encoding()), s.name());
  }
}
