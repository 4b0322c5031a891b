package io.coseiot.mqtt.codec;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.message.MessageType;
import io.coseiot.cose.primitive.Sign1Primitive;

/**
 * {@link SealMode#SIGN1_IN_ENCRYPT0}: a tagged COSE_Sign1 under the publisher's key as the
 * plaintext of {@link Encrypt0Mode}'s COSE_Encrypt0; both bound to the topic and the key's epoch.
 */
final class Sign1InEncrypt0Mode extends Encrypt0Mode {
  @Override
  InnerSeal innerSeal(CoseMqttCodec c) throws CoseException {
    c.require(c.signingKey != null, "a signing key");
    Sign1Primitive signer = TrustedSigners.signing(c);
    return (wireTopic, key, content) ->
        signer.sign(content, signer.prepare(CoseMqttProfile.externalAad(wireTopic, key.epoch())));
  }

  @Override
  void requireOpening(CoseMqttCodec c) throws CoseException {
    c.require(c.keyring != null && !c.trustedSigners.isEmpty(), "a keyring and trusted signers");
  }

  @Override
  InnerOpen innerOpen(CoseMqttCodec c) throws CoseException {
    TrustedSigners trusted = TrustedSigners.of(c);
    return (wireTopic, key, decrypted) ->
        trusted.verify(
            OpenChecks.parse(MessageType.SIGN1, decrypted, "inner Sign1: "),
            CoseMqttProfile.externalAad(wireTopic, key.epoch()),
            "inner Sign1: ");
  }
}
