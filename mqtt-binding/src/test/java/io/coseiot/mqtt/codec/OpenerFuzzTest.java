package io.coseiot.mqtt.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coseiot.cose.exception.CoseException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Coverage-guided fuzzing of {@link PayloadOpener#open} in each seal mode, on the payload as it
 * arrives from the broker. The opener turns any failure into a {@link RejectedMessageException};
 * one made by its catch-all for unexpected exceptions is a finding, as is anything else thrown, or
 * more than 100 ms on an input of up to 1 KiB. Corpus: {@code OpenerFuzzTestInputs/<target>} beside
 * this class, sealed by {@link OpenerSeeds} (docs/fuzzing.md).
 */
class OpenerFuzzTest {
  private static final Map<FuzzCodecs, CoseMqttCodec> SUBSCRIBERS = subscribers();
  private static final int BUDGET_INPUT_BYTES = 1024;
  private static final long BUDGET_MILLIS = 100;
  // A slow run is tried again before it counts: a GC pause or a JIT compilation on a loaded
  // 2-core machine is not the input's fault, while a slow input is slow every time.
  private static final int TRIES = 3;

  @FuzzTest
  void encrypt0(byte[] payload) throws Exception {
    open(FuzzCodecs.ENCRYPT0, payload);
  }

  @FuzzTest
  void sign1(byte[] payload) throws Exception {
    open(FuzzCodecs.SIGN1, payload);
  }

  @FuzzTest
  void sign1InEncrypt0(byte[] payload) throws Exception {
    open(FuzzCodecs.SIGN1_IN_ENCRYPT0, payload);
  }

  @FuzzTest
  void encryptEcdh(byte[] payload) throws Exception {
    open(FuzzCodecs.ENCRYPT_ECDH, payload);
  }

  @FuzzTest
  void mac0(byte[] payload) throws Exception {
    open(FuzzCodecs.MAC0, payload);
  }

  /**
   * Opens with a fresh opener (fresh replay state) each run, so a run depends on its input only.
   */
  private static void open(FuzzCodecs c, byte[] payload) throws CoseException {
    CoseMqttCodec codec = SUBSCRIBERS.get(c);
    String topic = c.wireTopic();
    String type = c.contentType();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < TRIES; i++) {
      PayloadOpener opener = codec.opener();
      long start = System.nanoTime();
      try {
        opener.open(topic, payload, type, Map.of());
      } catch (RejectedMessageException e) {
        if (e.getMessage().startsWith(e.reason() + ": " + CodecOpener.UNEXPECTED)) {
          throw leaked(e.getCause());
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (payload.length > BUDGET_INPUT_BYTES || millis <= BUDGET_MILLIS) {
        return;
      }
      best = Math.min(best, millis);
    }
    throw new AssertionError(
        payload.length + "-byte payload took " + best + " ms at best; budget " + BUDGET_MILLIS);
  }

  /** The exception the catch-all caught, rethrown as itself so Jazzer tells findings apart. */
  private static RuntimeException leaked(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new AssertionError("the opener's catch-all caught " + t, t);
  }

  private static Map<FuzzCodecs, CoseMqttCodec> subscribers() {
    Map<FuzzCodecs, CoseMqttCodec> m = new EnumMap<>(FuzzCodecs.class);
    try {
      for (FuzzCodecs c : FuzzCodecs.values()) {
        m.put(c, c.subscriber());
      }
    } catch (CoseException e) {
      throw new IllegalStateException("the fuzz codecs", e);
    }
    return m;
  }
}
