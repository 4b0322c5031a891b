package io.coseiot.tck.probe;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.AlgorithmProfile;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deployment as the key flags describe it: the broker, and for every filter and every symmetric
 * algorithm of the full profile the keys HKDF derives (section 6), so that any kid a device may
 * send can be traced to its filter, algorithm and epoch.
 *
 * @param broker the broker URI
 * @param master the master secret
 * @param salt the master salt, or null
 * @param filters the keysets' filters, first match wins
 * @param epoch the current epoch
 * @param profile the algorithm profile the device must keep to
 * @param v5 MQTT 5, else 3.1.1
 */
public record Deployment(
    String broker,
    byte[] master,
    byte[] salt,
    List<String> filters,
    long epoch,
    AlgorithmProfile profile,
    boolean v5) {

  /**
   * One derived key.
   *
   * @param filter the filter it was derived for
   * @param alg its algorithm
   * @param epoch its epoch
   * @param kid its kid
   * @param commonIv its common IV (counter mode), null for MAC algorithms
   */
  public record DerivedKey(String filter, Algorithm alg, long epoch, byte[] kid, byte[] commonIv) {}

  /**
   * Returns the symmetric algorithms (AEAD and MAC) of the deployment's profile.
   *
   * @return the algorithms, by id
   */
  public List<Algorithm> symmetricAlgorithms() {
    return profile.algorithms().stream()
        .filter(a -> a.kind() == Algorithm.Kind.AEAD || a.kind() == Algorithm.Kind.MAC)
        .sorted((a, b) -> Long.compare(a.id(), b.id()))
        .toList();
  }

  /**
   * Returns a keyring of the profile's symmetric algorithms for every filter, at the current epoch.
   *
   * @return the keyring
   */
  public Keyring keyring() {
    Keyring.Builder b = Keyring.builder().schedule(RotationSchedule.fixed(epoch));
    for (String f : filters) {
      for (Algorithm a : symmetricAlgorithms()) {
        b.add(TopicKeyset.derived(f, a, master, salt));
      }
    }
    return b.build();
  }

  /**
   * Returns a codec of the profile that opens Encrypt0 or Mac0 with the deployment's keys; each of
   * its {@link CoseMqttCodec#opener() openers} has its own replay state.
   *
   * @param mac Mac0, else Encrypt0
   * @return the codec
   * @throws CoseException if the codec cannot be built
   */
  public CoseMqttCodec codec(boolean mac) throws CoseException {
    return CoseMqttCodec.builder()
        .keyring(keyring())
        .mode(mac ? SealMode.MAC0 : SealMode.ENCRYPT0)
        .algorithmProfile(profile)
        .build();
  }

  /**
   * Derives, for every filter, every symmetric algorithm of the full profile and the epochs around
   * the current one, the kid and common IV: what a kid found in a message is checked against.
   *
   * @return the keys
   * @throws CoseException if HKDF fails
   */
  public List<DerivedKey> derivedKeys() throws CoseException {
    List<DerivedKey> all = new ArrayList<>();
    for (String f : filters) {
      for (Algorithm a : AlgorithmProfile.FULL.algorithms()) {
        if (a.kind() != Algorithm.Kind.AEAD && a.kind() != Algorithm.Kind.MAC) {
          continue;
        }
        for (long e = Math.max(0, epoch - 1); e <= epoch + 1; e++) {
          byte[] iv =
              a.kind() == Algorithm.Kind.AEAD
                  ? KeyDerivation.commonIv(master, salt, f, a, e, AeadCipher.of(a).nonceLength())
                  : null;
          all.add(new DerivedKey(f, a, e, KeyDerivation.kid(master, salt, f, a, e), iv));
        }
      }
    }
    return all;
  }

  /**
   * Finds the derived key a kid names.
   *
   * @param keys what {@link #derivedKeys()} returned
   * @param kid the kid
   * @return the key, or null
   */
  public static DerivedKey find(List<DerivedKey> keys, byte[] kid) {
    for (DerivedKey k : keys) {
      if (Arrays.equals(k.kid(), kid)) {
        return k;
      }
    }
    return null;
  }
}
