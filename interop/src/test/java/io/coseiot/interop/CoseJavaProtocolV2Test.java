package io.coseiot.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.EncryptMessage;
import io.coseiot.cose.message.Mac0Message;
import io.coseiot.cose.message.MacMessage;
import io.coseiot.cose.message.RecipientKey;
import io.coseiot.cose.message.RecipientSpec;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.cose.message.SignMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Protocol v2 against COSE-JAVA in its own JVM, both ways: COSE-JAVA opens what the core library
 * made, and the core library opens what COSE-JAVA made from the same inputs. Requests are built
 * here by hand; every expected content is an input, never something the peer answered.
 */
@Tag("interop")
class CoseJavaProtocolV2Test {
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] AAD = "topic/a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CONTENT = "{\"t\":21.5}".getBytes(StandardCharsets.UTF_8);

  private static Peer peer;

  @BeforeAll
  static void start() {
    try {
      peer = CoseJavaPeer.start();
    } catch (IOException e) {
      assumeTrue(false, "COSE-JAVA unavailable: " + e.getMessage());
    }
  }

  @AfterAll
  static void stop() {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void helloSaysProtocol2WithEveryOpAndTheProviderAlgorithms() {
    ObjectNode hello = peer.hello().body();
    assertEquals(2, hello.path("protocol").asInt());
    List<String> ops = strings((ArrayNode) hello.path("ops"));
    for (String op : List.of("encrypt", "decrypt", "mac", "verify_mac", "sign", "verify")) {
      assertTrue(ops.contains(op), op);
    }
    List<String> algs = strings((ArrayNode) hello.path("algorithms"));
    assertTrue(algs.contains("10") && algs.contains("-8"), algs.toString());
  }

  @Test
  void theTestJvmNeverGetsCoseJavasProviders() throws Exception {
    peer.call(encrypt0Request(Algorithm.AES_CCM_16_64_128, bytes(16), bytes(13), false));
    for (Provider p : Security.getProviders()) {
      assertFalse(p.getClass().getClassLoader() instanceof ChildFirstClassLoader, p.getName());
    }
    try (CoseJavaPeer inJvm = CoseJavaPeer.load()) {
      assertEquals(2, inJvm.hello().body().path("protocol").asInt());
      assertFalse(strings((ArrayNode) inJvm.hello().body().path("algorithms")).contains("10"));
    }
  }

  @Test
  void aesCcmBothWays() throws Exception {
    byte[] k = bytes(16);
    byte[] iv = bytes(13);
    Algorithm alg = Algorithm.AES_CCM_16_64_128;
    byte[] ours =
        Encrypt0Message.encryptForTestVectors(sym(k), CONTENT, AAD, headers(alg, iv), RANDOM)
            .encode();
    ObjectNode open = request("decrypt0").put("key", hex(sym(k).encode()));
    open.put("message", hex(ours)).put("external_aad", hex(AAD));
    assertArrayEquals(CONTENT, ok(open).bytes("plaintext"));

    byte[] theirs = ok(encrypt0Request(alg, k, iv, false)).bytes("message");
    assertArrayEquals(CONTENT, Encrypt0Message.decode(theirs).decrypt(sym(k), AAD));
    // AES-CCM with a given IV is deterministic: two implementations, one message.
    assertArrayEquals(ours, theirs);
  }

  @Test
  void ed25519BothWays() throws Exception {
    CoseKey key = KeyPairs.generate(Curve.ED25519, RANDOM);
    Headers h = Headers.of(alg(Algorithm.EDDSA), HeaderMap.empty());
    byte[] ours = Sign1Message.signForTestVectors(key, CONTENT, AAD, h).encode();
    ObjectNode verify = request("verify1").put("key", hex(key.publicKey().encode()));
    verify.put("message", hex(ours)).put("external_aad", hex(AAD));
    assertArrayEquals(CONTENT, ok(verify).bytes("payload"));

    ObjectNode sign = request("sign1").put("key", hex(key.encode())).put("tagged", true);
    sign.put("protected", hex(h.protectedBytes())).put("unprotected", "a0");
    sign.put("payload", hex(CONTENT)).put("external_aad", hex(AAD));
    byte[] theirs = ok(sign).bytes("message");
    Sign1Message.decode(theirs).verify(key.publicKey(), AAD);
    assertArrayEquals(ours, theirs);
  }

  @Test
  void encryptWithDirectAndKeyWrapRecipientsBothWays() throws Exception {
    byte[] kek = bytes(16);
    byte[] cek = bytes(16);
    roundTrip(Algorithm.DIRECT, sym(cek), null, null, null);
    roundTrip(Algorithm.A128KW, sym(kek), null, null, cek);
  }

  @Test
  void encryptWithStaticStaticKeyAgreementBothWays() throws Exception {
    CoseKey receiver = KeyPairs.generate(Curve.P_256, RANDOM);
    CoseKey sender = KeyPairs.generate(Curve.P_256, RANDOM);
    roundTrip(Algorithm.ECDH_SS_HKDF_256, receiver, sender, bytes(32), null);
    roundTrip(Algorithm.ECDH_SS_A128KW, receiver, sender, bytes(32), bytes(16));
  }

  @Test
  void ephemeralKeyAgreementOpensButCoseJavaCannotUseTheGivenEphemeralKey() throws Exception {
    CoseKey receiver = KeyPairs.generate(Curve.P_256, RANDOM);
    for (Algorithm alg : List.of(Algorithm.ECDH_ES_HKDF_256, Algorithm.ECDH_ES_A128KW)) {
      byte[] iv = bytes(12);
      RecipientSpec spec = RecipientSpec.of(recipientHeaders(alg), receiver.publicKey());
      byte[] ours =
          EncryptMessage.encryptForTestVectors(
                  List.of(spec), CONTENT, AAD, headers(Algorithm.A128GCM, iv), RANDOM)
              .encode();
      assertArrayEquals(CONTENT, ok(decryptRequest(ours, receiver)).bytes("plaintext"), alg.name());

      CoseKey ephemeral = KeyPairs.generate(Curve.P_256, RANDOM);
      ObjectNode r = recipient(alg, receiver.publicKey(), ephemeral);
      PeerResponse refused = peer.call(encryptRequest(iv, r, null));
      assertEquals("unsupported", refused.kind(), refused.toString());
      assertTrue(refused.error().contains("ephemeral"), refused.error());
    }
  }

  @Test
  void directHkdfBothWaysButHkdfAesIsAGapNotARejection() throws Exception {
    byte[] secret = bytes(16);
    HeaderMap.Builder withNonce =
        HeaderMap.builder()
            .algorithm(Algorithm.DIRECT_HKDF_SHA_256)
            .set(HeaderLabel.PARTY_U_NONCE, CBORObject.FromObject(bytes(16)));
    Headers rh = Headers.of(HeaderMap.empty(), withNonce.build());
    byte[] iv = bytes(12);
    RecipientSpec spec = RecipientSpec.of(rh, sym(secret));
    Headers h = headers(Algorithm.A128GCM, iv);
    byte[] ours =
        EncryptMessage.encryptForTestVectors(List.of(spec), CONTENT, AAD, h, RANDOM).encode();
    assertArrayEquals(CONTENT, ok(decryptRequest(ours, sym(secret))).bytes("plaintext"));
    ObjectNode r = recipient(Algorithm.DIRECT_HKDF_SHA_256, sym(secret), null);
    r.put("unprotected", hex(rh.unprotectedMap().encode()));
    byte[] theirs = ok(encryptRequest(iv, r, null)).bytes("message");
    assertArrayEquals(
        CONTENT, EncryptMessage.decode(theirs).decrypt(RecipientKey.of(sym(secret)), AAD));

    RecipientSpec aes =
        RecipientSpec.of(recipientHeaders(Algorithm.DIRECT_HKDF_AES_128), sym(secret));
    byte[] hkdfAes =
        EncryptMessage.encryptForTestVectors(List.of(aes), CONTENT, AAD, h, RANDOM).encode();
    PeerResponse gap = peer.call(decryptRequest(hkdfAes, sym(secret)));
    assertEquals("unsupported", gap.kind(), gap.toString());
  }

  @Test
  void staticStaticWithoutAPartyUNonceIsUnsupported() throws Exception {
    CoseKey receiver = KeyPairs.generate(Curve.P_256, RANDOM);
    CoseKey sender = KeyPairs.generate(Curve.P_256, RANDOM);
    ObjectNode r = recipient(Algorithm.ECDH_SS_HKDF_256, receiver.publicKey(), sender);
    PeerResponse refused = peer.call(encryptRequest(bytes(12), r, null));
    assertEquals("unsupported", refused.kind(), refused.toString());
  }

  @Test
  void macWithDirectAndKeyWrapRecipientsBothWays() throws Exception {
    for (boolean wrap : new boolean[] {false, true}) {
      byte[] k = bytes(wrap ? 16 : 32);
      byte[] cek = wrap ? bytes(32) : null;
      Algorithm ra = wrap ? Algorithm.A128KW : Algorithm.DIRECT;
      Headers h = Headers.of(alg(Algorithm.HMAC_256_256), HeaderMap.empty());
      RecipientSpec spec = RecipientSpec.of(recipientHeaders(ra), sym(k));
      byte[] ours =
          MacMessage.createForTestVectors(List.of(spec), CONTENT, AAD, h, RANDOM).encode();
      ObjectNode verify = request("verify_mac").put("message", hex(ours));
      verify.put("external_aad", hex(AAD)).put("recipient", 0).put("key", hex(sym(k).encode()));
      assertArrayEquals(CONTENT, ok(verify).bytes("payload"));

      ObjectNode mac = request("mac").put("alg", Algorithm.HMAC_256_256.id());
      mac.put("protected", hex(h.protectedBytes())).put("unprotected", "a0");
      mac.put("payload", hex(CONTENT)).put("external_aad", hex(AAD)).put("tagged", true);
      if (cek != null) {
        mac.put("cek", hex(cek));
      }
      mac.putArray("recipients").add(recipient(ra, sym(k), null));
      byte[] theirs = ok(mac).bytes("message");
      MacMessage.decode(theirs).verify(RecipientKey.of(sym(k)), AAD);
      if (cek != null) {
        // The content key wrapped is the requested one, not one COSE-JAVA drew itself.
        assertArrayEquals(wrap(k, cek), MacMessage.decode(theirs).recipients().get(0).ciphertext());
      }
    }
  }

  @Test
  void signWithTwoSignersBothWays() throws Exception {
    CoseKey ec = KeyPairs.generate(Curve.P_256, RANDOM);
    CoseKey ed = KeyPairs.generate(Curve.ED25519, RANDOM);
    Headers body = Headers.of(HeaderMap.empty(), HeaderMap.empty());
    Headers h1 = Headers.of(alg(Algorithm.ES256), kid("ec"));
    Headers h2 = Headers.of(alg(Algorithm.EDDSA), kid("ed"));
    List<SignMessage.Signer> signers =
        List.of(
            SignMessage.Signer.forTestVectors(ec, h1), SignMessage.Signer.forTestVectors(ed, h2));
    byte[] ours = SignMessage.sign(signers, CONTENT, AAD, body).encode();
    CoseKey[] keys = {ec, ed};
    for (int i = 0; i < 2; i++) {
      ObjectNode verify = request("verify").put("message", hex(ours)).put("signer", i);
      verify.put("external_aad", hex(AAD)).put("key", hex(keys[i].publicKey().encode()));
      assertArrayEquals(CONTENT, ok(verify).bytes("payload"), "signer " + i);
    }
    ObjectNode otherAad = request("verify").put("message", hex(ours)).put("signer", 0);
    otherAad.put("external_aad", hex(bytes(4))).put("key", hex(ec.publicKey().encode()));
    assertEquals("rejected", peer.call(otherAad).kind());

    ObjectNode sign = signRequest(body, List.of(h1, h2), keys, false);
    SignMessage theirs = SignMessage.decode(ok(sign).bytes("message"));
    assertEquals(2, theirs.signatures().size());
    for (int i = 0; i < 2; i++) {
      theirs.verify(keys[i].publicKey(), theirs.signatures().get(i), AAD);
    }
  }

  @Test
  void coseJavaMakesDetachedEncrypt0Sign1AndSign() throws Exception {
    byte[] k = bytes(16);
    byte[] iv = bytes(12);
    PeerResponse enc = ok(encrypt0Request(Algorithm.A128GCM, k, iv, true));
    Encrypt0Message e = Encrypt0Message.decode(enc.bytes("message"));
    assertNull(e.ciphertext());
    assertArrayEquals(CONTENT, e.decryptDetached(sym(k), enc.bytes("detached_content"), AAD));

    CoseKey key = KeyPairs.generate(Curve.P_256, RANDOM);
    Headers h = Headers.of(alg(Algorithm.ES256), HeaderMap.empty());
    ObjectNode sign1 = request("sign1").put("key", hex(key.encode())).put("tagged", true);
    sign1.put("protected", hex(h.protectedBytes())).put("unprotected", "a0");
    sign1.put("payload", hex(CONTENT)).put("external_aad", hex(AAD)).put("detached", true);
    PeerResponse s1 = ok(sign1);
    Sign1Message m1 = Sign1Message.decode(s1.bytes("message"));
    assertTrue(m1.isDetached());
    assertArrayEquals(CONTENT, s1.bytes("detached_content"));
    m1.verifyDetached(key.publicKey(), CONTENT, AAD);

    Headers body = Headers.of(HeaderMap.empty(), HeaderMap.empty());
    PeerResponse s = ok(signRequest(body, List.of(h), new CoseKey[] {key}, true));
    SignMessage m = SignMessage.decode(s.bytes("message"));
    assertTrue(m.isDetached());
    m.verifyDetached(key.publicKey(), m.signatures().get(0), CONTENT, AAD);

    ObjectNode mac0 =
        request("mac0").put("key", hex(sym(bytes(32)).encode())).put("detached", true);
    mac0.put("protected", hex(alg(Algorithm.HMAC_256_256).encode())).put("unprotected", "a0");
    mac0.put("payload", hex(CONTENT)).put("external_aad", hex(AAD));
    assertEquals("unsupported", peer.call(mac0).kind(), "COSE-JAVA's MAC0 always sends content");
  }

  @Test
  void coseJavaOpensOurDetachedMessagesAndRejectsNilWithoutContent() throws Exception {
    byte[] k = bytes(16);
    Encrypt0Message e =
        Encrypt0Message.encryptForTestVectors(
            sym(k), CONTENT, AAD, headers(Algorithm.A128GCM, bytes(12)), RANDOM);
    ObjectNode decrypt0 = request("decrypt0").put("key", hex(sym(k).encode()));
    decrypt0.put("message", hex(e.detach().encode())).put("external_aad", hex(AAD));
    assertEquals("rejected", peer.call(decrypt0).kind(), "nil content, none given");
    decrypt0.put("detached_content", hex(e.ciphertext()));
    assertArrayEquals(CONTENT, ok(decrypt0).bytes("plaintext"));

    byte[] mk = bytes(32);
    Headers hm = Headers.of(alg(Algorithm.HMAC_256_256), HeaderMap.empty());
    byte[] mac0 = Mac0Message.createForTestVectors(sym(mk), CONTENT, AAD, hm).detach().encode();
    ObjectNode verifyMac0 = request("verify_mac0").put("key", hex(sym(mk).encode()));
    verifyMac0.put("message", hex(mac0)).put("external_aad", hex(AAD));
    verifyMac0.put("detached_content", hex(CONTENT));
    assertArrayEquals(CONTENT, ok(verifyMac0).bytes("payload"));

    byte[] iv = bytes(12);
    RecipientSpec direct = RecipientSpec.of(recipientHeaders(Algorithm.DIRECT), sym(k));
    EncryptMessage enc =
        EncryptMessage.encryptForTestVectors(
            List.of(direct), CONTENT, AAD, headers(Algorithm.A128GCM, iv), RANDOM);
    ObjectNode decrypt = decryptRequest(enc.detach().encode(), sym(k));
    assertEquals("rejected", peer.call(decrypt).kind(), "nil content, none given");
    decrypt.put("detached_content", hex(enc.ciphertext()));
    assertArrayEquals(CONTENT, ok(decrypt).bytes("plaintext"));

    RecipientSpec macDirect = RecipientSpec.of(recipientHeaders(Algorithm.DIRECT), sym(mk));
    byte[] mac =
        MacMessage.createForTestVectors(List.of(macDirect), CONTENT, AAD, hm, RANDOM)
            .detach()
            .encode();
    ObjectNode verifyMac = request("verify_mac").put("message", hex(mac)).put("recipient", 0);
    verifyMac.put("key", hex(sym(mk).encode())).put("external_aad", hex(AAD));
    verifyMac.put("detached_content", hex(CONTENT));
    assertArrayEquals(CONTENT, ok(verifyMac).bytes("payload"));

    CoseKey key = KeyPairs.generate(Curve.P_256, RANDOM);
    Headers hs = Headers.of(alg(Algorithm.ES256), HeaderMap.empty());
    byte[] sign1 = Sign1Message.signForTestVectors(key, CONTENT, AAD, hs).detach().encode();
    ObjectNode verify1 = request("verify1").put("key", hex(key.publicKey().encode()));
    verify1.put("message", hex(sign1)).put("external_aad", hex(AAD));
    verify1.put("detached_content", hex(CONTENT));
    assertArrayEquals(CONTENT, ok(verify1).bytes("payload"));

    Headers body = Headers.of(HeaderMap.empty(), HeaderMap.empty());
    byte[] sign =
        SignMessage.sign(List.of(SignMessage.Signer.forTestVectors(key, hs)), CONTENT, AAD, body)
            .detach()
            .encode();
    ObjectNode verify = request("verify").put("message", hex(sign)).put("signer", 0);
    verify.put("key", hex(key.publicKey().encode())).put("external_aad", hex(AAD));
    verify.put("detached_content", hex(bytes(8)));
    assertEquals("rejected", peer.call(verify).kind(), "other content");
    verify.put("detached_content", hex(CONTENT));
    assertArrayEquals(CONTENT, ok(verify).bytes("payload"));
  }

  @Test
  void aTamperedRecipientMessageIsRejected() throws Exception {
    byte[] kek = bytes(16);
    byte[] iv = bytes(12);
    RecipientSpec spec = RecipientSpec.of(recipientHeaders(Algorithm.A128KW), sym(kek));
    byte[] ours =
        EncryptMessage.encryptForTestVectors(
                List.of(spec), CONTENT, AAD, headers(Algorithm.A128GCM, iv), RANDOM)
            .encode();
    byte[] other = bytes(16);
    assertEquals("rejected", peer.call(decryptRequest(ours, sym(other))).kind(), "wrong KEK");
    ObjectNode outOfRange = decryptRequest(ours, sym(kek)).put("recipient", 1);
    assertEquals("rejected", peer.call(outOfRange).kind(), "no recipient 1");
  }

  /**
   * One recipient kind both ways: COSE-JAVA decrypts the core's COSE_Encrypt, and the core decrypts
   * the one COSE-JAVA makes from the same inputs (for ECDH-SS, with the given nonce).
   */
  private static void roundTrip(
      Algorithm alg, CoseKey receiver, CoseKey sender, byte[] nonce, byte[] cek) throws Exception {
    byte[] iv = bytes(12);
    boolean agreement = sender != null;
    CoseKey recipientKey = agreement ? receiver.publicKey() : receiver;
    HeaderMap.Builder unprot = HeaderMap.builder().algorithm(alg);
    if (nonce != null) {
      unprot.set(HeaderLabel.PARTY_U_NONCE, CBORObject.FromObject(nonce));
    }
    Headers rh = Headers.of(HeaderMap.empty(), unprot.build());
    RecipientSpec spec =
        new RecipientSpec(rh, recipientKey, agreement ? sender : null, null, false);
    byte[] ours =
        EncryptMessage.encryptForTestVectors(
                List.of(spec), CONTENT, AAD, headers(Algorithm.A128GCM, iv), RANDOM)
            .encode();
    assertArrayEquals(CONTENT, ok(decryptRequest(ours, receiver)).bytes("plaintext"), alg.name());

    ObjectNode r = recipient(alg, recipientKey, sender);
    if (nonce != null) {
      HeaderMap withSender =
          unprot.set(HeaderLabel.STATIC_KEY, sender.publicKey().toCbor()).build();
      r.put("unprotected", hex(withSender.encode()));
    }
    byte[] theirs = ok(encryptRequest(iv, r, cek)).bytes("message");
    EncryptMessage m = EncryptMessage.decode(theirs);
    assertArrayEquals(CONTENT, m.decrypt(RecipientKey.of(receiver), AAD), alg.name());
    if (cek != null && !agreement) {
      // The content key wrapped is the requested one, not one COSE-JAVA drew itself.
      assertArrayEquals(wrap(receiver.getBytes(-1), cek), m.recipients().get(0).ciphertext());
    }
  }

  /** RFC 3394 key wrap by the JDK, a third implementation. */
  private static byte[] wrap(byte[] kek, byte[] cek) throws Exception {
    Cipher c = Cipher.getInstance("AESWrap");
    c.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
    return c.wrap(new SecretKeySpec(cek, "AES"));
  }

  private static ObjectNode recipient(Algorithm alg, CoseKey key, CoseKey senderKey) {
    ObjectNode r = JsonNodeFactory.instance.objectNode().put("alg", alg.id());
    r.put("protected", "").put("unprotected", hex(recipientHeaders(alg).unprotectedMap().encode()));
    r.put("key", hex(key.encode()));
    if (senderKey != null) {
      r.put("sender_key", hex(senderKey.encode()));
    }
    return r;
  }

  private static ObjectNode encryptRequest(byte[] iv, ObjectNode recipient, byte[] cek) {
    Headers h = headers(Algorithm.A128GCM, iv);
    ObjectNode req = request("encrypt").put("alg", Algorithm.A128GCM.id()).put("tagged", true);
    req.put("protected", hex(h.protectedBytes()))
        .put("unprotected", hex(h.unprotectedMap().encode()));
    req.put("plaintext", hex(CONTENT)).put("external_aad", hex(AAD));
    if (cek != null) {
      req.put("cek", hex(cek));
    }
    req.putArray("recipients").add(recipient);
    return req;
  }

  private static ObjectNode decryptRequest(byte[] message, CoseKey key) {
    ObjectNode req = request("decrypt").put("message", hex(message)).put("recipient", 0);
    return req.put("key", hex(key.encode())).put("external_aad", hex(AAD));
  }

  private static ObjectNode encrypt0Request(Algorithm alg, byte[] k, byte[] iv, boolean detached) {
    Headers h = headers(alg, iv);
    ObjectNode req = request("encrypt0").put("alg", alg.id()).put("key", hex(sym(k).encode()));
    req.put("protected", hex(h.protectedBytes()))
        .put("unprotected", hex(h.unprotectedMap().encode()));
    req.put("plaintext", hex(CONTENT)).put("external_aad", hex(AAD)).put("tagged", true);
    return req.put("detached", detached);
  }

  private static ObjectNode signRequest(
      Headers body, List<Headers> signerHeaders, CoseKey[] keys, boolean detached) {
    ObjectNode req = request("sign").put("tagged", true).put("detached", detached);
    req.put("protected", hex(body.protectedBytes())).put("unprotected", "a0");
    req.put("payload", hex(CONTENT)).put("external_aad", hex(AAD));
    ArrayNode signers = req.putArray("signers");
    for (int i = 0; i < signerHeaders.size(); i++) {
      Headers h = signerHeaders.get(i);
      ObjectNode s = signers.addObject().put("alg", h.protectedMap().algorithm().id());
      s.put("protected", hex(h.protectedBytes()));
      s.put("unprotected", hex(h.unprotectedMap().encode())).put("key", hex(keys[i].encode()));
    }
    return req;
  }

  private static PeerResponse ok(ObjectNode req) {
    PeerResponse r = peer.call(req);
    assertTrue(r.ok(), req.path("op").asText() + ": " + r);
    return r;
  }

  private static ObjectNode request(String op) {
    return JsonNodeFactory.instance.objectNode().put("op", op);
  }

  private static Headers headers(Algorithm alg, byte[] iv) {
    try {
      return Headers.of(alg(alg), HeaderMap.builder().iv(iv).build());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Headers recipientHeaders(Algorithm alg) {
    try {
      return Headers.of(HeaderMap.empty(), HeaderMap.builder().algorithm(alg).build());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HeaderMap alg(Algorithm alg) {
    return HeaderMap.builder().algorithm(alg).build();
  }

  private static HeaderMap kid(String kid) {
    return HeaderMap.builder().keyId(kid.getBytes(StandardCharsets.UTF_8)).build();
  }

  private static CoseKey sym(byte[] k) {
    return CoseKey.symmetric(k).build();
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  private static List<String> strings(ArrayNode a) {
    return StreamSupport.stream(a.spliterator(), false).map(n -> n.asText()).toList();
  }
}
