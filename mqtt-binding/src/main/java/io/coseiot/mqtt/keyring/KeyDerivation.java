package io.coseiot.mqtt.keyring;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.Hkdf;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;

/**
 * Key derivation of the cose-iot MQTT profile 1: HKDF-SHA-256 (RFC 5869) from a master secret and
 * an optional master salt, with
 *
 * <pre>
 * info = [ "cose-iot-mqtt/1", filter : tstr, alg : int, epoch : uint, type : tstr, L : uint ]
 * </pre>
 *
 * encoded as deterministic CBOR, where {@code type} is {@code "Key"} (the content key, L = key
 * length), {@code "IV"} (the common IV of counter mode, L = nonce length), {@code "KID"} (the key
 * id, L = 8) or {@code "Topic"} (the keyring's topic obfuscation key, with filter {@code ""}, alg 5
 * and epoch 0, L = 32).
 */
public final class KeyDerivation {
  /** The profile identifier, also the first element of {@code external_aad}. */
  public static final String PROFILE = "cose-iot-mqtt/1";

  /** Length of a derived kid in bytes. */
  public static final int KID_LENGTH = 8;

  /** Length of the topic obfuscation key in bytes. */
  public static final int TOPIC_KEY_LENGTH = 32;

  private KeyDerivation() {}

  /**
   * Encodes the HKDF {@code info}.
   *
   * @param filter the topic filter as written
   * @param algId the COSE algorithm id
   * @param epoch the key epoch, at least 0
   * @param type "Key", "IV", "KID" or "Topic"
   * @param length the output length in bytes
   * @return the CBOR encoding
   */
  public static byte[] info(String filter, long algId, long epoch, String type, int length) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0");
    }
    CborWriter w = new CborWriter(48 + filter.length());
    w.writeArrayHeader(6);
    w.writeText(PROFILE);
    w.writeText(filter);
    w.writeInt(algId);
    w.writeInt(epoch);
    w.writeText(type);
    w.writeInt(length);
    return w.toByteArray();
  }

  /**
   * Derives output keying material.
   *
   * @param master the master secret
   * @param salt the master salt, or null for none
   * @param filter the topic filter
   * @param alg the content algorithm
   * @param epoch the epoch
   * @param type the output type
   * @param length the length in bytes
   * @return the derived bytes
   * @throws CoseException if HKDF fails
   */
  public static byte[] derive(
      byte[] master, byte[] salt, String filter, long alg, long epoch, String type, int length)
      throws CoseException {
    return Hkdf.derive(
        Hkdf.HMAC_SHA_256, salt, master, info(filter, alg, epoch, type, length), length);
  }

  /**
   * Derives the content key.
   *
   * @param master the master secret
   * @param salt the master salt, or null
   * @param filter the topic filter
   * @param alg the content algorithm
   * @param epoch the epoch
   * @return the key, {@code alg.keyBits() / 8} bytes
   * @throws CoseException if HKDF fails
   */
  public static byte[] key(byte[] master, byte[] salt, String filter, Algorithm alg, long epoch)
      throws CoseException {
    return derive(master, salt, filter, alg.id(), epoch, "Key", alg.keyBits() / 8);
  }

  /**
   * Derives the key id.
   *
   * @param master the master secret
   * @param salt the master salt, or null
   * @param filter the topic filter
   * @param alg the content algorithm
   * @param epoch the epoch
   * @return the kid, {@link #KID_LENGTH} bytes
   * @throws CoseException if HKDF fails
   */
  public static byte[] kid(byte[] master, byte[] salt, String filter, Algorithm alg, long epoch)
      throws CoseException {
    return derive(master, salt, filter, alg.id(), epoch, "KID", KID_LENGTH);
  }

  /**
   * Derives the common IV of counter mode.
   *
   * @param master the master secret
   * @param salt the master salt, or null
   * @param filter the topic filter
   * @param alg the content algorithm
   * @param epoch the epoch
   * @param nonceLength the algorithm's nonce length
   * @return the common IV
   * @throws CoseException if HKDF fails
   */
  public static byte[] commonIv(
      byte[] master, byte[] salt, String filter, Algorithm alg, long epoch, int nonceLength)
      throws CoseException {
    return derive(master, salt, filter, alg.id(), epoch, "IV", nonceLength);
  }

  /**
   * Derives the keyring's topic obfuscation key.
   *
   * @param master the master secret
   * @param salt the master salt, or null
   * @return the key, {@link #TOPIC_KEY_LENGTH} bytes
   * @throws CoseException if HKDF fails
   */
  public static byte[] topicKey(byte[] master, byte[] salt) throws CoseException {
    return derive(master, salt, "", Algorithm.HMAC_256_256.id(), 0, "Topic", TOPIC_KEY_LENGTH);
  }
}
