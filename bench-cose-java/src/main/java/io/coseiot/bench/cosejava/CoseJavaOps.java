package io.coseiot.bench.cosejava;

import COSE.AlgorithmID;
import COSE.Attribute;
import COSE.CoseException;
import COSE.Encrypt0Message;
import COSE.HeaderKeys;
import COSE.MAC0Message;
import COSE.Message;
import COSE.MessageTag;
import COSE.OneKey;
import COSE.Sign1Message;
import com.upokecenter.cbor.CBORObject;
import java.util.concurrent.Callable;

/**
 * COSE-JAVA 1.1.0 doing the operations the benchmarks time, each behind a {@link Callable} so that
 * the benchmark (in another class loader) calls it through a JDK interface, without reflection on
 * the timed path.
 *
 * <p>Every operation is what a COSE-JAVA user writes: a new message object per message, headers
 * {@code alg} protected and {@code kid} unprotected, tagged, then encoded; opening decodes and
 * decrypts or validates. COSE-JAVA draws the random IV of an Encrypt0 itself (a {@code new
 * SecureRandom()} per message object), so its seal includes IV generation, like the library's.
 */
public final class CoseJavaOps {
  private CoseJavaOps() {}

  /**
   * Prepares one operation on one payload.
   *
   * @param op {@code seal} or {@code open} (Encrypt0 A128GCM), {@code sign} or {@code verify}
   *     (Sign1 ES256), {@code create} or {@code verifyMac} (Mac0 HMAC 256/64)
   * @param payload the plaintext or payload
   * @param secret the symmetric key for Encrypt0 (16 bytes) and Mac0 (32 bytes); unused for Sign1
   * @param kid the key id put in the unprotected bucket
   * @return the operation; each call performs it once and returns the message or content
   * @throws Exception if COSE-JAVA refuses the setup
   */
  public static Callable<byte[]> prepare(String op, byte[] payload, byte[] secret, byte[] kid)
      throws Exception {
    switch (op) {
      case "seal":
        return () -> seal(payload, secret, kid);
      case "open":
        {
          byte[] sealed = seal(payload, secret, kid);
          return () -> open(sealed, secret);
        }
      case "sign":
        {
          OneKey key = OneKey.generateKey(AlgorithmID.ECDSA_256);
          return () -> sign(payload, key, kid);
        }
      case "verify":
        {
          OneKey key = OneKey.generateKey(AlgorithmID.ECDSA_256);
          OneKey pub = key.PublicKey();
          byte[] signed = sign(payload, key, kid);
          return () -> verify(signed, pub);
        }
      case "create":
        return () -> mac(payload, secret, kid);
      case "verifyMac":
        {
          byte[] maced = mac(payload, secret, kid);
          return () -> verifyMac(maced, secret);
        }
      default:
        throw new IllegalArgumentException("unknown op " + op);
    }
  }

  private static void headers(Message m, AlgorithmID alg, byte[] kid) throws CoseException {
    m.addAttribute(HeaderKeys.Algorithm, alg.AsCBOR(), Attribute.PROTECTED);
    m.addAttribute(HeaderKeys.KID, CBORObject.FromObject(kid), Attribute.UNPROTECTED);
  }

  static byte[] seal(byte[] payload, byte[] secret, byte[] kid) throws CoseException {
    Encrypt0Message m = new Encrypt0Message(true, true);
    headers(m, AlgorithmID.AES_GCM_128, kid);
    m.SetContent(payload);
    m.encrypt(secret);
    return m.EncodeToBytes();
  }

  static byte[] open(byte[] sealed, byte[] secret) throws CoseException {
    Encrypt0Message m = (Encrypt0Message) Message.DecodeFromBytes(sealed, MessageTag.Encrypt0);
    return m.decrypt(secret);
  }

  static byte[] sign(byte[] payload, OneKey key, byte[] kid) throws CoseException {
    Sign1Message m = new Sign1Message(true, true);
    headers(m, AlgorithmID.ECDSA_256, kid);
    m.SetContent(payload);
    m.sign(key);
    return m.EncodeToBytes();
  }

  static byte[] verify(byte[] signed, OneKey pub) throws CoseException {
    Sign1Message m = (Sign1Message) Message.DecodeFromBytes(signed, MessageTag.Sign1);
    if (!m.validate(pub)) {
      throw new IllegalStateException("COSE-JAVA: signature does not verify");
    }
    return m.GetContent();
  }

  static byte[] mac(byte[] payload, byte[] secret, byte[] kid) throws CoseException {
    MAC0Message m = new MAC0Message();
    headers(m, AlgorithmID.HMAC_SHA_256_64, kid);
    m.SetContent(payload);
    m.Create(secret);
    return m.EncodeToBytes();
  }

  static byte[] verifyMac(byte[] maced, byte[] secret) throws CoseException {
    MAC0Message m = (MAC0Message) Message.DecodeFromBytes(maced, MessageTag.MAC0);
    if (!m.Validate(secret)) {
      throw new IllegalStateException("COSE-JAVA: tag does not verify");
    }
    return m.GetContent();
  }
}
