package io.coseiot.bench;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SecureRandoms;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.primitive.Aad;
import io.coseiot.cose.primitive.Encrypt0Primitive;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * COSE_Encrypt0 seal and open against the bare AEAD call over the same bytes.
 *
 * <p>{@code seal} is the library's default, {@code Encrypt0Message.encrypt(key, ...)}: the key's
 * alg and kid as headers, a random 12- or 13-byte IV drawn inside the timed call from {@link
 * SecureRandoms#fastDrbg()}, then encrypt and encode. {@code sealDefaultRandom} is the same with
 * {@code new SecureRandom()} (NativePRNG on Linux), the source used before, kept to show the
 * difference; a caller's random source is a test-vector API now. {@code sealCounter} is a Partial
 * IV combined with the key's Base IV through the keyed {@link Encrypt0Primitive} (the library's
 * Partial IV path since the message API takes a caller's IV only for test vectors; the MQTT codec's
 * counter mode is this primitive with OSCORE nonces). All include encoding. {@code open} decodes
 * and decrypts.
 *
 * <p>The bare calls are one cipher kept per thread (a JCA {@code Cipher} for AES-GCM, Bouncy
 * Castle's CCM for AES-CCM, the engine the library uses), initialised per call with a fresh nonce,
 * fed the Enc_structure as AAD and the plaintext: the limit for the message code. The bare seal's
 * nonce is a counter incremented in place (a few nanoseconds, no random source): its timing holds
 * nothing but the cipher call, while the library's {@code seal} also pays for its random IV.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AeadBench {
  /** The algorithm, by its {@link Algorithm} constant name. */
  @Param({"A128GCM", "AES_CCM_16_64_128"})
  public String alg;

  /** The plaintext length in bytes. */
  @Param({"16", "64", "256", "1024", "16384"})
  public int size;

  /** The JCA provider: JDK or ACCP. */
  @Param({Fixtures.JDK})
  public String provider;

  private CoseKey key;
  private Headers headers;
  private Encrypt0Primitive counterPrimitive;
  private Aad noAad;
  private byte[] plaintext;
  private SecureRandom random;
  private SecureRandom defaultRandom;
  private long counter;
  private byte[] sealed;

  private boolean gcm;
  private int tagBits;
  private byte[] nonce;
  private byte[] aad;
  private byte[] sealedNonce;
  private byte[] sealedCiphertext;
  private Cipher jcaCipher;
  private SecretKeySpec jcaKey;
  private CCMModeCipher ccm;
  private KeyParameter ccmKey;

  /**
   * Builds the key, headers and one sealed message to open.
   *
   * @throws Exception if the provider or algorithm is missing
   */
  @Setup
  public void setUp() throws Exception {
    Provider p = Fixtures.useProvider(provider);
    Algorithm a = Algorithm.valueOf(alg);
    AeadCipher cipher = AeadCipher.of(a);
    key = Fixtures.secretKey(a, cipher.nonceLength());
    headers = Fixtures.headers(a, true);
    counterPrimitive = Encrypt0Primitive.builder(key).build();
    noAad = counterPrimitive.prepare(null);
    plaintext = Fixtures.payload(size);
    random = SecureRandoms.fastDrbg();
    defaultRandom = new SecureRandom();
    Encrypt0Message m = Encrypt0Message.encrypt(key, plaintext, null);
    sealed = m.encode();

    gcm = a == Algorithm.A128GCM;
    tagBits = cipher.tagLength() * 8;
    nonce = new byte[cipher.nonceLength()];
    random.nextBytes(nonce);
    aad = encStructure(headers.authenticatedProtected());
    sealedNonce = m.headers().getBytes(HeaderLabel.IV);
    sealedCiphertext = m.ciphertext();
    byte[] k = key.getBytes(KeyLabel.K);
    if (gcm) {
      jcaCipher =
          p == null
              ? Cipher.getInstance("AES/GCM/NoPadding")
              : Cipher.getInstance("AES/GCM/NoPadding", p);
      jcaKey = new SecretKeySpec(k, "AES");
    } else {
      ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
      ccmKey = new KeyParameter(k);
    }
  }

  /** The Enc_structure ["Encrypt0", protected, h''] the library authenticates. */
  static byte[] encStructure(byte[] protectedBytes) {
    return new CborWriter()
        .writeArrayHeader(3)
        .writeText("Encrypt0")
        .writeBytes(protectedBytes)
        .writeBytes(new byte[0])
        .toByteArray();
  }

  /**
   * Seals with a random IV and encodes.
   *
   * @return the message
   * @throws CoseException never
   */
  @Benchmark
  public byte[] seal() throws CoseException {
    return Encrypt0Message.encrypt(key, plaintext, null).encode();
  }

  /**
   * Seals with a random IV from {@code new SecureRandom()} and encodes: the seal path before {@link
   * SecureRandoms#fastDrbg()}.
   *
   * @return the message
   * @throws CoseException never
   */
  @Benchmark
  public byte[] sealDefaultRandom() throws CoseException {
    return Encrypt0Message.encryptForTestVectors(key, plaintext, null, headers, defaultRandom)
        .encode();
  }

  /**
   * Seals with the next Partial IV of a counter and encodes.
   *
   * @return the message
   * @throws CoseException never
   */
  @Benchmark
  public byte[] sealCounter() throws CoseException {
    return counterPrimitive.sealWithPartialIv(Fixtures.partialIv(++counter), plaintext, noAad);
  }

  /**
   * Decodes and decrypts.
   *
   * @return the plaintext
   * @throws CoseException never
   */
  @Benchmark
  public byte[] open() throws CoseException {
    return Encrypt0Message.decode(sealed).decrypt(key, null);
  }

  /**
   * The bare cipher: encrypt the same plaintext and AAD under a fresh nonce.
   *
   * @return ciphertext and tag
   * @throws GeneralSecurityException never
   * @throws InvalidCipherTextException never
   */
  @Benchmark
  public byte[] sealBare() throws GeneralSecurityException, InvalidCipherTextException {
    // A new nonce per call, as the JDK refuses to encrypt twice under one key and nonce.
    for (int i = nonce.length - 1; i >= 0 && ++nonce[i] == 0; i--) {}
    return run(true, nonce, plaintext);
  }

  /**
   * The bare cipher: check and decrypt the sealed message's ciphertext.
   *
   * @return the plaintext
   * @throws GeneralSecurityException never
   * @throws InvalidCipherTextException never
   */
  @Benchmark
  public byte[] openBare() throws GeneralSecurityException, InvalidCipherTextException {
    return run(false, sealedNonce, sealedCiphertext);
  }

  private byte[] run(boolean encrypt, byte[] iv, byte[] in)
      throws GeneralSecurityException, InvalidCipherTextException {
    if (gcm) {
      jcaCipher.init(
          encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
          jcaKey,
          new GCMParameterSpec(tagBits, iv));
      jcaCipher.updateAAD(aad);
      return jcaCipher.doFinal(in);
    }
    ccm.init(encrypt, new AEADParameters(ccmKey, tagBits, iv, aad));
    byte[] out = new byte[ccm.getOutputSize(in.length)];
    int n = ccm.processBytes(in, 0, in.length, out, 0);
    ccm.doFinal(out, n);
    return out;
  }
}
