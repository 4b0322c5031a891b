package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Builds and opens the recipient list shared by COSE_Encrypt and COSE_Mac. */
final class Recipients {
  private Recipients() {}

  /**
   * Chooses or derives the CEK. Randomness is drawn in the order CEK (or the single deriving
   * recipient), then whatever the caller draws next, then the wrapping recipients, so that a
   * replayed random stream reproduces a message.
   */
  static byte[] cek(
      List<RecipientSpec> specs, Algorithm content, SecureRandom random, List<Recipient> derived)
      throws CoseException {
    if (specs.isEmpty()) {
      throw new StructureException("at least one recipient is required");
    }
    RecipientSpec first = specs.get(0);
    Algorithm alg = KeyDistribution.recipientAlgorithm(first.headers());
    if (KeyDistribution.derivesCek(alg)) {
      if (specs.size() != 1) {
        throw new StructureException(
            alg.ianaName() + " derives the content key and must be the only recipient");
      }
      KeyDistribution.Derived d = KeyDistribution.derive(first, content, random);
      derived.add(d.recipient());
      return d.cek();
    }
    byte[] cek = new byte[content.keyBits() / 8];
    random.nextBytes(cek);
    return cek;
  }

  /** Wraps the CEK for every recipient unless the single recipient derived it. */
  static List<Recipient> wrap(
      List<RecipientSpec> specs, byte[] cek, SecureRandom random, List<Recipient> derived)
      throws CoseException {
    if (!derived.isEmpty()) {
      return derived;
    }
    List<Recipient> out = new ArrayList<>(specs.size());
    for (RecipientSpec s : specs) {
      out.add(KeyDistribution.wrap(s, cek, random));
    }
    return out;
  }

  /**
   * Recovers the CEK with the receiver's key, trying every recipient whose kid matches; the content
   * is then authenticated by the caller, which is what proves the CEK right.
   */
  static List<byte[]> candidateCeks(List<Recipient> recipients, RecipientKey rk, Algorithm content)
      throws CoseException {
    List<byte[]> ceks = new ArrayList<>();
    CoseException last = null;
    byte[] kid = RawAccess.keyBytes(rk.key(), KeyLabel.KID);
    // Recipients naming the key's kid come first; the others are still tried, since a kid is a
    // hint, not an authenticated claim, and senders do label recipients loosely.
    List<Recipient> ordered = new ArrayList<>(recipients.size());
    for (Recipient r : recipients) {
      byte[] rkid = RawAccess.headerBytes(r.headers(), HeaderLabel.KID);
      if (kid != null && rkid != null && Arrays.equals(kid, rkid)) {
        ordered.add(0, r);
      } else {
        ordered.add(r);
      }
    }
    for (Recipient r : ordered) {
      try {
        ceks.add(KeyDistribution.recover(r, rk, content));
      } catch (CoseException e) {
        last = e;
      }
    }
    if (ceks.isEmpty()) {
      if (last != null) {
        throw last;
      }
      throw new KeyException("no recipient to try with key id " + describe(rk.key()));
    }
    return ceks;
  }

  private static String describe(CoseKey key) {
    byte[] kid = RawAccess.keyBytes(key, KeyLabel.KID);
    return kid == null ? "(none)" : "h'" + HexFormat.of().formatHex(kid) + "'";
  }
}
