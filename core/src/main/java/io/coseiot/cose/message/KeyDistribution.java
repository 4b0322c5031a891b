package io.coseiot.cose.message;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.Ecdh;
import io.coseiot.cose.algorithm.Hkdf;
import io.coseiot.cose.algorithm.KeyWrap;
import io.coseiot.cose.algorithm.RsaOaep;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.key.KeyType;
import java.security.SecureRandom;
import java.util.List;

/**
 * The recipient algorithms of RFC 9053 §6 and RFC 8230: how a COSE_recipient carries or derives the
 * content key (CEK) of a COSE_Encrypt or COSE_Mac, on both the sending and receiving side.
 */
final class KeyDistribution {
  private static final String NAME = "COSE_recipient";
  private static final byte[] NO_BYTES = new byte[0];

  /** Length of the PartyU nonce added to direct ECDH-SS so that each message gets a new key. */
  private static final int SS_NONCE_LENGTH = 64;

  private KeyDistribution() {}

  /** A recipient together with the CEK it derived. */
  record Derived(Recipient recipient, byte[] cek) {}

  /** Whether the algorithm derives the CEK itself (so it must be the only recipient). */
  static boolean derivesCek(Algorithm alg) {
    Algorithm.Kind k = alg.kind();
    return k == Algorithm.Kind.DIRECT
        || k == Algorithm.Kind.DIRECT_KDF
        || k == Algorithm.Kind.KEY_AGREEMENT;
  }

  static Algorithm recipientAlgorithm(Headers h) throws AlgorithmException {
    Algorithm alg = h.algorithm(NAME);
    switch (alg.kind()) {
      case AEAD:
      case MAC:
      case SIGNATURE:
        throw new AlgorithmException(
            NAME + ": " + alg.ianaName() + " is not a recipient algorithm");
      default:
        return alg;
    }
  }

  /** Sender side for direct, direct+HKDF and direct ECDH: derives the CEK. */
  static Derived derive(RecipientSpec spec, Algorithm content, SecureRandom random)
      throws CoseException {
    Headers initial = spec.headers();
    Algorithm alg = recipientAlgorithm(initial);
    int bits = content.keyBits();
    switch (alg.kind()) {
      case DIRECT:
        {
          byte[] k = symmetric(spec.recipientKey(), alg);
          return new Derived(new Recipient(initial, NO_BYTES, List.of()), k);
        }
      case DIRECT_KDF:
        {
          byte[] k = symmetric(spec.recipientKey(), alg);
          byte[] cek = hkdf(alg, initial, k, content.id(), bits, spec.kdfInfo());
          return new Derived(new Recipient(initial, NO_BYTES, List.of()), cek);
        }
      default:
        Agreement a = agree(spec, alg, random);
        byte[] cek = hkdf(alg, a.headers, a.secret, content.id(), bits, spec.kdfInfo());
        return new Derived(new Recipient(a.headers, NO_BYTES, List.of()), cek);
    }
  }

  /** Sender side for key wrap, ECDH with key wrap and RSA-OAEP: encrypts a random CEK. */
  static Recipient wrap(RecipientSpec spec, byte[] cek, SecureRandom random) throws CoseException {
    Headers initial = spec.headers();
    Algorithm alg = recipientAlgorithm(initial);
    switch (alg.kind()) {
      case KEY_WRAP:
        {
          byte[] kek = symmetric(spec.recipientKey(), alg);
          return new Recipient(initial, KeyWrap.of(alg).wrap(kek, cek), List.of());
        }
      case KEY_AGREEMENT_WRAP:
        {
          Agreement a = agree(spec, alg, random);
          Algorithm kw = keyWrapOf(alg);
          byte[] kek = hkdf(alg, a.headers, a.secret, kw.id(), kw.keyBits(), spec.kdfInfo());
          return new Recipient(a.headers, KeyWrap.of(kw).wrap(kek, cek), List.of());
        }
      case KEY_TRANSPORT:
        return new Recipient(
            initial, RsaOaep.encrypt(alg, spec.recipientKey(), cek, random), List.of());
      default:
        throw new AlgorithmException(
            NAME + ": " + alg.ianaName() + " derives the CEK and cannot share it with others");
    }
  }

  private record Agreement(Headers headers, byte[] secret) {}

  /** Runs ECDH for the sender and adds the headers the receiver needs to repeat it. */
  private static Agreement agree(RecipientSpec spec, Algorithm alg, SecureRandom random)
      throws CoseException {
    Headers given = spec.headers();
    HeaderMap.Builder unprot = given.unprotectedMap().toBuilder();
    CoseKey peer = spec.recipientKey();
    byte[] secret;
    if (isStaticStatic(alg)) {
      CoseKey sender = spec.senderKey();
      if (sender == null) {
        throw new KeyException(NAME + ": " + alg.ianaName() + " needs the sender's static key");
      }
      secret = Ecdh.sharedSecret(sender, peer);
      if (!given.contains(HeaderLabel.STATIC_KEY) && !given.contains(HeaderLabel.STATIC_KEY_ID)) {
        // Name the sender's key by its kid when it has one (shorter); else send the public key.
        // Read uncopied: the builder copies the value it is given.
        byte[] kid = RawAccess.keyBytes(sender, KeyLabel.KID);
        unprot.set(
            kid != null ? HeaderLabel.STATIC_KEY_ID : HeaderLabel.STATIC_KEY,
            kid != null ? CBORObject.FromObject(kid) : pointOnly(sender, false));
      }
      boolean hasNonce =
          given.contains(HeaderLabel.PARTY_U_NONCE)
              || given.contains(HeaderLabel.SALT)
              || spec.kdfInfo().partyUNonce() != null;
      if (alg.kind() == Algorithm.Kind.KEY_AGREEMENT && !hasNonce) {
        // Static-static keys give the same secret every time; a nonce makes each CEK new.
        byte[] nonce = new byte[SS_NONCE_LENGTH];
        random.nextBytes(nonce);
        unprot.set(HeaderLabel.PARTY_U_NONCE, CBORObject.FromObject(nonce));
      }
    } else {
      if (given.contains(HeaderLabel.EPHEMERAL_KEY)) {
        throw new HeaderException(
            NAME + ": the ephemeral key is generated per message; do not pass one in the headers");
      }
      CoseKey ephemeral = KeyPairs.generate(peer.curve(), random);
      secret = Ecdh.sharedSecret(ephemeral, peer);
      unprot.set(HeaderLabel.EPHEMERAL_KEY, pointOnly(ephemeral, spec.compressEphemeralKey()));
    }
    return new Agreement(given.withUnprotected(unprot.build()), secret);
  }

  /**
   * The public part as sent in epk / spk: kty, crv, x and y (or y's sign bit). It holds the key's
   * own arrays, so it goes only to a header builder, which copies what it is given.
   */
  private static CBORObject pointOnly(CoseKey key, boolean compress) throws CoseException {
    CBORObject m = CBORObject.NewOrderedMap();
    m.set(CBORObject.FromObject(KeyLabel.KTY), CBORObject.FromObject(key.keyType().id()));
    m.set(CBORObject.FromObject(KeyLabel.CRV), CBORObject.FromObject(key.curve().id()));
    m.set(
        CBORObject.FromObject(KeyLabel.X),
        CBORObject.FromObject(RawAccess.keyBytes(key, KeyLabel.X)));
    if (key.keyType() == KeyType.EC2) {
      byte[] y = RawAccess.keyBytes(key, KeyLabel.Y);
      m.set(
          CBORObject.FromObject(KeyLabel.Y),
          compress ? CBORObject.FromObject((y[y.length - 1] & 1) == 1) : CBORObject.FromObject(y));
    }
    return m;
  }

  /** Receiver side: recovers the CEK from one recipient. */
  static byte[] recover(Recipient r, RecipientKey rk, Algorithm content) throws CoseException {
    Headers h = r.headers();
    Algorithm alg = recipientAlgorithm(h);
    byte[] ct = r.rawCiphertext();
    if (derivesCek(alg) && (ct == null || ct.length != 0)) {
      throw new StructureException(NAME + ": " + alg.ianaName() + " requires an empty ciphertext");
    }
    if (!derivesCek(alg) && ct == null) {
      throw new StructureException(NAME + ": encrypted key is nil");
    }
    if (!r.recipients().isEmpty()) {
      return unwrapWithNested(r, rk, alg, ct);
    }
    switch (alg.kind()) {
      case DIRECT:
        return symmetric(rk.key(), alg);
      case DIRECT_KDF:
        return hkdf(
            alg, h, symmetric(rk.key(), alg), content.id(), content.keyBits(), rk.kdfInfo());
      case KEY_WRAP:
        return KeyWrap.of(alg).unwrap(symmetric(rk.key(), alg), ct);
      case KEY_AGREEMENT:
        return hkdf(alg, h, received(h, rk, alg), content.id(), content.keyBits(), rk.kdfInfo());
      case KEY_AGREEMENT_WRAP:
        {
          Algorithm kw = keyWrapOf(alg);
          byte[] kek = hkdf(alg, h, received(h, rk, alg), kw.id(), kw.keyBits(), rk.kdfInfo());
          return KeyWrap.of(kw).unwrap(kek, ct);
        }
      default:
        return RsaOaep.decrypt(alg, rk.key(), ct);
    }
  }

  /**
   * Three-layer messages (RFC 9052 Appendix B): the key-wrap key of this recipient is itself
   * carried by its nested recipients, which derive or unwrap it for this algorithm.
   */
  private static byte[] unwrapWithNested(Recipient r, RecipientKey rk, Algorithm alg, byte[] ct)
      throws CoseException {
    if (alg.kind() != Algorithm.Kind.KEY_WRAP) {
      throw new AlgorithmException(
          NAME + ": " + alg.ianaName() + " cannot take its key from nested recipients");
    }
    CoseException failure = null;
    for (byte[] kek : Recipients.candidateCeks(r.recipients(), rk, alg)) {
      try {
        return KeyWrap.of(alg).unwrap(kek, ct);
      } catch (CoseException e) {
        failure = e;
      }
    }
    throw failure;
  }

  /** Runs ECDH for the receiver with the sender's ephemeral or static public key. */
  private static byte[] received(Headers h, RecipientKey rk, Algorithm alg) throws CoseException {
    CoseKey peer;
    if (isStaticStatic(alg)) {
      CBORObject spk = RawAccess.headerValue(h, HeaderLabel.STATIC_KEY);
      if (spk != null) {
        peer = CoseKey.fromCbor(spk);
      } else if (rk.senderKey() != null) {
        byte[] kid = RawAccess.headerBytes(h, HeaderLabel.STATIC_KEY_ID);
        byte[] have = RawAccess.keyBytes(rk.senderKey(), KeyLabel.KID);
        if (kid != null && have != null && !java.util.Arrays.equals(kid, have)) {
          throw new KeyException(NAME + ": static key id does not match the sender key given");
        }
        peer = rk.senderKey().publicKey();
      } else {
        throw new KeyException(NAME + ": no static key in the message and no sender key given");
      }
    } else {
      CBORObject epk = RawAccess.headerValue(h, HeaderLabel.EPHEMERAL_KEY);
      if (epk == null) {
        throw new HeaderException(NAME + ": " + alg.ianaName() + " needs an ephemeral key header");
      }
      peer = CoseKey.fromCbor(epk);
    }
    return Ecdh.sharedSecret(rk.key(), peer);
  }

  private static boolean isStaticStatic(Algorithm alg) {
    switch (alg) {
      case ECDH_SS_HKDF_256:
      case ECDH_SS_HKDF_512:
      case ECDH_SS_A128KW:
      case ECDH_SS_A192KW:
      case ECDH_SS_A256KW:
        return true;
      default:
        return false;
    }
  }

  private static Algorithm keyWrapOf(Algorithm alg) {
    switch (alg.keyBits()) {
      case 128:
        return Algorithm.A128KW;
      case 192:
        return Algorithm.A192KW;
      default:
        return Algorithm.A256KW;
    }
  }

  private static byte[] symmetric(CoseKey key, Algorithm alg) throws KeyException {
    byte[] k = key.keyType() == KeyType.SYMMETRIC ? RawAccess.keyBytes(key, KeyLabel.K) : null;
    if (k == null) {
      throw new KeyException(NAME + ": " + alg.ianaName() + " needs a symmetric key");
    }
    return k;
  }

  /** Derives a key of {@code bits} for {@code forAlgorithm} with the recipient's HKDF variant. */
  private static byte[] hkdf(
      Algorithm alg, Headers h, byte[] secret, long forAlgorithm, int bits, KdfInfo unsent)
      throws CoseException {
    byte[] info = KdfContext.encode(forAlgorithm, bits, h, unsent);
    byte[] salt = RawAccess.headerBytes(h, HeaderLabel.SALT);
    switch (alg) {
      case DIRECT_HKDF_AES_128:
      case DIRECT_HKDF_AES_256:
        // The secret is the AES-CBC-MAC key, so its size is what the algorithm names.
        int need = alg == Algorithm.DIRECT_HKDF_AES_128 ? 16 : 32;
        if (secret.length != need) {
          throw new KeyException(
              NAME
                  + ": "
                  + alg.ianaName()
                  + " needs a "
                  + need
                  + "-byte key, got "
                  + secret.length);
        }
        return Hkdf.deriveAesMac(secret, info, bits / 8);
      case DIRECT_HKDF_SHA_512:
      case ECDH_ES_HKDF_512:
      case ECDH_SS_HKDF_512:
        return Hkdf.derive("HmacSHA512", salt, secret, info, bits / 8);
      default:
        return Hkdf.derive("HmacSHA256", salt, secret, info, bits / 8);
    }
  }
}
