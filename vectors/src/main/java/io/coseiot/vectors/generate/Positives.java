package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
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
import io.coseiot.cose.message.MacMessage;
import io.coseiot.cose.message.RecipientSpec;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.cose.message.SignMessage;
import io.coseiot.vectors.examples.ExampleHeaders;
import io.coseiot.vectors.examples.Structure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds positive vectors with the library: the JSON input is written first, the library's objects
 * are read from it (as an Examples runner would), and the message is created with a {@link
 * HmacDrbg} whose draws become {@code rng_stream}.
 */
final class Positives {
  static final String PLAINTEXT = "This is the content.";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final long seed;
  private final String profile;
  private final TestKeys keys;

  Positives(long seed, String profile) {
    this.seed = seed;
    this.profile = profile;
    this.keys = new TestKeys(seed);
  }

  /** The seed's keys, shared with the MQTT vectors. */
  TestKeys keys() {
    return keys;
  }

  /** How an Encrypt0 gets its nonce. */
  enum Nonce {
    /** A random IV in the unprotected bucket. */
    IV,
    /** A Partial IV with the Base IV in the key; the nonce's first byte is not zero. */
    PARTIAL_IV,
    /** A Partial IV whose nonce starts with a zero byte. */
    PARTIAL_IV_LEADING_ZERO
  }

  Built encrypt0(Algorithm alg, Variant v, Nonce nonce) throws CoseException {
    String name =
        "encrypt0/"
            + AlgNames.slug(alg)
            + "-"
            + v.suffix()
            + switch (nonce) {
              case IV -> "";
              case PARTIAL_IV -> "-piv";
              case PARTIAL_IV_LEADING_ZERO -> "-piv0";
            };
    ObjectNode keyJson = keys.symmetric(AlgNames.slug(alg), alg.keyBits() / 8);
    ObjectNode s = F.objectNode();
    algHeaders(s, alg, v);
    CoseKey key = TestKeys.toKey(keyJson);
    if (nonce != Nonce.IV) {
      HmacDrbg ivs = new HmacDrbg(seed, "base-iv:" + name);
      byte[] base = ivs.bytes(nonceLength(alg));
      base[0] = nonce == Nonce.PARTIAL_IV ? (byte) (base[0] | 0x80) : 0;
      byte[] partial = {0x00, (byte) 0x2a};
      byte[] full = base.clone();
      full[full.length - 1] ^= partial[1];
      ((ObjectNode) s.get("unprotected")).put("partialIV_hex", HEX.formatHex(partial));
      s.putObject("unsent").put("IV_hex", HEX.formatHex(full));
      CBORObject map = key.toCbor();
      map.set(CBORObject.FromObject(KeyLabel.BASE_IV), CBORObject.FromObject(base));
      key = CoseKey.fromCbor(map);
    }
    byte[] aad = aad(name, v);
    s.put("external", HEX.formatHex(aad));
    s.putArray("recipients")
        .addObject()
        .<ObjectNode>set("key", keyJson)
        .putObject("unprotected")
        .put("alg", "direct");
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    Headers h = headers(s);
    byte[] out = Encrypt0Message.encryptForTestVectors(key, pt(), aad, h, rng).encode(v.tagged());
    ObjectNode inter = F.objectNode();
    inter.put("AAD_hex", hex(Structures.enc("Encrypt0", h.authenticatedProtected(), aad)));
    inter.put("CEK_hex", hex(key.getBytes(KeyLabel.K)));
    return finish(
        name, Structure.ENCRYPTED, s, v, rng, inter, out, h, alg, "direct", key, nonce.name());
  }

  Built mac0(Algorithm alg, Variant v) throws CoseException {
    String name = "mac0/" + AlgNames.slug(alg) + "-" + v.suffix();
    ObjectNode keyJson = keys.symmetric(AlgNames.slug(alg), alg.keyBits() / 8);
    ObjectNode s = F.objectNode();
    algHeaders(s, alg, v);
    byte[] aad = aad(name, v);
    s.put("external", HEX.formatHex(aad));
    s.putArray("recipients")
        .addObject()
        .<ObjectNode>set("key", keyJson)
        .putObject("unprotected")
        .put("alg", "direct");
    CoseKey key = TestKeys.toKey(keyJson);
    Headers h = headers(s);
    Mac0Message m = Mac0Message.createForTestVectors(key, pt(), aad, h);
    byte[] out = (v.detached() ? m.detach() : m).encode(v.tagged());
    ObjectNode inter = F.objectNode();
    inter.put("ToMac_hex", hex(Structures.mac("MAC0", h.authenticatedProtected(), aad, pt())));
    inter.put("CEK_hex", hex(key.getBytes(KeyLabel.K)));
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    return finish(name, Structure.MAC0, s, v, rng, inter, out, h, alg, "direct", key, null);
  }

  Built sign1(Algorithm alg, Curve curve, Variant v) throws CoseException {
    String label = AlgNames.slug(alg) + (alg == Algorithm.EDDSA ? "-" + slug(curve) : "");
    String name = "sign1/" + label + "-" + v.suffix();
    ObjectNode keyJson = keys.pair(label, curve);
    ObjectNode s = F.objectNode();
    s.set("key", keyJson);
    algHeaders(s, alg, v);
    ((ObjectNode) s.get("unprotected")).put("kid", keyJson.get("kid").asText());
    byte[] aad = aad(name, v);
    s.put("external", HEX.formatHex(aad));
    CoseKey key = TestKeys.toKey(keyJson);
    Headers h = headers(s);
    Sign1Message m = Sign1Message.signForTestVectors(key, pt(), aad, h);
    byte[] tbs = Structures.sig1(h.authenticatedProtected(), aad, pt());
    byte[] out = (v.detached() ? m.detach() : m).encode(v.tagged());
    out = deterministic(alg, key, tbs, m.signature(), out);
    ObjectNode inter = F.objectNode();
    inter.put("ToBeSign_hex", hex(tbs));
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    return finish(name, Structure.SIGN0, s, v, rng, inter, out, h, alg, null, key, null);
  }

  /** One recipient of a COSE_Encrypt or COSE_Mac. */
  record RecipientCase(Algorithm alg, Curve curve) {
    String slug() {
      return AlgNames.slug(alg) + (curve == null ? "" : "-" + Positives.slug(curve));
    }
  }

  Built enveloped(Algorithm content, RecipientCase rc, Variant v) throws CoseException {
    String name = "enveloped/" + AlgNames.slug(content) + "-" + rc.slug() + "-" + v.suffix();
    ObjectNode s = F.objectNode();
    algHeaders(s, content, v);
    byte[] aad = aad(name, v);
    s.put("external", HEX.formatHex(aad));
    ObjectNode r = recipient(rc, content);
    s.putArray("recipients").add(r);
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    Headers h = headers(s);
    EncryptMessage m = EncryptMessage.encryptForTestVectors(List.of(spec(r)), pt(), aad, h, rng);
    byte[] out = m.encode(v.tagged());
    ObjectNode inter = F.objectNode();
    inter.put("AAD_hex", hex(Structures.enc("Encrypt", h.authenticatedProtected(), aad)));
    return finish(
        name, Structure.ENVELOPED, s, v, rng, inter, out, h, content, rc.slug(), null, null);
  }

  Built mac(Algorithm macAlg, RecipientCase rc, Variant v) throws CoseException {
    String name = "mac/" + AlgNames.slug(macAlg) + "-" + rc.slug() + "-" + v.suffix();
    ObjectNode s = F.objectNode();
    algHeaders(s, macAlg, v);
    byte[] aad = aad(name, v);
    s.put("external", HEX.formatHex(aad));
    ObjectNode r = recipient(rc, macAlg);
    s.putArray("recipients").add(r);
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    Headers h = headers(s);
    MacMessage m = MacMessage.createForTestVectors(List.of(spec(r)), pt(), aad, h, rng);
    byte[] out = (v.detached() ? m.detach() : m).encode(v.tagged());
    ObjectNode inter = F.objectNode();
    inter.put("ToMac_hex", hex(Structures.mac("MAC", h.authenticatedProtected(), aad, pt())));
    return finish(name, Structure.MAC, s, v, rng, inter, out, h, macAlg, rc.slug(), null, null);
  }

  /** A COSE_Sign with one signer per entry; the body's protected bucket holds ctyp 0 or nothing. */
  Built sign(List<RecipientCase> signerCases, Variant v) throws CoseException {
    StringBuilder label = new StringBuilder();
    for (RecipientCase c : signerCases) {
      label.append(label.length() == 0 ? "" : "+").append(c.slug());
    }
    String name = "sign/" + label + "-" + v.suffix();
    ObjectNode s = F.objectNode();
    ObjectNode prot = F.objectNode();
    if (v.protectedAlg()) {
      prot.put("ctyp", 0);
    }
    s.set("protected", prot);
    s.putObject("unprotected");
    byte[] aad = aad(name, v);
    s.put("external", HEX.formatHex(aad));
    ArrayNode signers = s.putArray("signers");
    List<SignMessage.Signer> list = new ArrayList<>();
    List<CoseKey> signerKeys = new ArrayList<>();
    for (RecipientCase c : signerCases) {
      ObjectNode g = signers.addObject();
      ObjectNode k = keys.pair(c.slug(), c.curve());
      g.set("key", k);
      g.putObject("protected").put("alg", AlgNames.name(c.alg()));
      g.putObject("unprotected").put("kid", k.get("kid").asText());
      signerKeys.add(TestKeys.toKey(k));
      list.add(
          SignMessage.Signer.forTestVectors(signerKeys.get(signerKeys.size() - 1), headers(g)));
    }
    Headers h = headers(s);
    SignMessage m = SignMessage.sign(list, pt(), aad, h);
    byte[] out = (v.detached() ? m.detach() : m).encode(v.tagged());
    ArrayNode sigInter = F.arrayNode();
    for (int i = 0; i < list.size(); i++) {
      byte[] tbs =
          Structures.sig(
              h.authenticatedProtected(),
              m.signatures().get(i).headers().authenticatedProtected(),
              aad,
              pt());
      sigInter.addObject().put("ToBeSign_hex", hex(tbs));
      out =
          deterministic(
              signerCases.get(i).alg(),
              signerKeys.get(i),
              tbs,
              m.signatures().get(i).signature(),
              out);
    }
    ObjectNode inter = F.objectNode();
    inter.set("signers", sigInter);
    HmacDrbg rng = new HmacDrbg(seed, "rng:" + name);
    Algorithm first = signerCases.get(0).alg();
    return finish(name, Structure.SIGN, s, v, rng, inter, out, h, first, null, null, null);
  }

  private ObjectNode recipient(RecipientCase rc, Algorithm content) {
    ObjectNode r = F.objectNode();
    Algorithm a = rc.alg();
    ObjectNode key;
    switch (a.kind()) {
      case DIRECT ->
          key = keys.symmetric("direct-" + AlgNames.slug(content), content.keyBits() / 8);
      case DIRECT_KDF -> key = keys.symmetric(rc.slug(), kdfKeyBytes(a));
      case KEY_WRAP -> key = keys.symmetric(rc.slug(), a.keyBits() / 8);
      default -> key = keys.pair(rc.slug() + "-recipient", rc.curve());
    }
    r.set("key", key);
    ObjectNode u = r.putObject("unprotected");
    u.put("alg", AlgNames.name(a));
    u.put("kid", key.get("kid").asText());
    if (a == Algorithm.DIRECT_HKDF_SHA_256 || a == Algorithm.DIRECT_HKDF_SHA_512) {
      u.put("salt", "cose-iot salt");
    }
    if (a.name().startsWith("ECDH_SS")) {
      r.set("sender_key", keys.pair(rc.slug() + "-sender", rc.curve()));
    }
    return r;
  }

  private static int kdfKeyBytes(Algorithm a) {
    return a == Algorithm.DIRECT_HKDF_AES_128 ? 16 : 32;
  }

  private static RecipientSpec spec(ObjectNode r) throws CoseException {
    CoseKey sender = r.has("sender_key") ? TestKeys.toKey((ObjectNode) r.get("sender_key")) : null;
    return new RecipientSpec(
        headers(r), TestKeys.toKey((ObjectNode) r.get("key")), sender, KdfInfo.NONE, false);
  }

  static byte[] deterministic(Algorithm alg, CoseKey key, byte[] tbs, byte[] randomSig, byte[] out)
      throws CoseException {
    if (!DeterministicEcdsa.isEcdsa(alg)) {
      return out;
    }
    return DeterministicEcdsa.replace(out, randomSig, DeterministicEcdsa.sign(alg, key, tbs));
  }

  private static void algHeaders(ObjectNode s, Algorithm alg, Variant v) {
    ObjectNode p = F.objectNode();
    ObjectNode u = F.objectNode();
    (v.protectedAlg() ? p : u).put("alg", AlgNames.name(alg));
    s.set("protected", p);
    s.set("unprotected", u);
    s.put("alg", AlgNames.name(alg));
  }

  static Headers headers(ObjectNode holder) throws CoseException {
    return Headers.of(
        ExampleHeaders.bucket(holder, "protected"), ExampleHeaders.bucket(holder, "unprotected"));
  }

  private byte[] aad(String name, Variant v) {
    return v.externalAad() ? new HmacDrbg(seed, "aad:" + name).bytes(16) : new byte[0];
  }

  static byte[] pt() {
    return PLAINTEXT.getBytes(StandardCharsets.UTF_8);
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  static String slug(Curve c) {
    return c.coseName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static int nonceLength(Algorithm alg) {
    return switch (alg) {
      case A128GCM, A192GCM, A256GCM, CHACHA20_POLY1305 -> 12;
      case AES_CCM_16_64_128, AES_CCM_16_64_256, AES_CCM_16_128_128, AES_CCM_16_128_256 -> 13;
      default -> 7;
    };
  }

  Built finish(
      String name,
      Structure st,
      ObjectNode s,
      Variant v,
      HmacDrbg rng,
      ObjectNode inter,
      byte[] out,
      Headers h,
      Algorithm alg,
      String keyDistribution,
      CoseKey key,
      String nonce)
      throws CoseException {
    ObjectNode root = F.objectNode();
    root.put("title", name + ": " + st.coseName() + " " + AlgNames.name(alg));
    ObjectNode input = root.putObject("input");
    input.put("plaintext", PLAINTEXT);
    input.set(st.jsonKey(), s);
    if (v.detached()) {
      input.put("detached", true);
    }
    ArrayNode stream = input.putArray("rng_stream");
    rng.takeDraws().forEach(d -> stream.add(hex(d)));
    root.set("intermediates", inter);
    root.putObject("output").put("cbor", hex(out));
    ObjectNode ext = root.putObject("coseiot");
    ext.put("format", VectorGenerator.FORMAT_VERSION);
    ext.put("profile", profile);
    ext.put("seed", seed);
    ext.put("structure", st.coseName());
    ext.put("alg", alg.id());
    ext.put("tagged", v.tagged());
    ext.put("protected", v.protectedAlg() ? "alg" : "empty");
    ext.put("external_aad", v.externalAad());
    ext.put("detached", v.detached());
    if (keyDistribution != null) {
      ext.put("key_distribution", keyDistribution);
    }
    if (nonce != null) {
      ext.put("nonce", nonce.toLowerCase(java.util.Locale.ROOT));
    }
    if (key != null) {
      ext.put("key_cbor", hex(key.encode()));
    }
    ext.put("protected_hex", hex(h.protectedBytes()));
    return new Built(name, st, root, out, h.protectedBytes());
  }
}
