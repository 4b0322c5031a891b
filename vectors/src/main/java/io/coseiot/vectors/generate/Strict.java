package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.MacFunction;
import io.coseiot.cose.algorithm.SignatureScheme;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.vectors.examples.Structure;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Strictness vectors: messages that RFC 9052 or CBOR rules make invalid although their cryptography
 * checks out over the bytes as sent (duplicate labels, a label in both buckets, unknown or
 * misplaced {@code crit}, wrong IV length, truncated tag, trailing bytes...). A lenient
 * implementation accepts them, so they tell strict from lenient. Built by hand for HMAC 256/256
 * (COSE_Mac0), the profile's first signature algorithm (COSE_Sign1) and A128GCM (COSE_Encrypt0).
 */
final class Strict {
  private final Built base;
  private final CoseKey key;
  private final long alg;
  private final byte[] iv;

  private Strict(Built base, CoseKey key, Algorithm alg, byte[] iv) {
    this.base = base;
    this.key = key;
    this.alg = alg.id();
    this.iv = iv;
  }

  /**
   * Returns the strictness vectors for a positive base vector of one of the three algorithms.
   *
   * @param base a tagged vector with alg protected and no external AAD
   * @param key its key
   * @param alg its algorithm
   * @param iv an IV for A128GCM, else unused
   */
  static List<Vector> of(Built base, CoseKey key, Algorithm alg, byte[] iv) throws CoseException {
    return new Strict(base, key, alg, iv).all();
  }

  private byte[] algMap() {
    return Cbor.writer().map(1).integer(1).integer(alg).bytes();
  }

  private byte[] kid() {
    return Cbor.writer().integer(4).bstr(new byte[] {'1'}).bytes();
  }

  private List<Vector> all() throws CoseException {
    boolean enc = base.structure() == Structure.ENCRYPTED;
    List<Vector> out = new ArrayList<>();
    byte[] a = algMap();
    byte[] algEntry = Cbor.writer().integer(1).integer(alg).bytes();
    add(
        out,
        "duplicate-label-protected",
        "alg twice in the protected bucket",
        Cbor.writer().map(2).raw(algEntry).raw(algEntry).bytes(),
        unprot(2, cat(kid(), kid())),
        Mode.NORMAL);
    add(out, "label-in-both-buckets", "alg in both buckets", a, unprot(1, algEntry), Mode.NORMAL);
    add(
        out,
        "crit-unknown-label",
        "crit names a label the recipient does not understand",
        Cbor.writer()
            .map(3)
            .raw(algEntry)
            .integer(2)
            .array(1)
            .integer(99)
            .integer(99)
            .integer(0)
            .bytes(),
        unprot(0, new byte[0]),
        Mode.NORMAL);
    add(
        out,
        "crit-empty",
        "crit is an empty array",
        Cbor.writer().map(2).raw(algEntry).integer(2).array(0).bytes(),
        unprot(0, new byte[0]),
        Mode.NORMAL);
    add(
        out,
        "crit-unprotected",
        "crit in the unprotected bucket",
        a,
        unprot(2, cat(Cbor.writer().integer(2).array(1).integer(4).bytes(), kid())),
        Mode.NORMAL);
    add(
        out,
        "alg-wrong-type",
        "alg is a byte string",
        Cbor.writer().map(1).integer(1).bstr(Cbor.writer().integer(alg).bytes()).bytes(),
        unprot(0, new byte[0]),
        Mode.NORMAL);
    add(
        out,
        "protected-not-map",
        "the protected bucket holds an array",
        Cbor.writer().array(2).integer(1).integer(alg).bytes(),
        unprot(0, new byte[0]),
        Mode.NORMAL);
    add(
        out,
        "trailing-bytes",
        "a byte follows the message",
        a,
        unprot(0, new byte[0]),
        Mode.TRAILING);
    add(
        out,
        "truncated-auth",
        enc ? "a 96-bit GCM tag" : "shortened tag or signature",
        a,
        unprot(0, new byte[0]),
        Mode.TRUNCATED);
    add(
        out,
        "extra-element",
        "the message array has one element too many",
        a,
        unprot(0, new byte[0]),
        Mode.EXTRA);
    add(
        out,
        "content-text-string",
        "content sent as a text string",
        a,
        unprot(0, new byte[0]),
        Mode.TEXT);
    if (enc) {
      add(out, "iv-wrong-length", "a 16-byte IV for A128GCM", a, null, Mode.LONG_IV);
      add(
          out,
          "iv-and-partial-iv",
          "both IV and Partial IV",
          a,
          unprot(1, Cbor.writer().integer(6).bstr(new byte[] {1}).bytes()),
          Mode.NORMAL);
    }
    return out;
  }

  private enum Mode {
    NORMAL,
    TRAILING,
    TRUNCATED,
    EXTRA,
    TEXT,
    LONG_IV
  }

  /** The unprotected map: the IV first for COSE_Encrypt0, then {@code n} given entries. */
  private byte[] unprot(int n, byte[] entries) {
    if (base.structure() != Structure.ENCRYPTED) {
      return Cbor.writer().map(n).raw(entries).bytes();
    }
    return Cbor.writer().map(n + 1).integer(5).bstr(iv).raw(entries).bytes();
  }

  private static byte[] cat(byte[] x, byte[] y) {
    return Cbor.writer().raw(x).raw(y).bytes();
  }

  private void add(List<Vector> out, String id, String what, byte[] prot, byte[] unprot, Mode mode)
      throws CoseException {
    byte[] pt = Positives.pt();
    byte[] aad = new byte[0];
    byte[] nonce = iv;
    if (mode == Mode.LONG_IV) {
      nonce = Arrays.copyOf(iv, 16);
      nonce[15] = 0x5a;
      unprot = Cbor.writer().map(1).integer(5).bstr(nonce).bytes();
    }
    Cbor w = Cbor.writer();
    byte[] content;
    byte[] auth = null;
    int tag;
    switch (base.structure()) {
      case ENCRYPTED -> {
        tag = 16;
        content =
            gcm(
                nonce,
                Structures.enc("Encrypt0", prot, aad),
                pt,
                mode == Mode.TRUNCATED ? 96 : 128);
      }
      case MAC0 -> {
        tag = 17;
        content = pt;
        auth =
            MacFunction.of(Algorithm.fromId(alg))
                .compute(key.getBytes(KeyLabel.K), Structures.mac("MAC0", prot, aad, pt));
        if (mode == Mode.TRUNCATED) {
          auth = Arrays.copyOf(auth, 16);
        }
      }
      default -> {
        tag = 18;
        content = pt;
        Algorithm a = Algorithm.fromId(alg);
        byte[] tbs = Structures.sig1(prot, aad, pt);
        // ECDSA is signed per RFC 6979 so that the same seed gives the same vectors.
        auth =
            DeterministicEcdsa.isEcdsa(a)
                ? DeterministicEcdsa.sign(a, key, tbs)
                : SignatureScheme.of(a).sign(key, tbs);
        if (mode == Mode.TRUNCATED) {
          auth = Arrays.copyOf(auth, auth.length - 1);
        }
      }
    }
    int n = (auth == null ? 3 : 4) + (mode == Mode.EXTRA ? 1 : 0);
    w.tag(tag).array(n).bstr(prot).raw(unprot);
    if (mode == Mode.TEXT) {
      w.head(3, content.length).raw(content);
    } else {
      w.bstr(content);
    }
    if (auth != null) {
      w.bstr(auth);
    }
    if (mode == Mode.EXTRA) {
      w.nil();
    }
    if (mode == Mode.TRAILING) {
      w.raw(new byte[] {0});
    }
    ObjectNode failures = JsonNodeFactory.instance.objectNode().put("coseiot-strict", id);
    Vector v = Negatives.vector(base, base.name() + "-strict-" + id, what, failures, w.bytes());
    ((ObjectNode) v.json().get("coseiot").get("failure")).put("strict", true);
    out.add(v);
  }

  private byte[] gcm(byte[] nonce, byte[] aad, byte[] pt, int tagBits) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key.getBytes(KeyLabel.K), "AES"),
          new GCMParameterSpec(tagBits, nonce));
      c.updateAAD(aad);
      return c.doFinal(pt);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK 17 provides AES/GCM", e);
    }
  }
}
