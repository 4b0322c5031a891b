package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.mqtt.codec.AlgorithmProfile;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.vectors.examples.ExampleResult.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs an example as the plain runner does and, for an MQTT-profile vector ({@code coseiot.mqtt},
 * docs/vectors.md), also as a profile receiver: a fresh {@link CoseMqttCodec} configured from those
 * fields opens {@code received_before} and then the message on its topic with its MQTT v5
 * properties; it must open to the plaintext, or be refused with {@code expected_rejection}. A
 * profile failure fails the example.
 */
public final class MqttProfileRunner {
  private static final HexFormat HEX = HexFormat.of();

  private final Function<Example, ExampleResult> plain;

  /**
   * Wraps a plain runner.
   *
   * @param plain the runner of the standard fields, e.g. {@link ExampleRunner#run}
   */
  public MqttProfileRunner(Function<Example, ExampleResult> plain) {
    this.plain = plain;
  }

  /**
   * Runs one example.
   *
   * @param e the example
   * @return the plain result, failed if the profile receiver disagrees with the vector
   */
  public ExampleResult run(Example e) {
    ExampleResult r = plain.apply(e);
    JsonNode m = e.extension().path("mqtt");
    if (m.isMissingNode() || r.outcome() == Status.FAIL) {
      return r;
    }
    String problem;
    try {
      problem = profileProblem(e, m);
    } catch (Exception x) {
      problem = "profile receiver could not be set up: " + x;
    }
    return problem == null
        ? r
        : new ExampleResult(r.file(), r.title(), Status.FAIL, r.encode(), "profile: " + problem);
  }

  private static String profileProblem(Example e, JsonNode m) throws Exception {
    PayloadOpener opener = codec(e, m).opener();
    String topic = m.get("topic").asText();
    JsonNode ct = m.at("/properties/content_type");
    String contentType = ct.isMissingNode() ? null : ct.asText();
    Map<String, String> props = new HashMap<>();
    for (JsonNode p : m.at("/properties/user_properties")) {
      props.putIfAbsent(p.get(0).asText(), p.get(1).asText());
    }
    for (JsonNode before : m.path("received_before")) {
      try {
        opener.open(topic, HEX.parseHex(before.get("cbor_hex").asText()), contentType, props);
      } catch (RejectedMessageException x) {
        return "received_before " + before.path("title").asText() + " refused: " + x.reason();
      }
    }
    byte[] payload = e.outputCbor();
    // Sign1 in Encrypt0: the codec hands over the inner Sign1's payload.
    byte[] plaintext =
        m.has("inner")
            ? m.at("/inner/plaintext").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)
            : e.plaintext();
    String expected = m.path("expected_rejection").asText(null);
    try {
      OpenedMessage o = opener.open(topic, payload, contentType, props);
      if (expected != null) {
        return "opened, expected " + expected;
      }
      return java.util.Arrays.equals(o.plaintext(), plaintext)
          ? null
          : "opened to another plaintext";
    } catch (RejectedMessageException x) {
      return x.reason().name().equals(expected)
          ? null
          : "refused "
              + x.reason()
              + " ("
              + x.getMessage()
              + "), expected "
              + (expected == null ? "to open" : expected);
    }
  }

  /** The codec a subscriber of the vector's topic would run. */
  private static CoseMqttCodec codec(Example e, JsonNode m) throws Exception {
    SealMode mode = SealMode.valueOf(m.get("mode").asText());
    CoseMqttCodec.Builder b =
        CoseMqttCodec.builder()
            .mode(mode)
            .algorithmProfile(AlgorithmProfile.valueOf(m.get("algorithm_profile").asText()));
    if (m.has("master_secret_hex")) {
      String salt = m.get("master_salt_hex").asText();
      b.keyring(
          Keyring.builder()
              .add(
                  TopicKeyset.derived(
                      m.get("filter").asText(),
                      Algorithm.fromId(m.get("key_alg").asLong()),
                      HEX.parseHex(m.get("master_secret_hex").asText()),
                      salt.isEmpty() ? null : HEX.parseHex(salt)))
              .schedule(RotationSchedule.fixed(m.get("epoch").asLong()))
              .build());
    }
    JsonNode in = e.input();
    switch (mode) {
      case SIGN1 -> b.trustedSigners(List.of(publicKey(in.at("/sign0/key"))));
      case SIGN1_IN_ENCRYPT0 -> b.trustedSigners(List.of(publicKey(m.at("/inner/sign0/key"))));
      case ENCRYPT_ECDH -> {
        List<CoseKey> keys = new ArrayList<>();
        for (JsonNode r : in.at("/enveloped/recipients")) {
          keys.add(ExampleKeys.toCoseKey(r.get("key")));
        }
        b.recipientKeys(keys);
      }
      default -> {}
    }
    return b.build();
  }

  private static CoseKey publicKey(JsonNode key) throws Exception {
    return ExampleKeys.toCoseKey(key).publicKey();
  }
}
