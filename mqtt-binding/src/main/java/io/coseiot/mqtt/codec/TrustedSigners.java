package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.ALGORITHM_NOT_ALLOWED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.AUTHENTICATION_FAILED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.UNKNOWN_KEY;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.primitive.ReceivedMessage;
import io.coseiot.cose.primitive.Sign1Primitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The signers a subscriber trusts, each with its verifying primitive made once, and the signing
 * side's one primitive: the COSE_Sign1 part of the SIGN1 and SIGN1_IN_ENCRYPT0 modes.
 */
final class TrustedSigners {
  /** A trusted signer's public key and its primitive. */
  private record Signer(CoseKey key, Sign1Primitive primitive) {}

  /** A verified payload and the public key that verified it. */
  record Verified(byte[] payload, CoseKey signer) {}

  private final List<Signer> signers;
  private final AlgorithmProfile profile;

  private TrustedSigners(List<Signer> signers, AlgorithmProfile profile) {
    this.signers = signers;
    this.profile = profile;
  }

  static TrustedSigners of(CoseMqttCodec c) throws CoseException {
    List<Signer> out = new ArrayList<>();
    for (CoseKey k : c.trustedSigners) {
      Sign1Primitive p =
          Sign1Primitive.builder(k).algorithm(CoseMqttCodec.signatureAlgorithm(k)).build();
      out.add(new Signer(k, p));
    }
    return new TrustedSigners(List.copyOf(out), c.profile);
  }

  /** The publisher's signing primitive: its key's kid is sent, its alg protected. */
  static Sign1Primitive signing(CoseMqttCodec c) throws CoseException {
    return Sign1Primitive.builder(c.signingKey).algorithm(c.signingAlg).build();
  }

  /**
   * Verifies a COSE_Sign1 from a trusted signer: the kid names the signer, the protected alg must
   * be the profile's for that signer's key.
   *
   * @param where what a MALFORMED message's text starts with, to tell an inner Sign1 apart
   */
  Verified verify(ReceivedMessage m, byte[] externalAad, String where)
      throws RejectedMessageException {
    byte[] kid = OpenChecks.kidOf(m);
    Signer signer = null;
    for (Signer s : signers) {
      if (Arrays.equals(s.key().keyId(), kid)) {
        signer = s;
        break;
      }
    }
    if (signer == null) {
      throw OpenChecks.reject(
          UNKNOWN_KEY, "no trusted signer with kid " + CoseMqttProfile.kidHint(kid));
    }
    Algorithm alg = OpenChecks.protectedAlg(m);
    if (!profile.allows(alg) || alg != signer.primitive().algorithm()) {
      throw OpenChecks.reject(ALGORITHM_NOT_ALLOWED, alg.ianaName() + " for this signer");
    }
    Sign1Primitive p = signer.primitive();
    try {
      return new Verified(p.verify(m, p.prepare(externalAad)), signer.key().publicKey());
    } catch (AuthenticationException | KeyException e) {
      throw new RejectedMessageException(AUTHENTICATION_FAILED, e.getMessage(), e);
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, where + e.getMessage(), e);
    }
  }
}
