package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.MacFunction;
import io.coseiot.cose.algorithm.SecureRandoms;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.Headers;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable COSE_Mac message (RFC 9052 §6.1): content with a MAC under a key that each recipient
 * can recover.
 *
 * <pre>
 * COSE_Mac_Tagged = #6.97(COSE_Mac)
 * COSE_Mac = [
 *    Headers,
 *    payload : bstr / nil,
 *    tag : bstr,
 *    recipients : [+COSE_recipient]
 * ]
 * </pre>
 */
public final class MacMessage extends CoseMessage<MacMessage> {
  private static final String NAME = "COSE_Mac";

  private final byte[] payload;
  private final byte[] tag;
  private final List<Recipient> recipients;

  private MacMessage(Headers headers, byte[] payload, byte[] tag, List<Recipient> recipients) {
    super(headers);
    this.payload = payload;
    this.tag = tag;
    this.recipients = Collections.unmodifiableList(recipients);
  }

  /**
   * Computes the MAC of content for one or more recipients, with the same recipient rules as {@link
   * EncryptMessage#encrypt}; content keys and ephemeral keys come from the library's DRBG.
   *
   * @param recipients how to build each recipient
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @param headers the headers with {@code alg} protected
   * @return the message
   * @throws CoseException if headers, algorithms or keys do not fit
   */
  public static MacMessage create(
      List<RecipientSpec> recipients, byte[] payload, byte[] externalAad, Headers headers)
      throws CoseException {
    Objects.requireNonNull(headers, "headers");
    Senders.checkBody(headers, false, NAME);
    return createForTestVectors(
        recipients, payload, externalAad, headers, SecureRandoms.fastDrbg());
  }

  /**
   * Computes the MAC of content with the headers as given and a caller's random source: for
   * reproducing published test vectors, whose content keys and ephemeral keys are fixed.
   *
   * @param recipients how to build each recipient
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @param headers the headers with {@code alg}
   * @param random the source of content keys and ephemeral keys
   * @return the message
   * @throws CoseException if headers, algorithms or keys do not fit
   */
  public static MacMessage createForTestVectors(
      List<RecipientSpec> recipients,
      byte[] payload,
      byte[] externalAad,
      Headers headers,
      SecureRandom random)
      throws CoseException {
    Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(random, "random");
    Algorithm alg = Mac0Message.macAlgorithm(headers, NAME);
    List<Recipient> derived = new ArrayList<>(1);
    byte[] cek = Recipients.cek(recipients, alg, random, derived);
    byte[] content = payload.clone();
    byte[] head =
        Structures.macHead(
            Structures.MAC, headers.authenticatedProtected(), externalAad, content.length);
    byte[] tag = MacFunction.of(alg).compute(cek, head, content);
    return new MacMessage(headers, content, tag, Recipients.wrap(recipients, cek, random, derived));
  }

  /**
   * Decodes a message under {@link DecodeOptions#strict()}.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac
   */
  public static MacMessage decode(byte[] data) throws CoseException {
    return decode(data, DecodeOptions.strict());
  }

  /**
   * Decodes a message.
   *
   * @param data the encoded message
   * @param options the tag policy, extra {@code crit} labels and whether {@code alg} may be
   *     unprotected
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac under the options
   */
  public static MacMessage decode(byte[] data, DecodeOptions options) throws CoseException {
    return Decoding.decode(data, options, MessageType.MAC, MacMessage::readBody);
  }

  private static MacMessage readBody(CborReader r, Headers headers, DecodeOptions options)
      throws CoseException {
    byte[] payload = Decoding.bstrOrNil(r, NAME + " payload", true);
    byte[] tag = Decoding.bstrOrNil(r, NAME + " tag", false);
    List<Recipient> recipients = Recipient.readList(r, 0, options);
    return new MacMessage(headers, payload, tag, recipients);
  }

  /**
   * Verifies the MAC over the attached payload with a recipient's key and returns that payload: the
   * only way to read it, so that no unverified content reaches the application.
   *
   * @param key the receiver's key material
   * @param externalAad external additional data, or null for none
   * @return a copy of the verified payload
   * @throws CoseException if the payload is detached, or no recipient yields a key under which the
   *     MAC verifies
   */
  public byte[] verify(RecipientKey key, byte[] externalAad) throws CoseException {
    Objects.requireNonNull(key, "key");
    if (payload == null) {
      throw new StructureException(NAME + ": payload is detached; pass it to verifyDetached");
    }
    check(key, payload, externalAad);
    return payload.clone();
  }

  /**
   * Verifies the MAC over a payload carried apart from the message.
   *
   * @param key the receiver's key material
   * @param detachedPayload the payload
   * @param externalAad external additional data, or null for none
   * @throws CoseException if no recipient yields a key under which the MAC verifies
   */
  public void verifyDetached(RecipientKey key, byte[] detachedPayload, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detachedPayload, "detachedPayload");
    check(key, detachedPayload, externalAad);
  }

  private void check(RecipientKey key, byte[] detachedPayload, byte[] externalAad)
      throws CoseException {
    Algorithm alg = Mac0Message.macAlgorithm(headers(), NAME);
    byte[] head =
        Structures.macHead(
            Structures.MAC,
            headers().authenticatedProtected(),
            externalAad,
            detachedPayload.length);
    AuthenticationException failure = null;
    for (byte[] cek : Recipients.candidateCeks(recipients, key, alg)) {
      try {
        MacFunction.of(alg).verify(cek, head, detachedPayload, tag);
        return;
      } catch (AuthenticationException e) {
        failure = e;
      }
    }
    throw failure;
  }

  /**
   * Returns the MAC tag.
   *
   * @return a copy
   */
  public byte[] tag() {
    return tag.clone();
  }

  /**
   * Returns the recipients.
   *
   * @return an unmodifiable list
   */
  public List<Recipient> recipients() {
    return recipients;
  }

  /**
   * Returns a copy in which one recipient is replaced, for example by a countersigned copy.
   *
   * @param index the position in {@link #recipients()}
   * @param replacement the new recipient
   * @return the changed message
   */
  public MacMessage withRecipient(int index, Recipient replacement) {
    List<Recipient> copy = new ArrayList<>(recipients);
    copy.set(index, replacement);
    return new MacMessage(headers(), payload, tag, copy);
  }

  /**
   * Returns a copy whose payload is detached (sent as nil).
   *
   * @return the detached message
   */
  public MacMessage detach() {
    return new MacMessage(headers(), null, tag, recipients);
  }

  @Override
  public MessageType type() {
    return MessageType.MAC;
  }

  @Override
  int contentElements() {
    return 3;
  }

  @Override
  int contentSize() {
    return Structures.bstrOrNilSize(payload)
        + Structures.bstrOrNilSize(tag)
        + 64 * recipients.size();
  }

  @Override
  void writeContent(CborWriter w) {
    writeBstrOrNil(w, payload);
    w.writeBytes(tag);
    Recipient.writeList(w, recipients);
  }

  @Override
  byte[] countersignPayload() {
    return payload;
  }

  @Override
  byte[][] countersignOtherFields() {
    return new byte[][] {tag};
  }

  @Override
  MacMessage withHeaders(Headers headers) {
    return new MacMessage(headers, payload, tag, recipients);
  }
}
