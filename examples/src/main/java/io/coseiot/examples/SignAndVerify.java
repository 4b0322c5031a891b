package io.coseiot.examples;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.Sign1Message;

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
    CoseKey signer = CoseKey.generate(Algorithm.ES256);
    CoseKey publicKey = verifier != null ? verifier : signer.publicKey();
    byte[] signed = Sign1Message.sign(signer, payload, null).encode();
    // verify returns the payload, or throws AuthenticationException: nothing unverified is read
    byte[] verified = Sign1Message.decode(signed).verify(publicKey, null);
    // README:end
    return verified;
  }
}
