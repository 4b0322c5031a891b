package io.coseiot.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.message.DecodeOptions;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.EncryptMessage;
import io.coseiot.cose.message.KdfInfo;
import io.coseiot.cose.message.Mac0Message;
import io.coseiot.cose.message.MacMessage;
import io.coseiot.cose.message.Recipient;
import io.coseiot.cose.message.RecipientKey;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.cose.message.SignMessage;
import io.coseiot.cose.message.Signature;
import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.examples.PartyKeys;
import io.coseiot.vectors.examples.RngStream;
import io.coseiot.vectors.examples.SingleKeys;
import io.coseiot.vectors.examples.Structure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What one vector asks of a peer (protocol v2): the request with which the peer opens our message,
 * the request with which it creates the same message from the same inputs (headers, IV, CEK and
 * ephemeral key as the vector's {@code rng_stream} gives them), and how the library opens what the
 * peer made.
 */
final class VectorExchange {
  // Some working group examples, and so the peers' replies to them, send alg unprotected, which
  // RFC 9052 permits.
  private static final DecodeOptions EXAMPLES = DecodeOptions.strict().allowUnprotectedAlg();

  /** Why a vector, or one direction of it, cannot be put to a peer. */
  static final class NotApplicable extends Exception {
    private static final long serialVersionUID = 1L;

    NotApplicable(String why) {
      super(why);
    }
  }

  private final Example e;
  private final String createOp;

  private VectorExchange(Example e, String createOp) {
    this.e = e;
    this.createOp = createOp;
  }

  /**
   * Returns the exchange for a vector.
   *
   * @param e the vector
   * @return the exchange
   * @throws NotApplicable if the protocol cannot express the vector
   */
  static VectorExchange of(Example e) throws NotApplicable {
    if (e.outputCbor() == null) {
      throw new NotApplicable("the vector has no output");
    }
    if (PartyKeys.nested(e)) {
      throw new NotApplicable("nested recipients are not in protocol v2");
    }
    boolean encryption =
        e.structure() == Structure.ENCRYPTED || e.structure() == Structure.ENVELOPED;
    if (e.detached() && encryption) {
      // The Examples format gives no detached ciphertext to hand over.
      throw new NotApplicable("detached ciphertext is not given by the vector");
    }
    return new VectorExchange(e, createOp(e.structure()));
  }

  String createOp() {
    return createOp;
  }

  String openOp() {
    return PeerRequests.openOp(createOp);
  }

  /**
   * The request with which the peer opens our message: the first recipient's or signer's key.
   *
   * @throws CoseException if a key does not convert
   * @throws NotApplicable if the protocol cannot give the peer what it needs
   */
  ObjectNode openRequest() throws CoseException, NotApplicable {
    byte[] out = e.outputCbor();
    byte[] aad = e.externalAad();
    ObjectNode r;
    switch (e.structure()) {
      case ENCRYPTED, MAC0 -> r = PeerRequests.open(openOp(), SingleKeys.key(e).encode(), out, aad);
      case SIGN0 ->
          r = PeerRequests.open(openOp(), SingleKeys.key(e).publicKey().encode(), out, aad);
      case SIGN -> {
        byte[] k = PartyKeys.signerKey(e, 0).publicKey().encode();
        r = PeerRequests.openOne(openOp(), 0, k, out, aad);
      }
      default -> {
        CoseKey key = PartyKeys.recipientKey(e, 0);
        if (key == null) {
          throw new NotApplicable("the first recipient has no key");
        }
        requireSentKdfInputs();
        r = PeerRequests.openOne(openOp(), 0, key.encode(), out, aad);
        CoseKey sender = PartyKeys.senderKey(e, 0);
        if (sender != null) {
          PeerRequests.senderKey(r, sender.publicKey().encode());
        }
      }
    }
    return e.detached() ? PeerRequests.detachedContent(r, e.plaintext()) : r;
  }

  /**
   * The request with which the peer creates the vector's message: headers exactly as our output
   * sends them, and the keys and random values the vector used.
   *
   * @throws CoseException if a key does not convert
   * @throws NotApplicable if our decoder refuses the output or the protocol cannot express it
   */
  ObjectNode createRequest() throws CoseException, NotApplicable {
    byte[] out = e.outputCbor();
    boolean tagged = (out[0] & 0xE0) == 0xC0;
    byte[] pt = e.plaintext();
    byte[] aad = e.externalAad();
    ObjectNode r;
    switch (e.structure()) {
      case ENCRYPTED, MAC0, SIGN0 -> {
        Headers h = decoded(() -> singleHeaders(out));
        r =
            PeerRequests.create(
                createOp,
                alg(h),
                SingleKeys.key(e).encode(),
                h.protectedBytes(),
                h.unprotectedMap().encode(),
                pt,
                aad,
                tagged);
      }
      case SIGN -> {
        SignMessage m = decoded(() -> SignMessage.decode(out, EXAMPLES));
        List<ObjectNode> signers = new ArrayList<>();
        for (int i = 0; i < m.signatures().size(); i++) {
          Headers sh = m.signatures().get(i).headers();
          byte[] key = PartyKeys.signerKey(e, i).encode();
          signers.add(
              PeerRequests.signer(alg(sh), sh.protectedBytes(), sh.unprotectedMap().encode(), key));
        }
        Headers h = m.headers();
        r =
            PeerRequests.sign(
                h.protectedBytes(), h.unprotectedMap().encode(), pt, aad, tagged, signers);
      }
      default -> {
        requireSentKdfInputs();
        boolean enveloped = e.structure() == Structure.ENVELOPED;
        Headers h;
        List<Recipient> recipients;
        if (enveloped) {
          EncryptMessage m = decoded(() -> EncryptMessage.decode(out, EXAMPLES));
          h = m.headers();
          recipients = m.recipients();
        } else {
          MacMessage m = decoded(() -> MacMessage.decode(out, EXAMPLES));
          h = m.headers();
          recipients = m.recipients();
        }
        List<ObjectNode> rs = new ArrayList<>();
        boolean derived = false;
        for (int i = 0; i < recipients.size(); i++) {
          Headers rh = recipients.get(i).headers();
          Algorithm ra = Algorithm.fromId(alg(rh));
          if (ra == null || ra.kind() == Algorithm.Kind.KEY_TRANSPORT) {
            throw new NotApplicable("recipient algorithm " + alg(rh) + " is not in protocol v2");
          }
          derived |= ra.kind() == Algorithm.Kind.DIRECT || ra.kind() == Algorithm.Kind.DIRECT_KDF;
          derived |= ra.kind() == Algorithm.Kind.KEY_AGREEMENT;
          rs.add(recipient(i, rh, ra));
        }
        long alg = alg(h);
        r =
            PeerRequests.createWithRecipients(
                createOp,
                alg,
                h.protectedBytes(),
                h.unprotectedMap().encode(),
                pt,
                aad,
                tagged,
                derived ? null : cek(alg),
                rs);
      }
    }
    return e.detached() ? PeerRequests.detached(r) : r;
  }

  /**
   * Opens the peer's message with the library and returns its content.
   *
   * @param theirs the peer's message
   * @param detachedContent what the peer sent apart, for a detached vector
   * @throws CoseException if the library refuses the message
   */
  byte[] openTheirs(byte[] theirs, byte[] detachedContent) throws CoseException {
    byte[] aad = e.externalAad();
    boolean detached = e.detached();
    if (detached && detachedContent == null) {
      throw new StructureException("the peer sent no detached_content");
    }
    switch (e.structure()) {
      case ENCRYPTED:
        return Encrypt0Message.decode(theirs, EXAMPLES).decrypt(SingleKeys.key(e), aad);
      case ENVELOPED:
        return EncryptMessage.decode(theirs, EXAMPLES).decrypt(recipientKey(), aad);
      case MAC0:
        {
          Mac0Message m = Mac0Message.decode(theirs, EXAMPLES);
          if (detached) {
            m.verifyDetached(SingleKeys.key(e), detachedContent, aad);
            return detachedContent;
          }
          return m.verify(SingleKeys.key(e), aad);
        }
      case MAC:
        {
          MacMessage m = MacMessage.decode(theirs, EXAMPLES);
          if (detached) {
            m.verifyDetached(recipientKey(), detachedContent, aad);
            return detachedContent;
          }
          return m.verify(recipientKey(), aad);
        }
      case SIGN0:
        {
          Sign1Message m = Sign1Message.decode(theirs, EXAMPLES);
          CoseKey k = SingleKeys.key(e).publicKey();
          if (detached) {
            m.verifyDetached(k, detachedContent, aad);
            return detachedContent;
          }
          return m.verify(k, aad);
        }
      default:
        {
          SignMessage m = SignMessage.decode(theirs, EXAMPLES);
          int n = PartyKeys.count(e);
          if (m.signatures().size() != n) {
            throw new StructureException(
                "expected " + n + " signature(s), found " + m.signatures().size());
          }
          byte[] verified = detachedContent;
          for (int i = 0; i < n; i++) {
            Signature sig = m.signatures().get(i);
            CoseKey k = PartyKeys.signerKey(e, i).publicKey();
            if (detached) {
              m.verifyDetached(k, sig, detachedContent, aad);
            } else {
              verified = m.verify(k, sig, aad);
            }
          }
          return verified;
        }
    }
  }

  private RecipientKey recipientKey() throws CoseException {
    return new RecipientKey(
        PartyKeys.recipientKey(e, 0), PartyKeys.senderKey(e, 0), PartyKeys.unsentKdfInfo(e, 0));
  }

  /** One recipient as our output sends it, with the keys the sender used. */
  private ObjectNode recipient(int i, Headers rh, Algorithm ra)
      throws CoseException, NotApplicable {
    CoseKey key = PartyKeys.recipientKey(e, i);
    if (key == null) {
      throw new NotApplicable("recipient " + i + " has no key");
    }
    byte[] sender = null;
    boolean agreement =
        ra.kind() == Algorithm.Kind.KEY_AGREEMENT || ra.kind() == Algorithm.Kind.KEY_AGREEMENT_WRAP;
    if (agreement) {
      CBORObject epk = rh.get(HeaderLabel.EPHEMERAL_KEY);
      CoseKey s = epk != null ? ephemeralKey(CoseKey.fromCbor(epk)) : PartyKeys.senderKey(e, i);
      if (s == null) {
        throw new NotApplicable("recipient " + i + " has no sender key");
      }
      sender = s.encode();
      key = key.publicKey();
    }
    return PeerRequests.recipient(
        ra.id(), rh.protectedBytes(), rh.unprotectedMap().encode(), key.encode(), sender);
  }

  /**
   * The ephemeral private key the vector drew: the {@code rng_stream} entry that, as a private key,
   * gives the public key in the -1 header (the library draws one entry per key).
   */
  private CoseKey ephemeralKey(CoseKey epk) throws CoseException, NotApplicable {
    byte[] x = epk.getBytes(KeyLabel.X);
    int len = epk.curve().coordinateLength();
    for (byte[] chunk : e.rngStream()) {
      if (chunk.length != len) {
        continue;
      }
      try {
        CoseKey candidate = KeyPairs.generate(epk.curve(), new RngStream("epk", List.of(chunk)));
        if (Arrays.equals(candidate.getBytes(KeyLabel.X), x)) {
          return candidate;
        }
      } catch (IllegalStateException rejected) {
        // a scalar out of range: the generator drew again, so this entry is not the key
      }
    }
    throw new NotApplicable("the ephemeral private key is not in the vector's rng_stream");
  }

  /**
   * The CEK the vector wrapped: {@code CEK_hex} where recorded, else the first draw of the {@code
   * rng_stream} (the library draws the CEK first).
   */
  private byte[] cek(long contentAlg) throws NotApplicable {
    JsonNode recorded = e.intermediates().path("CEK_hex");
    if (recorded.isTextual()) {
      return HexFormat.of().parseHex(recorded.asText());
    }
    Algorithm a = Algorithm.fromId(contentAlg);
    List<byte[]> rng = e.rngStream();
    if (a == null || a.keyBits() == 0 || rng.isEmpty() || rng.get(0).length < a.keyBits() / 8) {
      throw new NotApplicable("the CEK is not in the vector's rng_stream");
    }
    return Arrays.copyOf(rng.get(0), a.keyBits() / 8);
  }

  /** KDF context values the vector uses without sending them cannot be put in a request. */
  private void requireSentKdfInputs() throws CoseException, NotApplicable {
    for (int i = 0; i < PartyKeys.count(e); i++) {
      KdfInfo k = PartyKeys.unsentKdfInfo(e, i);
      boolean any =
          k.partyUIdentity() != null
              || k.partyUNonce() != null
              || k.partyUOther() != null
              || k.partyVIdentity() != null
              || k.partyVNonce() != null
              || k.partyVOther() != null
              || k.suppPubOther() != null
              || k.suppPrivInfo() != null;
      if (any) {
        throw new NotApplicable("KDF inputs the message does not send are not in protocol v2");
      }
    }
  }

  private static long alg(Headers h) throws NotApplicable {
    CBORObject alg = h.rawAlgorithm();
    if (alg == null || !alg.isNumber()) {
      throw new NotApplicable("alg is not an integer");
    }
    return alg.AsInt64Value();
  }

  private interface Decoding<T> {
    T decode() throws CoseException;
  }

  private static <T> T decoded(Decoding<T> d) throws NotApplicable {
    try {
      return d.decode();
    } catch (CoseException ex) {
      throw new NotApplicable("our decoder refuses the output: " + ex.getMessage());
    }
  }

  private Headers singleHeaders(byte[] data) throws CoseException {
    return switch (e.structure()) {
      case ENCRYPTED -> Encrypt0Message.decode(data, EXAMPLES).headers();
      case MAC0 -> Mac0Message.decode(data, EXAMPLES).headers();
      default -> Sign1Message.decode(data, EXAMPLES).headers();
    };
  }

  private static String createOp(Structure s) {
    return switch (s) {
      case ENCRYPTED -> "encrypt0";
      case SIGN0 -> "sign1";
      case MAC0 -> "mac0";
      case ENVELOPED -> "encrypt";
      case MAC -> "mac";
      case SIGN -> "sign";
    };
  }
}
