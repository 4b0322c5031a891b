package io.coseiot.cose.message;

import static io.coseiot.cose.fuzz.Fuzzing.attempt;
import static io.coseiot.cose.fuzz.Fuzzing.withinBudget;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;

/**
 * Coverage-guided fuzzing of the decoders of the six COSE messages and of what a receiver does next
 * with one: open it with the vectors' keys (which the seeds were made with), read and check its
 * countersignatures, encode it again. Without {@code JAZZER_FUZZ} each target runs once per file of
 * its corpus, {@code MessageFuzzTestInputs/<target>} beside this class (docs/fuzzing.md).
 */
class MessageFuzzTest {
  /** Decodes a message; a message decode accepted must decode again once encoded. */
  @FunctionalInterface
  private interface Decoder<T> {
    T decode(byte[] data) throws CoseException;
  }

  @FuzzTest
  void encrypt0(byte[] data) {
    withinBudget(
        data,
        () -> {
          Encrypt0Message m = received(data, Encrypt0Message::decode);
          for (CoseKey k : VectorKeys.SYMMETRIC) {
            attempt(() -> m.decrypt(k, null));
          }
        });
  }

  @FuzzTest
  void encrypt(byte[] data) {
    withinBudget(
        data,
        () -> {
          EncryptMessage m = received(data, EncryptMessage::decode);
          for (RecipientKey k : VectorKeys.RECIPIENTS) {
            attempt(() -> m.decrypt(k, null));
          }
          m.recipients().forEach(MessageFuzzTest::countersignatures);
        });
  }

  @FuzzTest
  void sign1(byte[] data) {
    withinBudget(
        data,
        () -> {
          Sign1Message m = received(data, Sign1Message::decode);
          for (CoseKey k : VectorKeys.SIGNERS) {
            attempt(() -> m.verify(k, null));
          }
        });
  }

  @FuzzTest
  void sign(byte[] data) {
    withinBudget(
        data,
        () -> {
          SignMessage m = received(data, SignMessage::decode);
          for (Signature s : m.signatures()) {
            countersignatures(s);
            for (CoseKey k : VectorKeys.SIGNERS) {
              attempt(() -> m.verify(k, s, null));
            }
          }
        });
  }

  @FuzzTest
  void mac0(byte[] data) {
    withinBudget(
        data,
        () -> {
          Mac0Message m = received(data, Mac0Message::decode);
          for (CoseKey k : VectorKeys.SYMMETRIC) {
            attempt(() -> m.verify(k, null));
          }
        });
  }

  @FuzzTest
  void mac(byte[] data) {
    withinBudget(
        data,
        () -> {
          MacMessage m = received(data, MacMessage::decode);
          for (RecipientKey k : VectorKeys.RECIPIENTS) {
            attempt(() -> m.verify(k, null));
          }
          m.recipients().forEach(MessageFuzzTest::countersignatures);
        });
  }

  /**
   * Decodes, then does what every receiver may: re-encode (which must decode again) and check the
   * countersignatures.
   */
  private static <T extends CoseMessage<T>> T received(byte[] data, Decoder<T> decoder)
      throws CoseException {
    T m = decoder.decode(data);
    byte[] again = m.encode();
    assertTrue(
        attempt(() -> decoder.decode(again)), "the re-encoding of an accepted message is refused");
    countersignatures(m);
    return m;
  }

  private static void countersignatures(CoseStructure<?> s) {
    attempt(
        () -> {
          for (Countersignature c : s.countersignatures()) {
            attempt(() -> s.verifyCountersignature(VectorKeys.P256_11, c, null, Algorithm.ES256));
            attempt(() -> s.verifyCountersignature(VectorKeys.ED25519, c, null, Algorithm.EDDSA));
          }
        });
  }
}
