package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.upokecenter.cbor.CBORObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The counter mode of docs/mqtt-cose-profile.md (sections 2, 6 and 7) written out again from the
 * text with JCA only, so the test does not trust the binding or the generator for it.
 */
final class ProfileText {
  private static final HexFormat HEX = HexFormat.of();

  private ProfileText() {}

  /**
   * What the profile text gives for a counter-mode Encrypt0 vector.
   *
   * @param commonIv HKDF type "IV"
   * @param nonce common IV XOR (len(sid) ‖ padded sid ‖ padded Partial IV)
   * @param externalAad ["cose-iot-mqtt/1", topic, epoch]
   * @param plaintext the content decrypted with JCA, or null for AES-CCM (not in the JDK)
   */
  record Check(byte[] commonIv, byte[] nonce, byte[] externalAad, byte[] plaintext) {}

  static Check check(JsonNode vector) throws Exception {
    JsonNode m = vector.at("/coseiot/mqtt");
    byte[] master = HEX.parseHex(m.get("master_secret_hex").asText());
    String filter = m.get("filter").asText();
    long alg = m.get("key_alg").asLong();
    long epoch = m.get("epoch").asLong();
    int n = alg == 10 ? 13 : 12;
    byte[] commonIv = hkdf(master, info(filter, alg, epoch, "IV", n), n);
    byte[] sid = HEX.parseHex(m.get("sender_id_hex").asText());
    byte[] piv = partialIv(m.get("sequence_number").asLong());
    byte[] nonce = commonIv.clone();
    nonce[0] ^= (byte) sid.length;
    for (int i = 0; i < sid.length; i++) {
      nonce[n - 5 - sid.length + i] ^= sid[i];
    }
    for (int i = 0; i < piv.length; i++) {
      nonce[n - piv.length + i] ^= piv[i];
    }
    ByteArrayOutputStream aad = new ByteArrayOutputStream();
    head(aad, 4, 3);
    text(aad, "cose-iot-mqtt/1");
    text(aad, m.get("topic").asText());
    head(aad, 0, epoch);
    byte[] externalAad = aad.toByteArray();
    return new Check(
        commonIv, nonce, externalAad, decrypt(vector, alg, master, nonce, externalAad));
  }

  /** AES-GCM and ChaCha20/Poly1305 through JCA; the Enc_structure of RFC 9052 section 5.3. */
  private static byte[] decrypt(
      JsonNode vector, long alg, byte[] master, byte[] nonce, byte[] externalAad) throws Exception {
    JsonNode m = vector.at("/coseiot/mqtt");
    int keyLen = alg == 1 ? 16 : alg == 3 || alg == 24 ? 32 : 0;
    if (keyLen == 0) {
      return null;
    }
    byte[] key =
        hkdf(
            master,
            info(m.get("filter").asText(), alg, m.get("epoch").asLong(), "Key", keyLen),
            keyLen);
    ByteArrayOutputStream enc = new ByteArrayOutputStream();
    head(enc, 4, 3);
    text(enc, "Encrypt0");
    bytes(enc, HEX.parseHex(vector.at("/coseiot/protected_hex").asText()));
    bytes(enc, externalAad);
    byte[] ct =
        CBORObject.DecodeFromBytes(HEX.parseHex(vector.at("/output/cbor").asText()))
            .get(2)
            .GetByteString();
    Cipher c;
    if (alg == 24) {
      c = Cipher.getInstance("ChaCha20-Poly1305");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
    } else {
      c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    }
    c.updateAAD(enc.toByteArray());
    return c.doFinal(ct);
  }

  /** RFC 5869 with HMAC-SHA-256 and no salt (HashLen zero bytes). */
  static byte[] hkdf(byte[] ikm, byte[] info, int len) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    ByteArrayOutputStream okm = new ByteArrayOutputStream();
    byte[] t = new byte[0];
    for (int i = 1; okm.size() < len; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      okm.writeBytes(t);
    }
    byte[] out = new byte[len];
    System.arraycopy(okm.toByteArray(), 0, out, 0, len);
    return out;
  }

  /** info = ["cose-iot-mqtt/1", filter, alg, epoch, type, L] (section 6). */
  private static byte[] info(String filter, long alg, long epoch, String type, int len) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    head(o, 4, 6);
    text(o, "cose-iot-mqtt/1");
    text(o, filter);
    if (alg >= 0) {
      head(o, 0, alg);
    } else {
      head(o, 1, -1 - alg);
    }
    head(o, 0, epoch);
    text(o, type);
    head(o, 0, len);
    return o.toByteArray();
  }

  /** The sequence number in minimal big-endian bytes, 0 as one zero byte (section 7). */
  static byte[] partialIv(long seq) {
    int len = 1;
    while (len < 8 && (seq >>> (8 * len)) != 0) {
      len++;
    }
    byte[] out = new byte[len];
    for (int i = 0; i < len; i++) {
      out[len - 1 - i] = (byte) (seq >>> (8 * i));
    }
    return out;
  }

  private static void head(ByteArrayOutputStream o, int major, long v) {
    int mt = major << 5;
    if (v < 24) {
      o.write(mt | (int) v);
    } else if (v < 0x100) {
      o.write(mt | 24);
      o.write((int) v);
    } else if (v < 0x10000) {
      o.write(mt | 25);
      o.write((int) (v >> 8));
      o.write((int) v);
    } else {
      o.write(mt | 26);
      for (int s = 24; s >= 0; s -= 8) {
        o.write((int) (v >> s));
      }
    }
  }

  private static void text(ByteArrayOutputStream o, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    head(o, 3, b.length);
    o.writeBytes(b);
  }

  private static void bytes(ByteArrayOutputStream o, byte[] b) {
    head(o, 2, b.length);
    o.writeBytes(b);
  }
}
