package io.coseiot.bench;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.Sign1Message;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bytes each profile adds to a payload, found by encoding real messages with the library (tagged,
 * 8-byte kid), against the AES-256-CBC with IV prefix that MQTT tutorials use.
 */
public final class WireOverhead {
  /** The payload sizes of the table. */
  public static final int[] SIZES = {16, 64, 256, 1024};

  /** The device profile's name in the table. */
  public static final String DEVICE_PROFILE =
      "Encrypt0 AES-CCM-16-64-128, Partial IV (1 byte), kid in user property";

  /** The device profile's budget on a 64-byte payload. */
  public static final int DEVICE_TARGET_BYTES = 20;

  /**
   * One profile's overhead per payload size.
   *
   * @param profile what the message carries
   * @param overhead encoded length minus payload length, one per {@link #SIZES} entry
   */
  public record Row(String profile, int[] overhead) {}

  private WireOverhead() {}

  /**
   * Encodes a message per profile and size.
   *
   * @return the rows, the tutorial scheme last
   * @throws CoseException if the library refuses a profile
   * @throws GeneralSecurityException if the JDK lacks AES-CBC
   */
  public static List<Row> compute() throws CoseException, GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    List<Row> rows = new ArrayList<>();
    for (Algorithm alg : new Algorithm[] {Algorithm.A128GCM, Algorithm.AES_CCM_16_64_128}) {
      String name = alg == Algorithm.A128GCM ? "A128GCM" : "AES-CCM-16-64-128";
      for (boolean counter : new boolean[] {false, true}) {
        for (boolean kid : new boolean[] {true, false}) {
          String profile =
              "Encrypt0 "
                  + name
                  + (counter ? ", Partial IV (1 byte)" : ", random IV")
                  + (kid ? ", kid in COSE header" : ", kid in user property");
          int[] o = new int[SIZES.length];
          for (int i = 0; i < SIZES.length; i++) {
            o[i] =
                encrypt0(alg, counter, kid, Fixtures.payload(SIZES[i]), random).length - SIZES[i];
          }
          rows.add(new Row(profile, o));
        }
      }
    }
    CoseKey signer = KeyPairs.generate(Curve.P_256, random);
    int[] nested = new int[SIZES.length];
    for (int i = 0; i < SIZES.length; i++) {
      byte[] inner =
          Sign1Message.signForTestVectors(
                  signer, Fixtures.payload(SIZES[i]), null, Fixtures.headers(Algorithm.ES256, true))
              .encode();
      nested[i] = encrypt0(Algorithm.A128GCM, false, true, inner, random).length - SIZES[i];
    }
    rows.add(
        new Row("Sign1 ES256 nested in Encrypt0 A128GCM, random IV, kid in both headers", nested));
    int[] cbc = new int[SIZES.length];
    for (int i = 0; i < SIZES.length; i++) {
      cbc[i] = tutorialCbc(Fixtures.payload(SIZES[i]), random).length - SIZES[i];
    }
    rows.add(new Row("AES-256-CBC, IV prefix (tutorial scheme, no integrity)", cbc));
    return rows;
  }

  private static byte[] encrypt0(
      Algorithm alg, boolean counter, boolean kid, byte[] payload, SecureRandom random)
      throws CoseException {
    int nonceLength = alg == Algorithm.A128GCM ? 12 : 13;
    CoseKey key = Fixtures.secretKey(alg, nonceLength);
    Headers h = Fixtures.headers(alg, kid);
    if (counter) {
      HeaderMap.Builder u = HeaderMap.builder().partialIv(Fixtures.partialIv(7));
      if (kid) {
        u.keyId(Fixtures.KID);
      }
      h = h.withUnprotected(u.build());
    }
    return Encrypt0Message.encryptForTestVectors(key, payload, null, h, random).encode(true);
  }

  private static byte[] tutorialCbc(byte[] payload, SecureRandom random)
      throws GeneralSecurityException {
    byte[] key = new byte[32];
    byte[] iv = new byte[16];
    random.nextBytes(key);
    random.nextBytes(iv);
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    byte[] ct = c.doFinal(payload);
    byte[] out = new byte[iv.length + ct.length];
    System.arraycopy(iv, 0, out, 0, iv.length);
    System.arraycopy(ct, 0, out, iv.length, ct.length);
    return out;
  }

  /**
   * Renders the rows as a Markdown table.
   *
   * @param rows the rows
   * @return the table
   */
  public static String markdown(List<Row> rows) {
    StringBuilder sb = new StringBuilder("| profile |");
    for (int s : SIZES) {
      sb.append(' ').append(s).append(" B |");
    }
    sb.append("\n|---|");
    for (int i = 0; i < SIZES.length; i++) {
      sb.append("---:|");
    }
    sb.append('\n');
    for (Row r : rows) {
      sb.append("| ").append(r.profile()).append(" |");
      for (int o : r.overhead()) {
        sb.append(" +").append(o).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
