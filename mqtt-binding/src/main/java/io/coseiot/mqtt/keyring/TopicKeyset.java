package io.coseiot.mqtt.keyring;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.CoseKeySet;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import io.coseiot.mqtt.topic.TopicFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of one topic filter, one or more per epoch, either derived from a master secret or given
 * explicitly. Like a Tink keyset, it has one primary key per epoch (what publishers seal with) and
 * recognises all its keys by kid (what subscribers may accept, subject to the rotation schedule).
 * Thread-safe.
 */
public final class TopicKeyset {
  /** COSE_Key text label carrying a key's epoch in a COSE_KeySet file (uint, default 0). */
  public static final String EPOCH_LABEL = "epoch";

  /** How many epochs before the current one a derived keyset still recognises by kid. */
  private static final int RECOGNISED_PAST_EPOCHS = 4;

  private final TopicFilter filter;
  private final Algorithm algorithm;
  private final byte[] master;
  private final byte[] salt;
  private final List<TopicKey> explicit;
  private final Map<Long, TopicKey> derived = new ConcurrentHashMap<>();

  private TopicKeyset(
      TopicFilter filter, Algorithm alg, byte[] master, byte[] salt, List<TopicKey> explicit) {
    this.filter = filter;
    this.algorithm = alg;
    this.master = master;
    this.salt = salt;
    this.explicit = explicit;
  }

  /**
   * A keyset whose keys, kids and common IVs are derived per epoch with {@link KeyDerivation}. A
   * MAC algorithm (for Mac0) gets a key of its key length and a kid, but no common IV: a MAC has no
   * nonce.
   *
   * @param filter the topic filter
   * @param alg the content encryption (AEAD) or MAC algorithm
   * @param masterSecret the master secret, at least 16 bytes
   * @param masterSalt the master salt, or null
   * @return the keyset
   */
  public static TopicKeyset derived(
      String filter, Algorithm alg, byte[] masterSecret, byte[] masterSalt) {
    if (alg.kind() != Algorithm.Kind.AEAD && alg.kind() != Algorithm.Kind.MAC) {
      throw new IllegalArgumentException(alg + " is neither an AEAD nor a MAC algorithm");
    }
    if (masterSecret.length < 16) {
      throw new IllegalArgumentException("master secret must be at least 16 bytes");
    }
    return new TopicKeyset(
        TopicFilter.of(filter),
        alg,
        masterSecret.clone(),
        masterSalt == null ? null : masterSalt.clone(),
        null);
  }

  /**
   * A keyset of explicit symmetric keys. Each key needs {@code kid}, an AEAD or MAC {@code alg} and
   * {@code k}; it may carry its epoch under the text label {@value #EPOCH_LABEL} (default 0) and a
   * Base IV (label 5) for counter mode. The first key of an epoch is that epoch's primary.
   *
   * @param filter the topic filter
   * @param keys the keys
   * @return the keyset
   * @throws KeyException if a key does not qualify
   */
  public static TopicKeyset explicit(String filter, CoseKeySet keys) throws KeyException {
    TopicFilter f = TopicFilter.of(filter);
    List<TopicKey> list = new ArrayList<>();
    for (CoseKey k : keys.keys()) {
      if (k.keyType() != KeyType.SYMMETRIC || k.keyId() == null || k.algorithm() == null) {
        throw new KeyException("keyset key needs kty Symmetric, kid and alg: " + k);
      }
      long epoch = 0;
      CBORObject e = k.toCbor().get(CBORObject.FromObject(EPOCH_LABEL));
      if (e != null) {
        if (e.getType() != CBORType.Integer || !e.CanValueFitInInt64() || e.AsInt64Value() < 0) {
          throw new KeyException("keyset key epoch must be a uint: " + k);
        }
        epoch = e.AsInt64Value();
      }
      try {
        list.add(
            new TopicKey(
                f,
                epoch,
                k.keyId(),
                k.algorithm(),
                k.getBytes(KeyLabel.K),
                k.getBytes(KeyLabel.BASE_IV)));
      } catch (RuntimeException ex) {
        throw new KeyException("keyset key does not fit: " + ex.getMessage(), ex);
      }
    }
    if (list.isEmpty()) {
      throw new KeyException("empty keyset for " + filter);
    }
    return new TopicKeyset(f, null, null, null, List.copyOf(list));
  }

  /**
   * Loads an explicit keyset from a file holding one CBOR-encoded COSE_KeySet.
   *
   * @param filter the topic filter
   * @param file the file
   * @return the keyset
   * @throws IOException if the file cannot be read
   * @throws KeyException if its content is not a suitable COSE_KeySet
   */
  public static TopicKeyset fromFile(String filter, Path file) throws IOException, KeyException {
    try {
      return explicit(filter, CoseKeySet.decode(Files.readAllBytes(file)));
    } catch (KeyException e) {
      throw e;
    } catch (CoseException e) {
      throw new KeyException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the filter.
   *
   * @return the topic filter
   */
  public TopicFilter filter() {
    return filter;
  }

  /**
   * Returns the primary key of an epoch.
   *
   * @param epoch the epoch
   * @return the key publishers seal with
   * @throws KeyException if the keyset has no key for the epoch
   */
  public TopicKey primary(long epoch) throws KeyException {
    if (explicit == null) {
      return derivedKey(epoch);
    }
    for (TopicKey k : explicit) {
      if (k.epoch() == epoch) {
        return k;
      }
    }
    throw new KeyException("no key for " + filter + " in epoch " + epoch);
  }

  /**
   * Finds a key by kid.
   *
   * @param kid the kid from a message
   * @param currentEpoch the current epoch (derived keysets recognise a few epochs around it)
   * @return the key, or null if the keyset has none with this kid
   */
  public TopicKey byKid(byte[] kid, long currentEpoch) {
    if (explicit != null) {
      for (TopicKey k : explicit) {
        if (Arrays.equals(k.kid(), kid)) {
          return k;
        }
      }
      return null;
    }
    for (long e = Math.max(0, currentEpoch - RECOGNISED_PAST_EPOCHS); e <= currentEpoch + 1; e++) {
      try {
        TopicKey k = derivedKey(e);
        if (Arrays.equals(k.kid(), kid)) {
          return k;
        }
      } catch (KeyException ex) {
        return null;
      }
    }
    return null;
  }

  private TopicKey derivedKey(long epoch) throws KeyException {
    TopicKey k = derived.get(epoch);
    if (k != null) {
      return k;
    }
    try {
      String f = filter.toString();
      byte[] commonIv =
          algorithm.kind() == Algorithm.Kind.MAC
              ? null
              : KeyDerivation.commonIv(
                  master, salt, f, algorithm, epoch, AeadCipher.of(algorithm).nonceLength());
      k =
          new TopicKey(
              filter,
              epoch,
              KeyDerivation.kid(master, salt, f, algorithm, epoch),
              algorithm,
              KeyDerivation.key(master, salt, f, algorithm, epoch),
              commonIv);
    } catch (CoseException e) {
      throw new KeyException("derivation failed for " + filter + " epoch " + epoch, e);
    }
    if (derived.size() > 64) {
      derived.clear();
    }
    TopicKey prev = derived.putIfAbsent(epoch, k);
    return prev == null ? k : prev;
  }
}
