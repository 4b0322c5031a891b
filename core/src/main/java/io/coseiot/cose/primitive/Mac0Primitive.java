package io.coseiot.cose.primitive;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.MacFunction;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.MessageType;
import java.util.Objects;

/**
 * COSE_Mac0 (RFC 9052 §6.2) under one symmetric key, made once and used for message after message:
 * the key's {@code alg} goes in the protected bucket, its {@code kid} (if any) in the unprotected
 * one; the message head and, per {@link Aad}, the MAC_structure up to the payload are encoded when
 * the primitive is made. Immutable and thread-safe.
 *
 * <p>{@link #createWithPartialIv} adds a Partial IV (and a sender id, if the builder has one) to
 * the protected bucket: a MAC has no nonce that would bind a sequence number, so only the protected
 * bucket authenticates it.
 *
 * <pre>{@code
 * Mac0Primitive p = Mac0Primitive.builder(key).build(); // key with alg HMAC 256/256 and kid
 * byte[] sent = p.create(payload, p.prepare(null));
 * byte[] verified = p.verify(ReceivedMessage.parse(MessageType.MAC0, sent, Set.of()), aad);
 * }</pre>
 */
public final class Mac0Primitive {
  private static final String NAME = "COSE_Mac0";

  private final Algorithm alg;
  private final MacFunction mac;
  private final byte[] secret;
  private final byte[] protectedBytes;
  private final byte[] kid;
  private final byte[] head;
  private final byte[] unprotected;
  private final byte[] senderIdEntry;

  private Mac0Primitive(Builder b, Algorithm alg, MacFunction mac, byte[] secret) {
    this.alg = alg;
    this.mac = mac;
    this.secret = secret;
    this.protectedBytes = Wire.algOnly(alg);
    this.kid = Wire.kid(b.key);
    this.head =
        Wire.messageHead(MessageType.MAC0.tag(), 4, protectedBytes, kid, kid == null ? 0 : 1);
    CborWriter u = new CborWriter(12 + (kid == null ? 0 : kid.length));
    u.writeMapHeader(kid == null ? 0 : 1);
    if (kid != null) {
      u.writeInt(4).writeBytes(kid);
    }
    this.unprotected = u.toByteArray();
    if (b.senderId == null) {
      this.senderIdEntry = null;
    } else {
      byte[] label = Wire.text(b.senderIdLabel);
      byte[] entry = new byte[label.length + Wire.bstrSize(b.senderId.length)];
      Wire.putBstr(entry, Wire.put(entry, 0, label), b.senderId);
      this.senderIdEntry = entry;
    }
  }

  /**
   * Starts a primitive for a key.
   *
   * @param key a symmetric key with {@code alg} a MAC algorithm; its {@code kid}, if any, is sent
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
   * Encodes the MAC_structure up to the payload for an external_aad once.
   *
   * @param externalAad the external additional authenticated data, or null for none
   * @return the prepared AAD
   */
  public Aad prepare(byte[] externalAad) {
    byte[] ext = externalAad == null ? Wire.NO_BYTES : externalAad.clone();
    return new Aad(this, ext, Structures.prefix(4, Structures.MAC0, protectedBytes, ext));
  }

  private byte[] prefix(Aad aad, byte[] prot) {
    Objects.requireNonNull(aad, "aad");
    return aad.owner == this && Wire.same(prot, protectedBytes)
        ? aad.structure
        : Structures.prefix(4, Structures.MAC0, prot, aad.externalAad);
  }

  /**
   * Authenticates a payload, which the message carries in the clear.
   *
   * @param payload the payload
   * @param aad the prepared external_aad
   * @return the tagged COSE_Mac0
   * @throws CoseException if the MAC cannot be computed
   */
  public byte[] create(byte[] payload, Aad aad) throws CoseException {
    Objects.requireNonNull(payload, "payload");
    byte[] macHead = Structures.withPayloadHead(prefix(aad, protectedBytes), payload.length);
    byte[] tag = mac.compute(secret, macHead, payload);
    byte[] out = new byte[head.length + Wire.bstrSize(payload.length) + Wire.bstrSize(tag.length)];
    Wire.putBstr(out, Wire.putBstr(out, Wire.put(out, 0, head), payload), tag);
    return out;
  }

  /**
   * Authenticates a payload with a Partial IV, and the builder's sender id if any, in the protected
   * bucket, in that order after {@code alg}: {@code {1: alg, 6: Partial IV, label: id}}.
   *
   * @param partialIv the Partial IV, for example a sequence number's big-endian bytes
   * @param payload the payload
   * @param aad the prepared external_aad
   * @return the tagged COSE_Mac0
   * @throws CoseException if the MAC cannot be computed
   */
  public byte[] createWithPartialIv(byte[] partialIv, byte[] payload, Aad aad)
      throws CoseException {
    Objects.requireNonNull(partialIv, "partialIv");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(aad, "aad");
    int entries = senderIdEntry == null ? 2 : 3;
    byte[] prot =
        new byte
            [protectedBytes.length
                + 1
                + Wire.bstrSize(partialIv.length)
                + (senderIdEntry == null ? 0 : senderIdEntry.length)];
    // {1: alg} with its map head raised to the entry count, then 6: Partial IV and the sender id.
    int at = Wire.put(prot, 0, protectedBytes);
    prot[0] = (byte) (0xa0 | entries);
    prot[at++] = 0x06;
    at = Wire.putBstr(prot, at, partialIv);
    if (senderIdEntry != null) {
      Wire.put(prot, at, senderIdEntry);
    }
    byte[] macHead =
        Structures.withPayloadHead(
            Structures.prefix(4, Structures.MAC0, prot, aad.externalAad), payload.length);
    byte[] tag = mac.compute(secret, macHead, payload);
    byte[] out =
        new byte
            [2
                + Wire.bstrSize(prot.length)
                + unprotected.length
                + Wire.bstrSize(payload.length)
                + Wire.bstrSize(tag.length)];
    out[0] = (byte) 0xd1; // tag 17
    out[1] = (byte) 0x84; // array(4)
    at = Wire.put(out, Wire.putBstr(out, 2, prot), unprotected);
    Wire.putBstr(out, Wire.putBstr(out, at, payload), tag);
    return out;
  }

  /**
   * Verifies a received message's tag over the protected bytes as received and returns its payload:
   * {@code alg} must be protected and the key's, the payload attached.
   *
   * @param message the parsed message
   * @param aad the prepared external_aad
   * @return the payload, now authenticated
   * @throws AlgorithmException if the protected alg is missing or not the key's
   * @throws io.coseiot.cose.exception.AuthenticationException if the tag does not match: the key,
   *     the external_aad or the bytes differ from the sender's
   * @throws CoseException if the message is not a COSE_Mac0 with attached payload
   */
  public byte[] verify(ReceivedMessage message, Aad aad) throws CoseException {
    Objects.requireNonNull(message, "message");
    if (message.type() != MessageType.MAC0) {
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
    byte[] macHead =
        Structures.withPayloadHead(
            prefix(aad, message.headers().authenticatedProtected()), payload.length);
    mac.verify(secret, macHead, payload, message.rawTag());
    return payload.clone();
  }

  /** Builds a {@link Mac0Primitive}. */
  public static final class Builder {
    private final CoseKey key;
    private String senderIdLabel;
    private byte[] senderId;

    private Builder(CoseKey key) {
      this.key = key;
    }

    /**
     * Sets this sender's id, sent beside each Partial IV in the protected bucket under a text
     * label.
     *
     * @param label the label, for example {@code "sid"}
     * @param senderId the id
     * @return this builder
     */
    public Builder senderId(String label, byte[] senderId) {
      this.senderIdLabel = Objects.requireNonNull(label, "label");
      this.senderId = Objects.requireNonNull(senderId, "senderId").clone();
      return this;
    }

    /**
     * Makes the primitive.
     *
     * @return the primitive
     * @throws AlgorithmException if the key has no alg or not a MAC one
     * @throws KeyException if the key is not symmetric or lacks {@code k}
     * @throws CoseException if the MAC function cannot be made
     */
    public Mac0Primitive build() throws CoseException {
      Algorithm alg = Wire.algorithm(key, Algorithm.Kind.MAC, NAME);
      return new Mac0Primitive(this, alg, MacFunction.of(alg), Wire.secret(key, NAME));
    }
  }
}
