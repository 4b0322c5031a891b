package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.SealedMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cases of {@link AlgorithmRoundTripTest} without a broker: codec to codec. */
class AlgorithmCasesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(AlgorithmCases.class)
  void sealsAndOpensWithoutABroker(AlgorithmCases c) throws Exception {
    for (MqttVersion v : MqttVersion.values()) {
      AlgorithmCases.Pair p = c.codecs(v, dir);
      byte[] plaintext = ("direct " + c).getBytes(UTF_8);
      SealedMessage m = p.pub().sealer().seal("alg/direct", plaintext);
      OpenedMessage o =
          p.sub().opener().open(m.topic(), m.payload(), m.contentType(), m.userProperties());
      assertArrayEquals(plaintext, o.plaintext());
    }
  }
}
