package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.ALGORITHM_NOT_ALLOWED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.AUTHENTICATION_FAILED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.KEY_ID_MISMATCH;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.UNKNOWN_KEY;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.DecodeOptions;
import io.coseiot.cose.message.EncryptMessage;
import io.coseiot.cose.message.Recipient;
import io.coseiot.cose.message.RecipientKey;
import io.coseiot.cose.message.RecipientSpec;
import io.coseiot.cose.message.TagPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link SealMode#ENCRYPT_ECDH}: COSE_Encrypt through core's {@link EncryptMessage}, one ECDH-ES +
 * HKDF-256 recipient (or ECDH-ES + A128KW recipients, when several) per trusted subscriber.
 */
final class EncryptEcdhMode implements ModeStrategy {
  @Override
  public Sealing sealing(CoseMqttCodec c) throws CoseException {
    c.require(!c.recipients.isEmpty(), "recipients");
    Algorithm ka = c.recipients.size() == 1 ? Algorithm.ECDH_ES_HKDF_256 : Algorithm.ECDH_ES_A128KW;
    List<RecipientSpec> specs = new ArrayList<>();
    StringBuilder hint = new StringBuilder();
    for (CoseKey r : c.recipients) {
      specs.add(
          RecipientSpec.of(
              Headers.of(
                  HeaderMap.builder().algorithm(ka).build(),
                  HeaderMap.builder().keyId(r.keyId()).build()),
              r));
      hint.append(hint.length() == 0 ? "" : ",").append(CoseMqttProfile.kidHint(r.keyId()));
    }
    List<RecipientSpec> recipients = List.copyOf(specs);
    Headers headers =
        Headers.of(HeaderMap.builder().algorithm(c.contentAlgorithm).build(), HeaderMap.empty());
    Map<String, String> props = Map.of(CoseMqttProfile.KID_PROPERTY, hint.toString());
    return (topic, wireTopic, content) ->
        new Sealed(
            EncryptMessage.encrypt(
                    recipients, content, CoseMqttProfile.externalAad(wireTopic, 0), headers)
                .encode(true),
            props);
  }

  @Override
  public Opening opening(CoseMqttCodec c, OpenChecks checks) throws CoseException {
    c.require(!c.recipientKeys.isEmpty(), "recipient private keys");
    return (wireTopic, payload, hint) -> open(c, checks, wireTopic, payload, hint);
  }

  private static OpenedMessage open(
      CoseMqttCodec c, OpenChecks checks, String wireTopic, byte[] payload, String hint)
      throws RejectedMessageException {
    EncryptMessage msg;
    try {
      msg =
          EncryptMessage.decode(payload, DecodeOptions.strict().withTagPolicy(TagPolicy.REQUIRED));
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
    }
    StringBuilder kids = new StringBuilder();
    CoseKey mine = null;
    for (Recipient r : msg.recipients()) {
      byte[] rkid = r.headers().getBytes(HeaderLabel.KID);
      if (rkid == null || rkid.length == 0) {
        throw OpenChecks.reject(MALFORMED, "no kid header (or not a bstr)");
      }
      kids.append(kids.length() == 0 ? "" : ",").append(CoseMqttProfile.kidHint(rkid));
      Algorithm ra = protectedAlg(r.headers());
      for (CoseKey k : c.recipientKeys) {
        if (mine == null && Arrays.equals(k.keyId(), rkid)) {
          if (!c.profile.allows(ra)) {
            throw OpenChecks.reject(ALGORITHM_NOT_ALLOWED, ra.ianaName());
          }
          mine = k;
        }
      }
    }
    if (hint != null && !hint.equals(kids.toString())) {
      throw OpenChecks.reject(
          KEY_ID_MISMATCH, "cose-kid property " + hint + " differs from " + kids);
    }
    if (mine == null) {
      throw OpenChecks.reject(UNKNOWN_KEY, "no recipient for any of our keys: " + kids);
    }
    Algorithm alg = protectedAlg(msg.headers());
    if (!c.profile.allows(alg)) {
      throw OpenChecks.reject(ALGORITHM_NOT_ALLOWED, alg.ianaName());
    }
    byte[] iv = msg.headers().unprotectedMap().getBytes(HeaderLabel.IV);
    if (iv == null) {
      throw OpenChecks.reject(MALFORMED, "no IV");
    }
    byte[] content;
    try {
      content = msg.decrypt(RecipientKey.of(mine), CoseMqttProfile.externalAad(wireTopic, 0));
    } catch (AuthenticationException | KeyException e) {
      throw new RejectedMessageException(AUTHENTICATION_FAILED, e.getMessage(), e);
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
    }
    TopicEnvelope envelope = checks.envelope(wireTopic, content, null);
    checks.acceptUnique(mine.keyId(), iv, "IV");
    return OpenChecks.opened(wireTopic, content, envelope, mine.keyId(), 0, null, -1, null);
  }

  private static Algorithm protectedAlg(Headers h) throws RejectedMessageException {
    Algorithm alg = h.protectedMap().algorithm();
    if (alg == null) {
      throw OpenChecks.reject(MALFORMED, "alg is missing from the protected header or unknown");
    }
    return alg;
  }
}
