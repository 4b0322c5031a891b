package io.coseiot.cose.message;

import static io.coseiot.cose.message.Strict.hex;
import static io.coseiot.cose.message.Strict.throwsExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CriticalHeaderException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.exception.TagException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Structural strictness of message decoding: tags, arity, element types, header buckets. */
class DecodingStrictnessTest {
  // [h'A10101' (alg A128GCM), {}, nil]: a structurally valid, detached COSE_Encrypt0.
  private static final String ENCRYPT0 = "83 43a10101 a0 f6";
  // [h'A10126' (alg ES256), {}, nil, h'']: a structurally valid COSE_Sign1.
  private static final String SIGN1 = "84 43a10126 a0 f6 40";

  @Test
  void tagPolicyRequired() throws Exception {
    throwsExactly(
        TagException.class,
        () ->
            Encrypt0Message.decode(
                hex(ENCRYPT0), DecodeOptions.strict().withTagPolicy(TagPolicy.REQUIRED)));
    // Tag 16 (0xD0) is COSE_Encrypt0's.
    Encrypt0Message.decode(
        hex("d0" + ENCRYPT0), DecodeOptions.strict().withTagPolicy(TagPolicy.REQUIRED));
  }

  @Test
  void tagPolicyOptional() throws Exception {
    Encrypt0Message.decode(hex(ENCRYPT0));
    Encrypt0Message.decode(hex("d0" + ENCRYPT0));
  }

  @Test
  void tagPolicyProhibited() throws Exception {
    Encrypt0Message.decode(
        hex(ENCRYPT0), DecodeOptions.strict().withTagPolicy(TagPolicy.PROHIBITED));
    throwsExactly(
        TagException.class,
        () ->
            Encrypt0Message.decode(
                hex("d0" + ENCRYPT0), DecodeOptions.strict().withTagPolicy(TagPolicy.PROHIBITED)));
  }

  @Test
  void tagOfAnotherMessageTypeIsRefusedUnderEveryPolicy() {
    for (TagPolicy p : TagPolicy.values()) {
      // Tag 17 (0xD1) is COSE_Mac0's, tag 98 (0xD862) COSE_Sign's, tag 18 (0xD2) COSE_Sign1's.
      throwsExactly(
          TagException.class,
          () ->
              Encrypt0Message.decode(
                  hex("d1" + ENCRYPT0), DecodeOptions.strict().withTagPolicy(p)));
      throwsExactly(
          TagException.class,
          () -> Sign1Message.decode(hex("d862" + SIGN1), DecodeOptions.strict().withTagPolicy(p)));
      throwsExactly(
          TagException.class,
          () -> Mac0Message.decode(hex("d2" + SIGN1), DecodeOptions.strict().withTagPolicy(p)));
    }
  }

  @Test
  void wrongArity() {
    throwsExactly(StructureException.class, () -> Encrypt0Message.decode(hex("82 43a10101 a0")));
    throwsExactly(
        StructureException.class, () -> Encrypt0Message.decode(hex("84 43a10101 a0 f6 f6")));
    throwsExactly(StructureException.class, () -> Sign1Message.decode(hex("83 43a10126 a0 f6")));
    throwsExactly(StructureException.class, () -> Sign1Message.decode(hex("a0")));
    // COSE_Signature with two elements instead of three.
    throwsExactly(
        StructureException.class, () -> SignMessage.decode(hex("84 40 a0 f6 81 82 43a10126 a0")));
  }

  @Test
  void wrongElementTypes() {
    // Payload an int, then a text string.
    throwsExactly(StructureException.class, () -> Sign1Message.decode(hex("84 43a10126 a0 01 40")));
    throwsExactly(
        StructureException.class, () -> Sign1Message.decode(hex("84 43a10126 a0 6161 40")));
    // Signature nil, and a MAC tag nil.
    throwsExactly(StructureException.class, () -> Sign1Message.decode(hex("84 43a10126 a0 40 f6")));
    throwsExactly(StructureException.class, () -> Mac0Message.decode(hex("84 43a10105 a0 40 f6")));
    // Ciphertext an array.
    throwsExactly(StructureException.class, () -> Encrypt0Message.decode(hex("83 43a10101 a0 80")));
    // Protected bucket a map, not a bstr wrapping one; unprotected bucket an array.
    throwsExactly(HeaderException.class, () -> Sign1Message.decode(hex("84 a10126 a0 40 40")));
    throwsExactly(HeaderException.class, () -> Sign1Message.decode(hex("84 43a10126 80 40 40")));
    // A protected bstr that holds something other than a map.
    throwsExactly(HeaderException.class, () -> Sign1Message.decode(hex("84 4101 a0 40 40")));
    // Recipients not an array, and an empty array.
    throwsExactly(
        StructureException.class, () -> EncryptMessage.decode(hex("84 43a10101 a0 f6 a0")));
    throwsExactly(
        StructureException.class, () -> EncryptMessage.decode(hex("84 43a10101 a0 f6 80")));
  }

  @Test
  void duplicateLabels() {
    // kid twice in the unprotected bucket, then alg twice inside the protected bstr.
    throwsExactly(
        HeaderException.class, () -> Encrypt0Message.decode(hex("83 43a10101 a2 0440 0440 f6")));
    throwsExactly(
        HeaderException.class, () -> Encrypt0Message.decode(hex("83 45a201010101 a0 f6")));
    // The same text label twice.
    throwsExactly(
        HeaderException.class,
        () -> Encrypt0Message.decode(hex("83 43a10101 a2 616101 616102 f6")));
  }

  @Test
  void labelInBothBuckets() {
    throwsExactly(
        HeaderException.class, () -> Encrypt0Message.decode(hex("83 43a10101 a10101 f6")));
  }

  @Test
  void critMustBeProtected() {
    // {2: [4], 4: h''} in the unprotected bucket.
    throwsExactly(
        CriticalHeaderException.class,
        () -> Encrypt0Message.decode(hex("83 43a10101 a2 028104 0440 f6")));
  }

  @Test
  void critMustNotBeEmpty() {
    // Protected {1: 1, 2: []}.
    throwsExactly(
        CriticalHeaderException.class, () -> Encrypt0Message.decode(hex("83 45a2010102 80 a0 f6")));
  }

  @Test
  void critMustNameAPresentLabel() {
    // Protected {1: 1, 2: [4]} with kid (4) absent from the protected bucket; a kid in the
    // unprotected bucket does not count.
    throwsExactly(
        CriticalHeaderException.class,
        () -> Encrypt0Message.decode(hex("83 46a201010281 04 a10440 f6")));
  }

  @Test
  void critMustNameAnUnderstoodLabel() throws Exception {
    // Protected {1: 1, 2: [65535], 65535: 1}: an application label.
    String withAppLabel = "83 4ca3 0101 028119ffff 19ffff01 a0 f6";
    throwsExactly(CriticalHeaderException.class, () -> Encrypt0Message.decode(hex(withAppLabel)));
    Encrypt0Message m =
        Encrypt0Message.decode(
            hex(withAppLabel), DecodeOptions.strict().withUnderstoodLabels(Set.of(65535L)));
    assertEquals(Algorithm.A128GCM, m.headers().algorithm("test"));
    assertNull(m.ciphertext());
    // Text labels work the same way: protected {1: 1, 2: ["app"], "app": 0}.
    String textLabel = "83 4ea3 0101 0281 63617070 63617070 00 a0 f6";
    throwsExactly(CriticalHeaderException.class, () -> Encrypt0Message.decode(hex(textLabel)));
    Encrypt0Message.decode(
        hex(textLabel),
        DecodeOptions.strict()
            .withTagPolicy(TagPolicy.PROHIBITED)
            .withUnderstoodLabels(Set.of("app")));
    // Generic labels are understood without being listed: protected {1: 1, 2: [1]}.
    Encrypt0Message.decode(hex("83 46a20101028101 a0 f6"));
  }
}
