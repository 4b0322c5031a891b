package io.coseiot.mqtt.codec;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** Shared test material. */
final class Fixtures {
  static final byte[] MASTER =
      hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final String FILTER = "sensors/+/temperature";
  static final String TOPIC = "sensors/kitchen/temperature";
  static final long EPOCH = 7;

  private Fixtures() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static Keyring keyring(Algorithm alg) {
    return Keyring.builder()
        .add(TopicKeyset.derived(FILTER, alg, MASTER, null))
        .add(TopicKeyset.derived("other/#", alg, MASTER, null))
        .schedule(RotationSchedule.fixed(EPOCH))
        .build();
  }

  static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  /** A SecureRandom that returns the given bytes, then zeros. */
  static SecureRandom fixedRandom(byte[] bytes) {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;
      private int pos;

      @Override
      public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
          out[i] = pos < bytes.length ? bytes[pos++] : 0;
        }
      }
    };
  }
}
