package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CriticalHeaderException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One test per misuse that issue 14 lists for core, each showing what the API does now instead:
 * content only after verification, no caller IV outside the test-vector path, the key's alg and kid
 * sent without being repeated, alg protected unless a decode option says otherwise, nulls named at
 * the boundary, one argument order, two decode methods per type.
 */
class SafeApiTest {
  private static final byte[] CONTENT = "21.5".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KID = {'k', '1'};
  private static final byte[] IV = new byte[12];
  private static final List<Class<?>> MESSAGES =
      List.of(
          Encrypt0Message.class,
          EncryptMessage.class,
          Sign1Message.class,
          SignMessage.class,
          Mac0Message.class,
          MacMessage.class);

  private static CoseKey aesKey() {
    return CoseKey.symmetric(new byte[16]).algorithm(Algorithm.A128GCM).keyId(KID).build();
  }

  @Test
  void signedOrMacedContentIsReadOnlyFromVerify() throws Exception {
    CoseKey signer = CoseKey.generate(Algorithm.ES256);
    byte[] wire = Sign1Message.sign(signer, CONTENT, null).encode();
    assertArrayEquals(CONTENT, Sign1Message.decode(wire).verify(signer.publicKey(), null));
    CoseKey stranger = CoseKey.generate(Algorithm.ES256).publicKey();
    assertThrows(
        AuthenticationException.class, () -> Sign1Message.decode(wire).verify(stranger, null));

    CoseKey macKey = CoseKey.generate(Algorithm.HMAC_256_256);
    byte[] tagged = Mac0Message.create(macKey, CONTENT, null).encode();
    assertArrayEquals(CONTENT, Mac0Message.decode(tagged).verify(macKey, null));
    // No public method hands out the payload of a signed or MACed message unverified.
    for (Class<?> c : List.of(Sign1Message.class, SignMessage.class, Mac0Message.class)) {
      for (Method m : c.getMethods()) {
        assertFalse(m.getName().equals("payload"), c.getSimpleName() + " has payload()");
      }
    }
    assertFalse(
        Arrays.stream(MacMessage.class.getMethods()).anyMatch(m -> m.getName().equals("payload")));
  }

  @Test
  void encryptDrawsItsOwnIvAndRefusesOneInTheHeaders() throws Exception {
    CoseKey key = aesKey();
    Headers first = Encrypt0Message.encrypt(key, CONTENT, null).headers();
    Headers second = Encrypt0Message.encrypt(key, CONTENT, null).headers();
    assertNotNull(first.getBytes(HeaderLabel.IV));
    assertFalse(Arrays.equals(first.getBytes(HeaderLabel.IV), second.getBytes(HeaderLabel.IV)));

    Headers withIv = Headers.of(HeaderMap.empty(), HeaderMap.builder().iv(IV).build());
    NonceException e =
        assertThrows(
            NonceException.class, () -> Encrypt0Message.encrypt(key, CONTENT, null, withIv));
    assertTrue(e.getMessage().contains("ForTestVectors"), e.getMessage());
    Headers withPartial =
        Headers.of(HeaderMap.empty(), HeaderMap.builder().partialIv(new byte[] {1}).build());
    assertThrows(
        NonceException.class, () -> Encrypt0Message.encrypt(key, CONTENT, null, withPartial));
  }

  @Test
  void aFixedIvRepeatedUnderTheSameKeyIsRefused() throws Exception {
    CoseKey key = aesKey();
    Headers h =
        Headers.of(
            HeaderMap.builder().algorithm(Algorithm.A128GCM).build(),
            HeaderMap.builder().iv(IV).build());
    SecureRandom random = new SecureRandom();
    Encrypt0Message.encryptForTestVectors(key, CONTENT, null, h, random);
    NonceException e =
        assertThrows(
            NonceException.class,
            () -> Encrypt0Message.encryptForTestVectors(key, CONTENT, null, h, random));
    assertTrue(e.getMessage().contains("already used under this key"), e.getMessage());
    // Another IV under the same key is fine.
    Headers other =
        Headers.of(
            HeaderMap.builder().algorithm(Algorithm.A128GCM).build(),
            HeaderMap.builder().iv(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).build());
    Encrypt0Message.encryptForTestVectors(key, CONTENT, null, other, random);
  }

  @Test
  void nullsAreRefusedAtTheBoundaryWithTheParameterName() {
    CoseKey key = aesKey();
    Headers h = Headers.empty();
    assertEquals(
        "random",
        assertThrows(
                NullPointerException.class,
                () -> Encrypt0Message.encryptForTestVectors(key, CONTENT, null, h, null))
            .getMessage());
    assertEquals(
        "key",
        assertThrows(NullPointerException.class, () -> Encrypt0Message.encrypt(null, CONTENT, null))
            .getMessage());
    assertEquals(
        "plaintext",
        assertThrows(NullPointerException.class, () -> Encrypt0Message.encrypt(key, null, null))
            .getMessage());
    assertEquals(
        "options",
        assertThrows(NullPointerException.class, () -> Sign1Message.decode(new byte[1], null))
            .getMessage());
  }

  @Test
  void theKeyNamesAlgAndKidOnceAndBothAreSent() throws Exception {
    CoseKey key = aesKey();
    Encrypt0Message received =
        Encrypt0Message.decode(Encrypt0Message.encrypt(key, CONTENT, null).encode());
    assertEquals(Algorithm.A128GCM, received.headers().protectedMap().algorithm());
    assertArrayEquals(KID, received.headers().unprotectedMap().getBytes(HeaderLabel.KID));
    assertArrayEquals(CONTENT, received.decrypt(key, null));
    // Extra headers keep the key's alg and kid.
    Headers type = Headers.of(HeaderMap.builder().contentType(60).build(), HeaderMap.empty());
    Headers sent = Encrypt0Message.encrypt(key, CONTENT, null, type).headers();
    assertEquals(Algorithm.A128GCM, sent.protectedMap().algorithm());
    assertArrayEquals(KID, sent.getBytes(HeaderLabel.KID));
    assertTrue(sent.protectedMap().contains(HeaderLabel.CONTENT_TYPE));
  }

  @Test
  void aHeaderAlgThatContradictsTheKeyIsATypedError() throws Exception {
    Headers other =
        Headers.of(HeaderMap.builder().algorithm(Algorithm.A256GCM).build(), HeaderMap.empty());
    AlgorithmException e =
        assertThrows(
            AlgorithmException.class,
            () -> Encrypt0Message.encrypt(aesKey(), CONTENT, null, other));
    assertTrue(e.getMessage().contains("conflicts with the key's A128GCM"), e.getMessage());
    CoseKey noAlg = CoseKey.symmetric(new byte[16]).build();
    assertThrows(AlgorithmException.class, () -> Encrypt0Message.encrypt(noAlg, CONTENT, null));
  }

  @Test
  void algOnlyUnprotectedIsRefusedUnlessAnOptionAllowsIt() throws Exception {
    Headers unprotectedAlg =
        Headers.of(
            HeaderMap.empty(),
            HeaderMap.builder().algorithm(Algorithm.A128GCM).iv(new byte[12]).build());
    CoseKey key = CoseKey.symmetric(new byte[16]).build();
    byte[] wire =
        Encrypt0Message.encryptForTestVectors(
                key, CONTENT, null, unprotectedAlg, new SecureRandom())
            .encode();
    HeaderException e = assertThrows(HeaderException.class, () -> Encrypt0Message.decode(wire));
    assertTrue(e.getMessage().contains("allowUnprotectedAlg"), e.getMessage());
    DecodeOptions lenient = DecodeOptions.strict().allowUnprotectedAlg();
    assertArrayEquals(CONTENT, Encrypt0Message.decode(wire, lenient).decrypt(key, null));
    // A sender cannot put it there either, outside the test-vector path.
    Headers sending =
        Headers.of(HeaderMap.empty(), HeaderMap.builder().algorithm(Algorithm.A128GCM).build());
    assertThrows(
        HeaderException.class, () -> Encrypt0Message.encrypt(aesKey(), CONTENT, null, sending));
  }

  @Test
  void encryptSignAndMacTakeTheSameArgumentsInTheSameOrder() throws Exception {
    Set<List<Class<?>>> expected =
        Set.of(
            List.of(CoseKey.class, byte[].class, byte[].class),
            List.of(CoseKey.class, byte[].class, byte[].class, Headers.class));
    for (Object[] c :
        List.of(
            new Object[] {Encrypt0Message.class, "encrypt"},
            new Object[] {Sign1Message.class, "sign"},
            new Object[] {Mac0Message.class, "create"})) {
      Set<List<Class<?>>> shapes = new HashSet<>();
      for (Method m : ((Class<?>) c[0]).getMethods()) {
        if (m.getName().equals(c[1])) {
          shapes.add(List.of(m.getParameterTypes()));
        }
      }
      assertEquals(expected, shapes, c[0] + "." + c[1]);
    }
  }

  @Test
  void eachMessageTypeHasTwoDecodeMethodsAndNoCborObjectInItsSignatures() {
    for (Class<?> c : MESSAGES) {
      Set<List<Class<?>>> decodes = new HashSet<>();
      for (Method m : c.getMethods()) {
        if (m.getName().equals("decode") && Modifier.isStatic(m.getModifiers())) {
          decodes.add(List.of(m.getParameterTypes()));
        }
        assertFalse(
            m.getReturnType() == CBORObject.class
                || Arrays.asList(m.getParameterTypes()).contains(CBORObject.class),
            c.getSimpleName() + "." + m.getName() + " exposes CBORObject");
      }
      assertEquals(
          Set.of(List.of(byte[].class), List.of(byte[].class, DecodeOptions.class)),
          decodes,
          c.getSimpleName());
    }
  }

  @Test
  void critIsSetWithoutCborObjectAndItsLabelsAreDecodeOptions() throws Exception {
    Headers h =
        Headers.of(
            HeaderMap.builder().critical(-65537L).set(-65537L, CBORObject.True).build(),
            HeaderMap.empty());
    CoseKey key = aesKey();
    byte[] wire = Encrypt0Message.encrypt(key, CONTENT, null, h).encode();
    assertThrows(CriticalHeaderException.class, () -> Encrypt0Message.decode(wire));
    DecodeOptions understood = DecodeOptions.strict().withUnderstoodLabels(Set.of(-65537L));
    assertArrayEquals(CONTENT, Encrypt0Message.decode(wire, understood).decrypt(key, null));
  }
}
