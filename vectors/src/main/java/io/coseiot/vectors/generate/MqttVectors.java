package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.EncryptMessage;
import io.coseiot.cose.message.KdfInfo;
import io.coseiot.cose.message.Mac0Message;
import io.coseiot.cose.message.RecipientSpec;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.vectors.examples.Structure;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The MQTT-profile vectors ({@code mqtt/}): every seal mode of the binding's codec, built with the
 * core library from the profile's rules (docs/mqtt-cose-profile.md), not by the codec, so that the
 * codec opening them is a check of both. Each is a plain COSE message whose standard fields open
 * it; {@link MqttExtension} adds what only the profile knows.
 */
final class MqttVectors {
  /** The keyset's topic filter (profile section 10). */
  static final String FILTER = "sensors/+/temperature";

  /** The topic every positive vector is published to. */
  static final String TOPIC = "sensors/kitchen/temperature";

  /** The key epoch of the keyring modes. */
  static final long EPOCH = 7;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Variant TAGGED_WITH_AAD = new Variant(true, true, true, false);

  /**
   * A counter-mode sender id and sequence number.
   *
   * @param sid the sender id
   * @param seq the sequence number
   */
  record Counter(byte[] sid, long seq) {
    String slug() {
      return "counter-sid" + sid.length + "-seq" + seq;
    }
  }

  /** The derived key of one algorithm: content or MAC key, kid, common IV (AEADs only). */
  private record Derived(Algorithm alg, byte[] key, byte[] kid, byte[] commonIv) {}

  private final long seed;
  private final Positives pos;
  private final Profile profile;
  private final byte[] master;

  MqttVectors(long seed, Positives pos, Profile profile) {
    this.seed = seed;
    this.pos = pos;
    this.profile = profile;
    this.master = new HmacDrbg(seed, "mqtt-master").bytes(32);
  }

  /** The profile's AEADs in this set: the device ones, plus A256GCM and ChaCha20 in full. */
  List<Algorithm> aeads() {
    return profile == Profile.DEVICE
        ? List.of(Algorithm.A128GCM, Algorithm.AES_CCM_16_64_128)
        : List.of(
            Algorithm.A128GCM,
            Algorithm.AES_CCM_16_64_128,
            Algorithm.A256GCM,
            Algorithm.CHACHA20_POLY1305);
  }

  /** The profile's signers: ES256, plus ES384 and Ed25519 in full. */
  List<Profile.Signer> signers() {
    Profile.Signer es256 = new Profile.Signer(Algorithm.ES256, Curve.P_256);
    return profile == Profile.DEVICE
        ? List.of(es256)
        : List.of(
            es256,
            new Profile.Signer(Algorithm.ES384, Curve.P_384),
            new Profile.Signer(Algorithm.EDDSA, Curve.ED25519));
  }

  /**
   * The counter-mode cases for a nonce length (or 13 for Mac0): an empty sid at 0, a 1-byte sid
   * where the Partial IV grows from one byte to two, and the longest sid at the largest number.
   */
  List<Counter> counters(int nonceLength) {
    int max = OscoreNonce.maxSenderIdLength(nonceLength);
    return List.of(
        new Counter(sid(0), 0),
        new Counter(sid(1), 255),
        new Counter(sid(1), 256),
        new Counter(sid(max), OscoreNonce.MAX_SEQUENCE));
  }

  /** A counter of this set's sender id of a length (which may exceed the profile's bound). */
  Counter counter(int sidLength, long seq) {
    return new Counter(sid(sidLength), seq);
  }

  private byte[] sid(int len) {
    return len == 0 ? new byte[0] : new HmacDrbg(seed, "mqtt-sid:" + len).bytes(len);
  }

  static int nonceLength(Algorithm alg) throws CoseException {
    return AeadCipher.of(alg).nonceLength();
  }

  private Derived derive(Algorithm alg) throws CoseException {
    byte[] k = KeyDerivation.key(master, null, FILTER, alg, EPOCH);
    byte[] kid = KeyDerivation.kid(master, null, FILTER, alg, EPOCH);
    byte[] civ =
        alg.kind() == Algorithm.Kind.AEAD
            ? KeyDerivation.commonIv(master, null, FILTER, alg, EPOCH, nonceLength(alg))
            : null;
    return new Derived(alg, k, kid, civ);
  }

  /** The keyring key as a COSE_Key: {@code k}, the kid, and a Base IV in counter mode. */
  private static CoseKey coseKey(ObjectNode keyJson, byte[] kid, byte[] baseIv)
      throws CoseException {
    CBORObject map = TestKeys.toKey(keyJson).toCbor();
    map.set(CBORObject.FromObject(KeyLabel.KID), CBORObject.FromObject(kid));
    if (baseIv != null) {
      map.set(CBORObject.FromObject(KeyLabel.BASE_IV), CBORObject.FromObject(baseIv));
    }
    return CoseKey.fromCbor(map);
  }

  /**
   * The Base IV that makes RFC 9052's Partial IV rule give the profile's nonce: the nonce with the
   * left-padded Partial IV XORed back out, which is the common IV XOR (len(sid) ‖ padded sid ‖
   * zeros).
   */
  static byte[] baseIv(byte[] nonce, byte[] piv) {
    byte[] base = nonce.clone();
    for (int i = 0; i < piv.length; i++) {
      base[base.length - piv.length + i] ^= piv[i];
    }
    return base;
  }

  private static ObjectNode directRecipient(ObjectNode s, byte[] key) {
    ObjectNode keyJson = F.objectNode().put("kty", "oct").put("k", TestKeys.b64(key));
    s.putArray("recipients")
        .addObject()
        .<ObjectNode>set("key", keyJson)
        .putObject("unprotected")
        .put("alg", "direct");
    return keyJson;
  }

  /**
   * COSE_Encrypt0 of the ENCRYPT0 mode, or of SIGN1_IN_ENCRYPT0 when {@code signer} is given (the
   * plaintext is then the tagged inner COSE_Sign1, in {@code plaintext_hex}); random IV when {@code
   * c} is null, else counter mode.
   */
  Built encrypt0(Algorithm alg, Counter c, Profile.Signer signer) throws CoseException {
    String name =
        "mqtt/"
            + (signer == null ? "encrypt0-" : "sign1-in-encrypt0-" + signerSlug(signer) + "-")
            + AlgNames.slug(alg)
            + "-"
            + (c == null ? "random-iv" : c.slug());
    Derived d = derive(alg);
    byte[] aad = CoseMqttProfile.externalAad(TOPIC, EPOCH);
    ObjectNode s = F.objectNode();
    s.putObject("protected").put("alg", AlgNames.name(alg));
    ObjectNode u = s.putObject("unprotected").put("kid_hex", Positives.hex(d.kid()));
    byte[] nonce = null;
    byte[] base = null;
    if (c != null) {
      byte[] piv = OscoreNonce.partialIv(c.seq());
      // A sid beyond n - 6 bytes has no profile nonce (R7.9 refuses it); the plain runner's
      // nonce is then the common IV XOR the Partial IV, as with an empty sid of length 0.
      boolean fits = c.sid().length <= OscoreNonce.maxSenderIdLength(nonceLength(alg));
      nonce = OscoreNonce.nonce(d.commonIv(), fits ? c.sid() : new byte[0], piv);
      base = baseIv(nonce, piv);
      u.put("partialIV_hex", Positives.hex(piv));
      u.put(CoseMqttProfile.SENDER_ID_LABEL + "_hex", Positives.hex(c.sid()));
      s.putObject("unsent").put("IV_hex", Positives.hex(nonce));
    }
    s.put("alg", AlgNames.name(alg));
    s.put("external", Positives.hex(aad));
    CoseKey key = coseKey(directRecipient(s, d.key()), d.kid(), base);
    ObjectNode inner = signer == null ? null : innerSign1(signer, aad);
    byte[] content = inner == null ? pt() : HexFormat.of().parseHex(inner.get("cbor_hex").asText());
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    Headers h = Positives.headers(s);
    byte[] out = Encrypt0Message.encryptForTestVectors(key, content, aad, h, rng).encode(true);
    ObjectNode inter = F.objectNode();
    inter.put(
        "AAD_hex", Positives.hex(Structures.enc("Encrypt0", h.authenticatedProtected(), aad)));
    inter.put("CEK_hex", Positives.hex(d.key()));
    String nonceFact = c == null ? "IV" : nonce[0] == 0 ? "PARTIAL_IV_LEADING_ZERO" : "PARTIAL_IV";
    Built b =
        pos.finish(
            name,
            Structure.ENCRYPTED,
            s,
            TAGGED_WITH_AAD,
            rng,
            inter,
            out,
            h,
            alg,
            "direct",
            key,
            nonceFact);
    SealMode mode = signer == null ? SealMode.ENCRYPT0 : SealMode.SIGN1_IN_ENCRYPT0;
    ObjectNode m = MqttExtension.add(b, profile, mode, EPOCH, aad, d.kid());
    MqttExtension.keyring(m, alg, master, d.kid(), c, d.commonIv(), base);
    if (inner != null) {
      ObjectNode input = (ObjectNode) b.json().get("input");
      input.remove("plaintext");
      input.put("plaintext_hex", inner.get("cbor_hex").asText());
      m.set("inner", inner);
    }
    return b;
  }

  /** The tagged COSE_Sign1 of SIGN1_IN_ENCRYPT0, signed with the outer external_aad. */
  private ObjectNode innerSign1(Profile.Signer signer, byte[] aad) throws CoseException {
    ObjectNode g = signerInput(signer, aad);
    byte[] out = sign(signer, g, aad);
    ObjectNode inner = F.objectNode();
    inner.put("structure", Structure.SIGN0.coseName());
    inner.put("plaintext", Positives.PLAINTEXT);
    inner.set(Structure.SIGN0.jsonKey(), g);
    inner.put(
        "ToBeSign_hex",
        Positives.hex(Structures.sig1(Positives.headers(g).authenticatedProtected(), aad, pt())));
    inner.put("cbor_hex", Positives.hex(out));
    return inner;
  }

  private static byte[] pt() {
    return Positives.pt();
  }

  private ObjectNode signerInput(Profile.Signer signer, byte[] aad) {
    ObjectNode keyJson = pos.keys().pair("mqtt-" + signerSlug(signer), signer.curve());
    ObjectNode g = F.objectNode();
    g.set("key", keyJson);
    g.putObject("protected").put("alg", AlgNames.name(signer.alg()));
    g.putObject("unprotected").put("kid", keyJson.get("kid").asText());
    g.put("alg", AlgNames.name(signer.alg()));
    g.put("external", Positives.hex(aad));
    return g;
  }

  /** Signs the plaintext as {@code g} says; ECDSA with RFC 6979 nonces. */
  private static byte[] sign(Profile.Signer signer, ObjectNode g, byte[] aad) throws CoseException {
    CoseKey key = TestKeys.toKey((ObjectNode) g.get("key"));
    Headers h = Positives.headers(g);
    Sign1Message m = Sign1Message.signForTestVectors(key, pt(), aad, h);
    byte[] tbs = Structures.sig1(h.authenticatedProtected(), aad, pt());
    return Positives.deterministic(signer.alg(), key, tbs, m.signature(), m.encode(true));
  }

  static String signerSlug(Profile.Signer s) {
    return AlgNames.slug(s.alg())
        + (s.alg() == Algorithm.EDDSA ? "-" + Positives.slug(s.curve()) : "");
  }

  /** COSE_Sign1 of the SIGN1 mode: external_aad with epoch 0, as for every non-keyring mode. */
  Built sign1(Profile.Signer signer) throws CoseException {
    String name = "mqtt/sign1-" + signerSlug(signer);
    byte[] aad = CoseMqttProfile.externalAad(TOPIC, 0);
    ObjectNode s = signerInput(signer, aad);
    byte[] out = sign(signer, s, aad);
    Headers h = Positives.headers(s);
    ObjectNode inter = F.objectNode();
    inter.put(
        "ToBeSign_hex", Positives.hex(Structures.sig1(h.authenticatedProtected(), aad, pt())));
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    CoseKey key = TestKeys.toKey((ObjectNode) s.get("key"));
    Built b =
        pos.finish(
            name,
            Structure.SIGN0,
            s,
            TAGGED_WITH_AAD,
            rng,
            inter,
            out,
            h,
            signer.alg(),
            null,
            key,
            null);
    byte[] kid = key.keyId();
    MqttExtension.add(b, profile, SealMode.SIGN1, 0, aad, kid)
        .put("signer_kid_hex", Positives.hex(kid));
    return b;
  }

  /**
   * COSE_Encrypt of the ENCRYPT_ECDH mode: one ECDH-ES + HKDF-256 recipient, or several ECDH-ES +
   * A128KW ones, each on P-256 with its kid; the ephemeral keys, CEK and IV come from the rng
   * stream.
   */
  Built encrypt(Algorithm content, int count) throws CoseException {
    Algorithm ka = count == 1 ? Algorithm.ECDH_ES_HKDF_256 : Algorithm.ECDH_ES_A128KW;
    String name =
        "mqtt/encrypt-"
            + AlgNames.slug(content)
            + "-"
            + AlgNames.slug(ka)
            + "-"
            + count
            + (count == 1 ? "-recipient" : "-recipients");
    byte[] aad = CoseMqttProfile.externalAad(TOPIC, 0);
    ObjectNode s = F.objectNode();
    s.putObject("protected").put("alg", AlgNames.name(content));
    s.putObject("unprotected");
    s.put("alg", AlgNames.name(content));
    s.put("external", Positives.hex(aad));
    ArrayNode rs = s.putArray("recipients");
    List<RecipientSpec> specs = new ArrayList<>();
    StringBuilder hint = new StringBuilder();
    ArrayNode kids = F.arrayNode();
    for (int i = 1; i <= count; i++) {
      ObjectNode keyJson = pos.keys().pair("mqtt-subscriber-" + i, Curve.P_256);
      ObjectNode r = rs.addObject();
      r.set("key", keyJson);
      r.putObject("protected").put("alg", AlgNames.name(ka));
      r.putObject("unprotected").put("kid", keyJson.get("kid").asText());
      CoseKey key = TestKeys.toKey(keyJson);
      specs.add(new RecipientSpec(Positives.headers(r), key, null, KdfInfo.NONE, false));
      hint.append(i == 1 ? "" : ",").append(CoseMqttProfile.kidHint(key.keyId()));
      kids.add(Positives.hex(key.keyId()));
    }
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    Headers h = Positives.headers(s);
    byte[] out = EncryptMessage.encryptForTestVectors(specs, pt(), aad, h, rng).encode(true);
    ObjectNode inter = F.objectNode();
    inter.put("AAD_hex", Positives.hex(Structures.enc("Encrypt", h.authenticatedProtected(), aad)));
    Built b =
        pos.finish(
            name,
            Structure.ENVELOPED,
            s,
            TAGGED_WITH_AAD,
            rng,
            inter,
            out,
            h,
            content,
            AlgNames.slug(ka) + "-p-256",
            null,
            null);
    ObjectNode m = MqttExtension.add(b, profile, SealMode.ENCRYPT_ECDH, 0, aad, null);
    m.put("nonce_mode", "random");
    m.set("recipient_kids_hex", kids);
    m.put("ephemeral_keys", "drawn from input.rng_stream, one per recipient");
    MqttExtension.kidProperty(m, hint.toString());
    return b;
  }

  /** COSE_Mac0 of the MAC0 mode: stateless when {@code c} is null, else counter mode. */
  Built mac0(Algorithm alg, Counter c) throws CoseException {
    String name = "mqtt/mac0-" + AlgNames.slug(alg) + "-" + (c == null ? "stateless" : c.slug());
    Derived d = derive(alg);
    byte[] aad = CoseMqttProfile.externalAad(TOPIC, EPOCH);
    ObjectNode s = F.objectNode();
    ObjectNode p = s.putObject("protected").put("alg", AlgNames.name(alg));
    if (c != null) {
      // Protected, unlike Encrypt0's: nothing else would authenticate them (profile section 3).
      p.put("partialIV_hex", Positives.hex(OscoreNonce.partialIv(c.seq())));
      p.put(CoseMqttProfile.SENDER_ID_LABEL + "_hex", Positives.hex(c.sid()));
    }
    s.putObject("unprotected").put("kid_hex", Positives.hex(d.kid()));
    s.put("alg", AlgNames.name(alg));
    s.put("external", Positives.hex(aad));
    CoseKey key = coseKey(directRecipient(s, d.key()), d.kid(), null);
    Headers h = Positives.headers(s);
    byte[] out = Mac0Message.createForTestVectors(key, pt(), aad, h).encode(true);
    ObjectNode inter = F.objectNode();
    inter.put(
        "ToMac_hex", Positives.hex(Structures.mac("MAC0", h.authenticatedProtected(), aad, pt())));
    inter.put("CEK_hex", Positives.hex(d.key()));
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    Built b =
        pos.finish(
            name, Structure.MAC0, s, TAGGED_WITH_AAD, rng, inter, out, h, alg, "direct", key, null);
    ObjectNode m = MqttExtension.add(b, profile, SealMode.MAC0, EPOCH, aad, d.kid());
    MqttExtension.keyring(m, alg, master, d.kid(), c, null, null);
    return b;
  }
}
