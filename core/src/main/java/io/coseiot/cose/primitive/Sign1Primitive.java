package io.coseiot.cose.primitive;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SignatureScheme;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.MessageType;
import java.util.Objects;

/**
 * COSE_Sign1 (RFC 9052 §4.2) under one key pair, made once and used for message after message: the
 * algorithm goes in the protected bucket, the key's {@code kid} (if any) in the unprotected one;
 * the message head and, per {@link Aad}, the Sig_structure up to the payload are encoded when the
 * primitive is made. A primitive made from a private key signs and verifies, one made from a public
 * key only verifies. Immutable and thread-safe.
 *
 * <pre>{@code
 * Sign1Primitive signer = Sign1Primitive.builder(privateKey).build(); // key with alg ES256, kid
 * byte[] sent = signer.sign(payload, signer.prepare(null));
 * Sign1Primitive verifier = Sign1Primitive.builder(privateKey.publicKey()).build();
 * byte[] verified =
 *     verifier.verify(ReceivedMessage.parse(MessageType.SIGN1, sent, Set.of()), verifier.prepare(null));
 * }</pre>
 */
public final class Sign1Primitive {
  private static final String NAME = "COSE_Sign1";

  private final Algorithm alg;
  private final SignatureScheme scheme;
  private final CoseKey key;
  private final byte[] protectedBytes;
  private final byte[] head;

  private Sign1Primitive(CoseKey key, Algorithm alg) throws AlgorithmException {
    this.alg = alg;
    this.scheme = SignatureScheme.of(alg);
    this.key = key;
    this.protectedBytes = Wire.algOnly(alg);
    byte[] kid = Wire.kid(key);
    this.head =
        Wire.messageHead(MessageType.SIGN1.tag(), 4, protectedBytes, kid, kid == null ? 0 : 1);
  }

  /**
   * Starts a primitive for a key.
   *
   * @param key the signer's key pair (to sign) or public key (to verify); its {@code kid}, if any,
   *     is sent
   * @return a builder
   */
  public static Builder builder(CoseKey key) {
    return new Builder(Objects.requireNonNull(key, "key"));
  }

  /**
   * Returns the signature algorithm.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return alg;
  }

  /**
   * Encodes the Sig_structure up to the payload for an external_aad once.
   *
   * @param externalAad the external additional data, or null for none
   * @return the prepared AAD
   */
  public Aad prepare(byte[] externalAad) {
    byte[] ext = externalAad == null ? Wire.NO_BYTES : externalAad.clone();
    return new Aad(this, ext, Structures.prefix(4, Structures.SIGNATURE1, protectedBytes, ext));
  }

  private byte[] prefix(Aad aad, byte[] prot) {
    Objects.requireNonNull(aad, "aad");
    return aad.owner == this && Wire.same(prot, protectedBytes)
        ? aad.structure
        : Structures.prefix(4, Structures.SIGNATURE1, prot, aad.externalAad);
  }

  /**
   * Signs a payload, which the message carries in the clear.
   *
   * @param payload the payload
   * @param aad the prepared external_aad
   * @return the tagged COSE_Sign1
   * @throws KeyException if the key has no private part or does not fit the algorithm
   * @throws CoseException if signing fails
   */
  public byte[] sign(byte[] payload, Aad aad) throws CoseException {
    Objects.requireNonNull(payload, "payload");
    if (!key.hasPrivate()) {
      throw new KeyException(
          NAME + ": signing needs the private key; this primitive has the public one");
    }
    byte[] sig = scheme.sign(key, Structures.withPayload(prefix(aad, protectedBytes), payload));
    byte[] out = new byte[head.length + Wire.bstrSize(payload.length) + Wire.bstrSize(sig.length)];
    Wire.putBstr(out, Wire.putBstr(out, Wire.put(out, 0, head), payload), sig);
    return out;
  }

  /**
   * Verifies a received message's signature over the protected bytes as received and returns its
   * payload: {@code alg} must be protected and this primitive's, the payload attached.
   *
   * @param message the parsed message
   * @param aad the prepared external_aad
   * @return the payload, now verified
   * @throws AlgorithmException if the protected alg is missing or not this primitive's
   * @throws io.coseiot.cose.exception.AuthenticationException if the signature does not verify: the
   *     key, the external_aad or the bytes differ from the signer's
   * @throws CoseException if the message is not a COSE_Sign1 with attached payload
   */
  public byte[] verify(ReceivedMessage message, Aad aad) throws CoseException {
    Objects.requireNonNull(message, "message");
    if (message.type() != MessageType.SIGN1) {
      throw new StructureException(NAME + ": cannot verify a " + message.type().structureName());
    }
    Algorithm got = message.algorithm();
    if (got != alg) {
      throw new AlgorithmException(
          NAME
              + ": protected alg is "
              + (got == null ? "missing or unknown" : got.ianaName())
              + ", the key is for "
              + alg.ianaName());
    }
    if (message.isDetached()) {
      throw new StructureException(NAME + ": payload is detached");
    }
    byte[] payload = message.content();
    byte[] tbs =
        Structures.withPayload(prefix(aad, message.headers().authenticatedProtected()), payload);
    scheme.verify(key, tbs, message.rawTag());
    return payload.clone();
  }

  /** Builds a {@link Sign1Primitive}. */
  public static final class Builder {
    private final CoseKey key;
    private Algorithm alg;

    private Builder(CoseKey key) {
      this.key = key;
    }

    /**
     * Names the algorithm for a key without {@code alg} (a key with one must agree).
     *
     * @param alg a signature algorithm
     * @return this builder
     */
    public Builder algorithm(Algorithm alg) {
      this.alg = Objects.requireNonNull(alg, "alg");
      return this;
    }

    /**
     * Makes the primitive.
     *
     * @return the primitive
     * @throws AlgorithmException if no signature algorithm is known for the key
     * @throws KeyException if the key's alg and the builder's differ
     */
    public Sign1Primitive build() throws CoseException {
      Algorithm keyAlg = key.algorithm();
      if (alg == null) {
        return new Sign1Primitive(key, Wire.algorithm(key, Algorithm.Kind.SIGNATURE, NAME));
      }
      if (keyAlg != null && keyAlg != alg) {
        throw new KeyException(
            NAME + ": the key is for " + keyAlg.ianaName() + ", not " + alg.ianaName());
      }
      if (alg.kind() != Algorithm.Kind.SIGNATURE) {
        throw new AlgorithmException(
            NAME + ": " + alg.ianaName() + " is not a signature algorithm");
      }
      return new Sign1Primitive(key, alg);
    }
  }
}
