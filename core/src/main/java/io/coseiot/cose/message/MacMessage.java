package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.MacFunction;
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
import java.util.Set;

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
   * EncryptMessage#encrypt}.
   *
   * @param headers the headers, normally with {@code alg} protected; see {@link Headers#of}
   * @param payload the content
   * @param recipients how to build each recipient
   * @param externalAad external additional data, or null
   * @param random the source of keys and nonces
   * @return the message
   * @throws CoseException if headers, algorithms or keys do not fit
   */
  public static MacMessage create(
      Headers headers,
      byte[] payload,
      List<RecipientSpec> recipients,
      byte[] externalAad,
      SecureRandom random)
      throws CoseException {
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
   * Decodes a message, accepting the tag or its absence.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac
   */
  public static MacMessage decode(byte[] data) throws CoseException {
    return decode(data, TagPolicy.OPTIONAL);
  }

  /**
   * Decodes a message under a tag policy.
   *
   * @param data the encoded message
   * @param policy whether the tag must, may or must not be present
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac
   */
  public static MacMessage decode(byte[] data, TagPolicy policy) throws CoseException {
    return decode(data, policy, Set.of());
  }

  /**
   * Decodes a message under a tag policy, accepting in {@code crit} the application's own labels.
   *
   * @param data the encoded message
   * @param policy whether the tag must, may or must not be present
   * @param understoodLabels labels beyond the generic ones that the application processes, each a
   *     {@code Long} or {@code String}; {@code crit} naming any other label is refused
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac
   */
  public static MacMessage decode(byte[] data, TagPolicy policy, Set<?> understoodLabels)
      throws CoseException {
    CborReader r = Decoding.open(data, MessageType.MAC, policy, 5);
    Headers headers = Headers.read(r, NAME, understoodLabels);
    byte[] payload = Decoding.bstrOrNil(r, NAME + " payload", true);
    byte[] tag = Decoding.bstrOrNil(r, NAME + " tag", false);
    List<Recipient> recipients = Recipient.readList(r, 0, understoodLabels);
    r.requireEnd(NAME);
    return new MacMessage(headers, payload, tag, recipients);
  }

  /**
   * Verifies the MAC over the attached payload with a recipient's key.
   *
   * @param key the receiver's key material
   * @param externalAad external additional data, or null
   * @throws CoseException if no recipient yields a key under which the MAC verifies
   */
  public void verify(RecipientKey key, byte[] externalAad) throws CoseException {
    if (payload == null) {
      throw new StructureException(NAME + ": payload is detached; pass it to verifyDetached");
    }
    verifyDetached(key, externalAad, payload);
  }

  /**
   * Verifies the MAC over a payload carried apart from the message.
   *
   * @param key the receiver's key material
   * @param externalAad external additional data, or null
   * @param detachedPayload the payload
   * @throws CoseException if no recipient yields a key under which the MAC verifies
   */
  public void verifyDetached(RecipientKey key, byte[] externalAad, byte[] detachedPayload)
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
   * Returns the payload.
   *
   * @return a copy, or null if detached
   */
  public byte[] payload() {
    return payload == null ? null : payload.clone();
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
