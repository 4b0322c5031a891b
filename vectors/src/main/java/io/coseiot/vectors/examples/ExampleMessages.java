package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.CoseMessage;
import io.coseiot.cose.message.DecodeOptions;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.EncryptMessage;
import io.coseiot.cose.message.Mac0Message;
import io.coseiot.cose.message.MacMessage;
import io.coseiot.cose.message.Recipient;
import io.coseiot.cose.message.RecipientKey;
import io.coseiot.cose.message.RecipientSpec;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.cose.message.SignMessage;
import io.coseiot.cose.message.Signature;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The two checks of an example against the core library: {@link #decodeAndCheck} opens {@code
 * output.cbor} with the input's keys; {@link #rebuild} creates the message from the input with the
 * example's randomness; {@link #reencode} decodes and re-encodes the output unchanged. A signer's
 * or recipient's own {@code external} AAD applies to its signature and countersignatures.
 */
final class ExampleMessages {
  private ExampleMessages() {}

  /** Decodes the output and checks content, signatures, MACs and countersignatures. */
  static void decodeAndCheck(Example e) throws CoseException {
    JsonNode s = e.structureInput();
    byte[] out = e.outputCbor();
    byte[] aad = e.externalAad();
    byte[] baseIv = ExampleInputs.baseIv(s);
    Set<Object> crit = critLabels(e);
    byte[] content;
    switch (e.structure()) {
      case ENCRYPTED -> {
        Encrypt0Message m = Encrypt0Message.decode(out, options(crit));
        content = m.decrypt(ExampleInputs.key(s.path("recipients").path(0), baseIv), aad);
        ExampleCountersigners.verify(m, s, aad);
      }
      case ENVELOPED -> {
        EncryptMessage m = EncryptMessage.decode(out, options(crit));
        content = m.decrypt(ExampleInputs.recipientKey(keyHolder(s), baseIv), aad);
        ExampleCountersigners.verify(m, s, aad);
        verifyRecipientCountersignatures(m.recipients(), s, aad);
      }
      case MAC0 -> {
        Mac0Message m = Mac0Message.decode(out, options(crit));
        CoseKey key = ExampleInputs.key(s.path("recipients").path(0), null);
        if (e.detached()) {
          m.verifyDetached(key, e.plaintext(), aad);
          content = detached(e, m);
        } else {
          content = m.verify(key, aad);
        }
        ExampleCountersigners.verify(m, s, aad);
      }
      case MAC -> {
        MacMessage m = MacMessage.decode(out, options(crit));
        RecipientKey key = ExampleInputs.recipientKey(keyHolder(s), null);
        if (e.detached()) {
          m.verifyDetached(key, e.plaintext(), aad);
          content = detached(e, m);
        } else {
          content = m.verify(key, aad);
        }
        ExampleCountersigners.verify(m, s, aad);
        verifyRecipientCountersignatures(m.recipients(), s, aad);
      }
      case SIGN0 -> {
        Sign1Message m = Sign1Message.decode(out, options(crit));
        if (e.detached()) {
          m.verifyDetached(ExampleInputs.key(s, null), e.plaintext(), aad);
          content = detached(e, m);
        } else {
          content = m.verify(ExampleInputs.key(s, null), aad);
        }
        ExampleCountersigners.verify(m, s, aad);
      }
      default -> {
        SignMessage m = SignMessage.decode(out, options(crit));
        JsonNode signers = s.path("signers");
        if (signers.size() != m.signatures().size()) {
          throw new StructureException(
              "expected " + signers.size() + " signature(s), found " + m.signatures().size());
        }
        byte[] verified = null;
        for (int i = 0; i < signers.size(); i++) {
          Signature sig = m.signatures().get(i);
          CoseKey key = ExampleInputs.key(signers.get(i), null);
          byte[] signerAad = ExampleInputs.external(signers.get(i), aad);
          if (e.detached()) {
            m.verifyDetached(key, sig, e.plaintext(), signerAad);
          } else {
            verified = m.verify(key, sig, signerAad);
          }
          ExampleCountersigners.verify(sig, signers.get(i), signerAad);
        }
        content = e.detached() ? detached(e, m) : verified;
        ExampleCountersigners.verify(m, s, aad);
      }
    }
    if (!Arrays.equals(content, e.plaintext())) {
      throw new StructureException("content differs from the example's plaintext");
    }
  }

  /**
   * The content a detached example carries apart: its plaintext, once the message was checked to
   * send nil in its place.
   */
  private static byte[] detached(Example e, CoseMessage<?> m) throws StructureException {
    if (!m.isDetached()) {
      throw new StructureException("detached example whose message carries the payload");
    }
    return e.plaintext();
  }

  /**
   * The strict options with the example's own crit labels, and alg allowed unprotected: RFC 9052
   * permits it, and some working group examples send it so.
   */
  private static DecodeOptions options(Set<Object> crit) {
    return DecodeOptions.strict().withUnderstoodLabels(crit).allowUnprotectedAlg();
  }

  /** The first recipient that holds a key, looking into nested recipients (three layers). */
  private static JsonNode keyHolder(JsonNode s) {
    JsonNode r = s.path("recipients").path(0);
    while (!r.has("key") && r.has("recipients")) {
      r = r.path("recipients").path(0);
    }
    return r;
  }

  /** Labels the example's input names in crit: the application understands them. */
  private static Set<Object> critLabels(Example e) throws CoseException {
    Set<Object> out = new HashSet<>();
    collectCrit(e.input(), out);
    return out;
  }

  private static void collectCrit(JsonNode node, Set<Object> out) throws CoseException {
    JsonNode crit = node.path("protected").path("crit");
    if (crit.isArray()) {
      CBORObject labels = ExampleHeaders.bucket(node, "protected").get(HeaderLabel.CRIT);
      for (int i = 0; i < labels.size(); i++) {
        CBORObject l = labels.get(i);
        out.add(l.getType() == CBORType.TextString ? l.AsString() : (Object) l.AsInt64Value());
      }
    }
    for (JsonNode child : node) {
      if (child.isContainerNode()) {
        collectCrit(child, out);
      }
    }
  }

  private static void verifyRecipientCountersignatures(
      List<Recipient> recipients, JsonNode s, byte[] aad) throws CoseException {
    JsonNode inputs = s.path("recipients");
    for (int i = 0; i < recipients.size() && i < inputs.size(); i++) {
      JsonNode r = inputs.get(i);
      ExampleCountersigners.verify(recipients.get(i), r, ExampleInputs.external(r, aad));
    }
  }

  /** Decodes the output and encodes it again, tagged as the output is. */
  static byte[] reencode(Example e) throws CoseException {
    byte[] out = e.outputCbor();
    boolean tagged = (out[0] & 0xE0) == 0xC0;
    Set<Object> crit = critLabels(e);
    return switch (e.structure()) {
      case ENCRYPTED -> Encrypt0Message.decode(out, options(crit)).encode(tagged);
      case ENVELOPED -> EncryptMessage.decode(out, options(crit)).encode(tagged);
      case MAC0 -> Mac0Message.decode(out, options(crit)).encode(tagged);
      case MAC -> MacMessage.decode(out, options(crit)).encode(tagged);
      case SIGN0 -> Sign1Message.decode(out, options(crit)).encode(tagged);
      case SIGN -> SignMessage.decode(out, options(crit)).encode(tagged);
    };
  }

  /** Creates the message from the input, drawing randomness from the example's stream. */
  static byte[] rebuild(Example e, boolean tagged) throws CoseException {
    JsonNode s = e.structureInput();
    byte[] aad = e.externalAad();
    byte[] pt = e.plaintext();
    SecureRandom rng = e.rng();
    byte[] baseIv = ExampleInputs.baseIv(s);
    Headers body = ExampleInputs.bodyHeaders(e);
    switch (e.structure()) {
      case ENCRYPTED -> {
        Encrypt0Message m =
            Encrypt0Message.encryptForTestVectors(
                ExampleInputs.key(s.path("recipients").path(0), baseIv), pt, aad, body, rng);
        return ExampleCountersigners.apply(m, s, aad).encode(tagged);
      }
      case ENVELOPED -> {
        EncryptMessage m =
            EncryptMessage.encryptForTestVectors(specs(s, baseIv), pt, aad, body, rng);
        m = ExampleCountersigners.apply(m, s, aad);
        for (int i = 0; i < m.recipients().size(); i++) {
          JsonNode r = s.path("recipients").path(i);
          byte[] recipientAad = ExampleInputs.external(r, aad);
          m =
              m.withRecipient(
                  i, ExampleCountersigners.apply(m.recipients().get(i), r, recipientAad));
        }
        return m.encode(tagged);
      }
      case MAC0 -> {
        Mac0Message m =
            Mac0Message.createForTestVectors(
                ExampleInputs.key(s.path("recipients").path(0), null), pt, aad, body);
        m = ExampleCountersigners.apply(m, s, aad);
        return (e.detached() ? m.detach() : m).encode(tagged);
      }
      case MAC -> {
        MacMessage m = MacMessage.createForTestVectors(specs(s, null), pt, aad, body, rng);
        m = ExampleCountersigners.apply(m, s, aad);
        for (int i = 0; i < m.recipients().size(); i++) {
          JsonNode r = s.path("recipients").path(i);
          byte[] recipientAad = ExampleInputs.external(r, aad);
          m =
              m.withRecipient(
                  i, ExampleCountersigners.apply(m.recipients().get(i), r, recipientAad));
        }
        return (e.detached() ? m.detach() : m).encode(tagged);
      }
      case SIGN0 -> {
        Sign1Message m = Sign1Message.signForTestVectors(ExampleInputs.key(s, null), pt, aad, body);
        m = ExampleCountersigners.apply(m, s, aad);
        return (e.detached() ? m.detach() : m).encode(tagged);
      }
      default -> {
        List<SignMessage.Signer> signers = new ArrayList<>();
        for (JsonNode g : s.path("signers")) {
          signers.add(
              SignMessage.Signer.forTestVectors(
                  ExampleInputs.key(g, null), ExampleInputs.headers(g)));
        }
        SignMessage m = SignMessage.sign(signers, pt, aad, body);
        for (int i = 0; i < m.signatures().size(); i++) {
          JsonNode g = s.path("signers").path(i);
          byte[] signerAad = ExampleInputs.external(g, aad);
          Signature sig = m.signatures().get(i);
          if (!Arrays.equals(signerAad, aad)) {
            // A signer with its own external AAD signs a Sig_structure of its own.
            sig =
                SignMessage.sign(List.of(signers.get(i)), pt, signerAad, body).signatures().get(0);
          }
          m = m.withSignature(i, ExampleCountersigners.apply(sig, g, signerAad));
        }
        m = ExampleCountersigners.apply(m, s, aad);
        return (e.detached() ? m.detach() : m).encode(tagged);
      }
    }
  }

  private static List<RecipientSpec> specs(JsonNode s, byte[] baseIv) throws CoseException {
    List<RecipientSpec> out = new ArrayList<>();
    for (JsonNode r : s.path("recipients")) {
      out.add(ExampleInputs.recipientSpec(r, baseIv));
    }
    return out;
  }
}
