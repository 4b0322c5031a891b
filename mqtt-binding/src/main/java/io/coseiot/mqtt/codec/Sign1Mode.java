package io.coseiot.mqtt.codec;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.message.MessageType;
import io.coseiot.cose.primitive.ReceivedMessage;
import io.coseiot.cose.primitive.Sign1Primitive;
import java.util.Map;

/**
 * {@link SealMode#SIGN1}: COSE_Sign1 under the publisher's private key, through core's {@link
 * Sign1Primitive}, bound to the topic with epoch 0. A keyring, if any, only obfuscates topics.
 */
final class Sign1Mode implements ModeStrategy {
  @Override
  public Sealing sealing(CoseMqttCodec c) throws CoseException {
    c.require(c.signingKey != null, "a signing key");
    Sign1Primitive signer = TrustedSigners.signing(c);
    Map<String, String> props =
        Map.of(CoseMqttProfile.KID_PROPERTY, CoseMqttProfile.kidHint(c.signingKey.keyId()));
    return (topic, wireTopic, content) ->
        new Sealed(
            signer.sign(content, signer.prepare(CoseMqttProfile.externalAad(wireTopic, 0))), props);
  }

  @Override
  public Opening opening(CoseMqttCodec c, OpenChecks checks) throws CoseException {
    c.require(!c.trustedSigners.isEmpty(), "trusted signers");
    TrustedSigners trusted = TrustedSigners.of(c);
    return (wireTopic, payload, hint) -> {
      ReceivedMessage m = OpenChecks.parse(MessageType.SIGN1, payload, "");
      byte[] kid = OpenChecks.kidOf(m);
      try {
        OpenChecks.checkHint(hint, kid);
        TrustedSigners.Verified v =
            trusted.verify(m, CoseMqttProfile.externalAad(wireTopic, 0), "");
        TopicEnvelope envelope = checks.envelope(wireTopic, v.payload(), null);
        checks.acceptUnique(kid, m.tag(), "signature");
        return OpenChecks.opened(wireTopic, v.payload(), envelope, kid, 0, null, -1, v.signer());
      } catch (RejectedMessageException e) {
        throw e.withKeyId(kid);
      }
    };
  }
}
