package io.coseiot.vectors.generate;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA with the nonce of RFC 6979, so that ES256/384/512 and ESP256/384/512 vectors are the same
 * bytes on every run (the library signs with a random nonce, as it should).
 */
final class DeterministicEcdsa {
  private DeterministicEcdsa() {}

  /** Whether alg is ECDSA, polymorphic or fully specified (RFC 9864), and so signed here. */
  static boolean isEcdsa(Algorithm alg) {
    return switch (alg) {
      case ES256, ES384, ES512, ESP256, ESP384, ESP512 -> true;
      default -> false;
    };
  }

  static byte[] sign(Algorithm alg, CoseKey key, byte[] toBeSigned) throws CoseException {
    Digest digest =
        switch (alg) {
          case ES256, ESP256 -> new SHA256Digest();
          case ES384, ESP384 -> new SHA384Digest();
          case ES512, ESP512 -> new SHA512Digest();
          default -> throw new IllegalArgumentException(alg + " is not ECDSA");
        };
    byte[] hash = new byte[digest.getDigestSize()];
    digest.update(toBeSigned, 0, toBeSigned.length);
    digest.doFinal(hash, 0);
    X9ECParameters x9 = CustomNamedCurves.getByName(key.curve().jcaName());
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(digest));
    signer.init(
        true,
        new ECPrivateKeyParameters(
            new BigInteger(1, key.getBytes(KeyLabel.D)), new ECDomainParameters(x9)));
    BigInteger[] rs = signer.generateSignature(hash);
    int len = key.curve().coordinateLength();
    byte[] out = new byte[2 * len];
    put(rs[0], out, 0, len);
    put(rs[1], out, len, len);
    return out;
  }

  private static void put(BigInteger v, byte[] out, int off, int len) {
    byte[] b = v.toByteArray();
    int n = Math.min(b.length, len);
    System.arraycopy(b, b.length - n, out, off + len - n, n);
  }

  /** Replaces the one occurrence of {@code from} in {@code data} by {@code to} (same length). */
  static byte[] replace(byte[] data, byte[] from, byte[] to) {
    outer:
    for (int i = 0; i + from.length <= data.length; i++) {
      for (int j = 0; j < from.length; j++) {
        if (data[i + j] != from[j]) {
          continue outer;
        }
      }
      byte[] out = data.clone();
      System.arraycopy(to, 0, out, i, to.length);
      return out;
    }
    throw new IllegalStateException("signature not found in the encoding");
  }
}
