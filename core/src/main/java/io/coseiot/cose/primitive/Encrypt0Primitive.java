package io.coseiot.cose.primitive;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SecureRandoms;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.message.MessageType;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * COSE_Encrypt0 (RFC 9052 §5.2) under one symmetric key, made once and used for message after
 * message: the key's {@code alg} goes in the protected bucket, its {@code kid} (if any) in the
 * unprotected one, and the protected bytes, the message head and, per {@link Aad}, the
 * Enc_structure are encoded when the primitive is made. Immutable and thread-safe.
 *
 * <p>Nonces: {@link #seal} draws a random IV from the primitive's own source. {@link
 * #sealWithPartialIv} sends a Partial IV instead, combined with the key's Base IV by RFC 9052 §3.1,
 * or, when the builder names a {@link Builder#oscoreNonces sender id label}, by OSCORE's rule (RFC
 * 8613 §5.2), with the sender id sent under that label; the caller keeps Partial IVs unique (a
 * persisted counter). {@link #open} accepts either form.
 *
 * <pre>{@code
 * Encrypt0Primitive p = Encrypt0Primitive.builder(key).build(); // key with alg A128GCM and kid
 * Aad aad = p.prepare("topic".getBytes(UTF_8));
 * byte[] sent = p.seal(plaintext, aad);
 * ReceivedMessage m = ReceivedMessage.parse(MessageType.ENCRYPT0, sent, Set.of());
 * byte[] opened = p.open(m, aad);
 * }</pre>
 */
public final class Encrypt0Primitive {
  private static final String NAME = "COSE_Encrypt0";

  private final Algorithm alg;
  private final AeadCipher cipher;
  private final byte[] secret;
  private final byte[] baseIv;
  private final byte[] kid;
  private final SecureRandom random;
  private final String senderIdLabel;
  private final byte[] senderId;
  private final byte[] protectedBytes;
  private final byte[] randomHead;
  private final byte[] partialIvHead;
  private final byte[] senderIdTail;

  private Encrypt0Primitive(Builder b, Algorithm alg, AeadCipher cipher, byte[] secret)
      throws CoseException {
    this.alg = alg;
    this.cipher = cipher;
    this.secret = secret;
    byte[] base = RawAccess.keyBytes(b.key, KeyLabel.BASE_IV);
    this.baseIv = base == null ? null : base.clone();
    this.kid = Wire.kid(b.key);
    this.random = b.random;
    this.senderIdLabel = b.senderIdLabel;
    this.senderId = b.senderId;
    if (senderId != null && senderIdLabel == null) {
      throw new HeaderException(NAME + ": a sender id needs oscoreNonces(label) to send it under");
    }
    if (senderId != null && senderId.length > cipher.nonceLength() - 6) {
      throw new KeyException(
          NAME
              + ": a sender id of "
              + senderId.length
              + " bytes does not fit the "
              + cipher.nonceLength()
              + "-byte nonces of "
              + alg.ianaName()
              + " (at most "
              + (cipher.nonceLength() - 6)
              + ")");
    }
    this.protectedBytes = Wire.algOnly(alg);
    int k = kid == null ? 0 : 1;
    int tag = MessageType.ENCRYPT0.tag();
    this.randomHead = Wire.messageHead(tag, 3, protectedBytes, kid, k + 1);
    this.partialIvHead =
        Wire.messageHead(tag, 3, protectedBytes, kid, k + 1 + (senderId == null ? 0 : 1));
    if (senderId == null) {
      this.senderIdTail = Wire.NO_BYTES;
    } else {
      byte[] label = Wire.text(senderIdLabel);
      byte[] tail = new byte[label.length + Wire.bstrSize(senderId.length)];
      Wire.putBstr(tail, Wire.put(tail, 0, label), senderId);
      this.senderIdTail = tail;
    }
  }

  /**
   * Starts a primitive for a key.
   *
   * @param key a symmetric key with {@code alg} an AEAD algorithm; its {@code kid}, if any, is
   *     sent; its Base IV, if any, serves Partial IVs
   * @return a builder
   */
  public static Builder builder(CoseKey key) {
    return new Builder(Objects.requireNonNull(key, "key"));
  }

  /**
   * Returns the algorithm, the key's {@code alg}.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return alg;
  }

  /**
   * Returns the nonce length of the algorithm.
   *
   * @return bytes
   */
  public int nonceLength() {
    return cipher.nonceLength();
  }

  /**
   * Encodes the Enc_structure for an external_aad once.
   *
   * @param externalAad the external additional authenticated data, or null for none
   * @return the prepared AAD, for {@link #seal}, {@link #sealWithPartialIv} and {@link #open}
   */
  public Aad prepare(byte[] externalAad) {
    byte[] ext = externalAad == null ? Wire.NO_BYTES : externalAad.clone();
    return new Aad(this, ext, Structures.prefix(3, Structures.ENCRYPT0, protectedBytes, ext));
  }

  private byte[] encStructure(Aad aad, byte[] prot) {
    Objects.requireNonNull(aad, "aad");
    return aad.owner == this && Wire.same(prot, protectedBytes)
        ? aad.structure
        : Structures.prefix(3, Structures.ENCRYPT0, prot, aad.externalAad);
  }

  /**
   * Encrypts under a random IV drawn from the primitive's source.
   *
   * @param plaintext the content
   * @param aad the prepared external_aad
   * @return the tagged COSE_Encrypt0
   * @throws CoseException if the content is too long for the algorithm
   */
  public byte[] seal(byte[] plaintext, Aad aad) throws CoseException {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] iv = new byte[cipher.nonceLength()];
    random.nextBytes(iv);
    byte[] ct = cipher.encrypt(secret, iv, encStructure(aad, protectedBytes), plaintext);
    byte[] out =
        new byte[randomHead.length + 1 + Wire.bstrSize(iv.length) + Wire.bstrSize(ct.length)];
    int at = Wire.put(out, 0, randomHead);
    out[at++] = 0x05; // IV
    Wire.putBstr(out, Wire.putBstr(out, at, iv), ct);
    return out;
  }

  /**
   * Encrypts under a nonce made from a Partial IV that the caller never repeats for this key.
   *
   * @param partialIv the Partial IV, for example a sequence number's big-endian bytes
   * @param plaintext the content
   * @param aad the prepared external_aad
   * @return the tagged COSE_Encrypt0, with the Partial IV (and sender id) in its unprotected bucket
   * @throws NonceException if the key has no Base IV of the nonce length, or the Partial IV does
   *     not fit
   * @throws CoseException if the content is too long for the algorithm
   */
  public byte[] sealWithPartialIv(byte[] partialIv, byte[] plaintext, Aad aad)
      throws CoseException {
    Objects.requireNonNull(partialIv, "partialIv");
    Objects.requireNonNull(plaintext, "plaintext");
    if (senderIdLabel != null && senderId == null) {
      throw new NonceException(NAME + ": OSCORE nonces need this sender's id (Builder.senderId)");
    }
    byte[] nonce = nonce(partialIv, senderId);
    byte[] ct = cipher.encrypt(secret, nonce, encStructure(aad, protectedBytes), plaintext);
    byte[] out =
        new byte
            [partialIvHead.length
                + 1
                + Wire.bstrSize(partialIv.length)
                + senderIdTail.length
                + Wire.bstrSize(ct.length)];
    int at = Wire.put(out, 0, partialIvHead);
    out[at++] = 0x06; // Partial IV
    at = Wire.put(out, Wire.putBstr(out, at, partialIv), senderIdTail);
    Wire.putBstr(out, at, ct);
    return out;
  }

  /**
   * Decrypts a received message after checking that it is for this primitive: {@code alg} in the
   * protected bucket and the key's; the ciphertext attached; exactly one of IV and Partial IV in
   * the unprotected bucket, and with OSCORE nonces the sender id beside the Partial IV. The
   * Enc_structure is built over the protected bytes as received.
   *
   * @param message the parsed message
   * @param aad the prepared external_aad
   * @return the plaintext
   * @throws AlgorithmException if the protected alg is missing or not the key's
   * @throws NonceException if the IV or Partial IV is missing, doubled or of the wrong size
   * @throws io.coseiot.cose.exception.AuthenticationException if the tag does not match: the key,
   *     the external_aad or the bytes differ from the sender's
   * @throws CoseException if the message is not a COSE_Encrypt0 with attached ciphertext
   */
  public byte[] open(ReceivedMessage message, Aad aad) throws CoseException {
    Objects.requireNonNull(message, "message");
    if (message.type() != MessageType.ENCRYPT0) {
      throw new StructureException(NAME + ": cannot open a " + message.type().structureName());
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
      throw new StructureException(NAME + ": ciphertext is detached");
    }
    byte[] iv = message.unprotectedBytes(HeaderLabel.IV);
    byte[] piv = message.unprotectedBytes(HeaderLabel.PARTIAL_IV);
    byte[] nonce;
    if (iv != null && piv == null) {
      if (iv.length != cipher.nonceLength()) {
        throw new NonceException(
            NAME + ": IV is " + iv.length + " bytes, " + alg + " needs " + cipher.nonceLength());
      }
      nonce = iv;
    } else if (piv != null && iv == null) {
      byte[] sid = null;
      if (senderIdLabel != null) {
        sid = ReceivedMessage.textLabelBytes(message.headers().unprotectedMap(), senderIdLabel);
        if (sid == null) {
          throw new HeaderException(
              NAME + ": Partial IV without a " + senderIdLabel + " byte string (the sender id)");
        }
      }
      nonce = nonce(piv, sid);
    } else {
      throw new NonceException(
          NAME + ": exactly one of IV and Partial IV must be in the unprotected bucket");
    }
    byte[] prot = message.headers().authenticatedProtected();
    return cipher.decrypt(secret, nonce, encStructure(aad, prot), message.content());
  }

  /** The nonce of a Partial IV: OSCORE's with a sender id label, else RFC 9052 §3.1's. */
  private byte[] nonce(byte[] partialIv, byte[] sid) throws NonceException {
    int n = cipher.nonceLength();
    if (baseIv == null || baseIv.length != n) {
      throw new NonceException(
          NAME
              + ": a Partial IV needs the key's Base IV of "
              + n
              + " bytes"
              + (baseIv == null ? ", and the key has none" : ", the key's is " + baseIv.length));
    }
    try {
      return sid == null
          ? PartialIvs.nonce(baseIv, partialIv)
          : PartialIvs.oscoreNonce(baseIv, sid, partialIv);
    } catch (NonceException e) {
      throw new NonceException(NAME + ": " + e.getMessage(), e);
    }
  }

  /** Builds an {@link Encrypt0Primitive}. */
  public static final class Builder {
    private final CoseKey key;
    private SecureRandom random;
    private String senderIdLabel;
    private byte[] senderId;

    private Builder(CoseKey key) {
      this.key = key;
    }

    /**
     * Sets the source of random IVs (default {@link SecureRandoms#fastDrbg()}).
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Makes Partial IV nonces follow OSCORE (RFC 8613 §5.2): the sender id enters the nonce and is
     * sent in the unprotected bucket under this text label, so that senders sharing a key never
     * share a nonce.
     *
     * @param label the sender id's header label, for example {@code "sid"}
     * @return this builder
     */
    public Builder oscoreNonces(String label) {
      this.senderIdLabel = Objects.requireNonNull(label, "label");
      return this;
    }

    /**
     * Sets this sender's id for {@link #oscoreNonces} Partial IVs.
     *
     * @param senderId the id, at most the nonce length minus 6 bytes
     * @return this builder
     */
    public Builder senderId(byte[] senderId) {
      this.senderId = Objects.requireNonNull(senderId, "senderId").clone();
      return this;
    }

    /**
     * Makes the primitive.
     *
     * @return the primitive
     * @throws AlgorithmException if the key has no alg or not an AEAD one
     * @throws KeyException if the key is not symmetric, lacks {@code k}, has {@code k} of the wrong
     *     length, or the sender id does not fit the nonce
     * @throws CoseException if the builder's settings do not fit together
     */
    public Encrypt0Primitive build() throws CoseException {
      Algorithm alg = Wire.algorithm(key, Algorithm.Kind.AEAD, NAME);
      AeadCipher cipher = AeadCipher.of(alg);
      byte[] secret = Wire.secret(key, NAME);
      if (secret.length != cipher.keyLength()) {
        throw new KeyException(
            NAME
                + ": "
                + alg.ianaName()
                + " needs a "
                + cipher.keyLength()
                + "-byte key, k is "
                + secret.length);
      }
      if (random == null) {
        random = SecureRandoms.fastDrbg();
      }
      return new Encrypt0Primitive(this, alg, cipher, secret);
    }
  }
}
