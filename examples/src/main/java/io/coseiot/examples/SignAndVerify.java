package io.coseiot.examples;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.message.Sign1Message;
import java.security.SecureRandom;

/** Signs a payload as a COSE_Sign1 with an ES256 key pair, and verifies it. */
public final class SignAndVerify {
  private SignAndVerify() {}

  /**
   * Signs with a fresh P-256 key, then verifies the encoded message with the public key.
   *
   * @param payload the content
   * @param verifier the public key to verify with, or null for the signer's own
   * @return the payload of the verified message
   * @throws CoseException if signing fails, or the signature does not verify under the key
   */
  public static byte[] run(byte[] payload, CoseKey verifier) throws CoseException {
    // README:begin
    CoseKey signer = KeyPairs.generate(Curve.P_256, new SecureRandom());
    CoseKey publicKey = verifier != null ? verifier : signer.publicKey();
    CBORObject alg = CBORObject.FromObject(Algorithm.ES256.id());
    Headers headers =
        Headers.of(HeaderMap.builder().set(HeaderLabel.ALG, alg).build(), HeaderMap.empty());

    byte[] signed = Sign1Message.sign(headers, payload, signer, null).encode();
    Sign1Message received = Sign1Message.decode(signed);
    received.verify(publicKey, null); // throws AuthenticationException if it does not verify
    byte[] verified = received.payload();
    // README:end
    return verified;
  }
}
