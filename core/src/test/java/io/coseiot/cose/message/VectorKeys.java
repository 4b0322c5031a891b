package io.coseiot.cose.message;

import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import java.util.HexFormat;
import java.util.List;

/**
 * The keys of the COSE WG examples that most of the fuzz seeds were made with (and Ed25519 from RFC
 * 8032's first test), so that a mutated seed still meets the key it was sealed for and the fuzzer
 * reaches the cryptographic checks, not only the decoder.
 */
final class VectorKeys {
  /** Symmetric: "our-secret" (256 and 128 bits) and "sec-256". */
  static final List<CoseKey> SYMMETRIC =
      List.of(
          symmetric("849b57219dae48de646d07dbb533566e976686457c1491be3a76dcea6c427188"),
          symmetric("849b57219dae48de646d07dbb533566e"),
          symmetric("0f1e2d3c4b5a69788796a5b4c3d2e1f01f2e3d4c5b6a798897a6b5c4d3e2f100"));

  /** The P-256 signer "11" of the examples, with its private part. */
  static final CoseKey P256_11 =
      ec2(
          "bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff",
          "20138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e",
          "57c92077664146e876760c9520d054aa93c3afb04e306705db6090308507b4d3");

  /** The ECDH recipient "meriadoc.brandybuck@buckland.example" (P-256), with its private part. */
  static final CoseKey MERIADOC =
      ec2(
          "65eda5a12577c2bae829437fe338701a10aaa375e1bb5b5de108de439c08551d",
          "1e52ed75701163f7f9e40ddf9f341b3dc9ba860af7e0ca7ca7e9eecd0084d19c",
          "aff907c99f9ad3aae6c4cdf21122bce2bd68b5283e6907154ad911840fa208cf");

  /** RFC 8032 section 7.1, test 1. */
  static final CoseKey ED25519 =
      CoseKey.builder(KeyType.OKP)
          .curve(Curve.ED25519)
          .setBytes(
              KeyLabel.X, hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
          .setBytes(
              KeyLabel.D, hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
          .build();

  /** The keys a signature or countersignature is checked against. */
  static final List<CoseKey> SIGNERS = List.of(P256_11, ED25519);

  /** The keys a COSE_Encrypt or COSE_Mac recipient is opened with. */
  static final List<RecipientKey> RECIPIENTS =
      List.of(
          RecipientKey.of(SYMMETRIC.get(0)),
          RecipientKey.of(SYMMETRIC.get(1)),
          RecipientKey.of(SYMMETRIC.get(2)),
          RecipientKey.of(MERIADOC));

  private VectorKeys() {}

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static CoseKey symmetric(String k) {
    return CoseKey.symmetric(hex(k)).build();
  }

  private static CoseKey ec2(String x, String y, String d) {
    return CoseKey.builder(KeyType.EC2)
        .curve(Curve.P_256)
        .setBytes(KeyLabel.X, hex(x))
        .setBytes(KeyLabel.Y, hex(y))
        .setBytes(KeyLabel.D, hex(d))
        .build();
  }
}
