package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.cose.primitive.Encrypt0Primitive;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGN1_IN_ENCRYPT0's inner COSE_Sign1, decrypted under the right key but itself at fault: the
 * rejection is MALFORMED and says that the inner message is the one at fault.
 */
class InnerSign1Test {
  private final CoseMqttCodec[] codecs;
  private final Keyring keyring;

  InnerSign1Test() throws Exception {
    codecs = Modes.codecs(Modes.Config.SIGN1_IN_ENCRYPT0_COUNTER);
    keyring = codecs[1].keyring;
  }

  /** Encrypts an inner message as a publisher would, under the topic's key and external_aad. */
  private byte[] sealed(byte[] inner) throws Exception {
    TopicKey key = keyring.primary(Fixtures.TOPIC);
    Encrypt0Primitive p = Encrypt0Primitive.builder(TopicPrimitive.coseKey(key)).build();
    return p.seal(inner, p.prepare(CoseMqttProfile.externalAad(Fixtures.TOPIC, key.epoch())));
  }

  private RejectedMessageException rejected(byte[] payload) throws Exception {
    PayloadOpener opener = codecs[1].opener();
    return assertThrows(
        RejectedMessageException.class, () -> opener.open(Fixtures.TOPIC, payload, null, Map.of()));
  }

  @Test
  void aWellFormedMessageOpens() throws Exception {
    SealedMessage m = codecs[0].sealer().seal(Fixtures.TOPIC, new byte[] {1, 2});
    OpenedMessage o =
        codecs[1].opener().open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    assertArrayEquals(new byte[] {1, 2}, o.plaintext());
    assertEquals(Modes.SIGNER.publicKey(), o.signer());
  }

  @Test
  void aDetachedInnerPayloadIsMalformedAndSaysInner() throws Exception {
    TopicKey key = keyring.primary(Fixtures.TOPIC);
    byte[] inner =
        Sign1Message.signForTestVectors(
                Modes.SIGNER,
                new byte[] {1},
                CoseMqttProfile.externalAad(Fixtures.TOPIC, key.epoch()),
                Headers.of(
                    HeaderMap.builder().algorithm(Algorithm.ES256).build(),
                    HeaderMap.builder().keyId(Modes.SIGNER.keyId()).build()))
            .detach()
            .encode(true);
    RejectedMessageException e = rejected(sealed(inner));
    assertEquals(MALFORMED, e.reason());
    assertTrue(e.getMessage().startsWith("MALFORMED: inner Sign1: "), e.getMessage());
  }

  @Test
  void anInnerAlgOnlyUnprotectedIsRefused() throws Exception {
    TopicKey key = keyring.primary(Fixtures.TOPIC);
    byte[] inner =
        Sign1Message.signForTestVectors(
                Modes.SIGNER,
                new byte[] {1},
                CoseMqttProfile.externalAad(Fixtures.TOPIC, key.epoch()),
                Headers.of(
                    HeaderMap.empty(),
                    HeaderMap.builder()
                        .algorithm(Algorithm.ES256)
                        .keyId(Modes.SIGNER.keyId())
                        .build()))
            .encode(true);
    RejectedMessageException e = rejected(sealed(inner));
    assertEquals(MALFORMED, e.reason());
    assertTrue(e.getMessage().contains("alg is missing from the protected header"), e.getMessage());
  }
}
