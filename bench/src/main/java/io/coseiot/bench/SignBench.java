package io.coseiot.bench;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.JcaKeys;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.message.Sign1Message;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * COSE_Sign1 sign and verify against the bare JCA {@code Signature} over the same Sig_structure.
 *
 * <p>{@code sign} signs and encodes; {@code verify} decodes and verifies. The bare calls keep one
 * {@code Signature} per thread, initialised once with the key (a JCA signature object stays
 * initialised after {@code sign} or {@code verify}), so they measure the signature alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignBench {
  /** The algorithm, by its {@link Algorithm} constant name. */
  @Param({"ES256", "EDDSA"})
  public String alg;

  /** The payload length in bytes. */
  @Param({"16", "64", "256", "1024", "16384"})
  public int size;

  /** The JCA provider: JDK or ACCP. */
  @Param({Fixtures.JDK})
  public String provider;

  private Headers headers;
  private CoseKey privateKey;
  private CoseKey publicKey;
  private byte[] payload;
  private byte[] signed;
  private byte[] toBeSigned;
  private byte[] signature;
  private Signature signer;
  private Signature verifier;

  /**
   * Generates the key pair and one signed message to verify.
   *
   * @throws Exception if the provider or algorithm is missing
   */
  @Setup
  public void setUp() throws Exception {
    Provider p = Fixtures.useProvider(provider);
    Algorithm a = Algorithm.valueOf(alg);
    boolean ecdsa = a == Algorithm.ES256;
    privateKey = KeyPairs.generate(ecdsa ? Curve.P_256 : Curve.ED25519, new SecureRandom());
    publicKey = privateKey.publicKey();
    headers = Fixtures.headers(a, true);
    payload = Fixtures.payload(size);
    Sign1Message m = Sign1Message.sign(privateKey, payload, null, headers);
    signed = m.encode();
    signature = m.signature();
    toBeSigned = sigStructure(headers.authenticatedProtected(), payload);
    String name = ecdsa ? "SHA256withECDSAinP1363Format" : "Ed25519";
    signer = p == null ? Signature.getInstance(name) : Signature.getInstance(name, p);
    verifier = p == null ? Signature.getInstance(name) : Signature.getInstance(name, p);
    signer.initSign(JcaKeys.toPrivateKey(privateKey));
    verifier.initVerify(JcaKeys.toPublicKey(publicKey));
  }

  /** The Sig_structure ["Signature1", protected, h'', payload] the library signs. */
  static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
    return new CborWriter()
        .writeArrayHeader(4)
        .writeText("Signature1")
        .writeBytes(protectedBytes)
        .writeBytes(new byte[0])
        .writeBytes(payload)
        .toByteArray();
  }

  /**
   * Signs and encodes.
   *
   * @return the message
   * @throws CoseException never
   */
  @Benchmark
  public byte[] sign() throws CoseException {
    return Sign1Message.sign(privateKey, payload, null, headers).encode();
  }

  /**
   * Decodes and verifies.
   *
   * @return the decoded message
   * @throws CoseException never
   */
  @Benchmark
  public Sign1Message verify() throws CoseException {
    Sign1Message m = Sign1Message.decode(signed);
    m.verify(publicKey, null);
    return m;
  }

  /**
   * The bare signature over the same Sig_structure.
   *
   * @return the signature
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] signBare() throws GeneralSecurityException {
    signer.update(toBeSigned);
    return signer.sign();
  }

  /**
   * The bare verification of the same signature.
   *
   * @return true
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public boolean verifyBare() throws GeneralSecurityException {
    verifier.update(toBeSigned);
    if (!verifier.verify(signature)) {
      throw new IllegalStateException("signature does not verify");
    }
    return true;
  }
}
