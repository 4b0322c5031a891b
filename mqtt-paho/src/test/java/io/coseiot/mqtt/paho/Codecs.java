package io.coseiot.mqtt.paho;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKeyset;

/** Codecs for the tests of this module: Encrypt0 under one derived keyset for {@code site/#}. */
final class Codecs {
  private Codecs() {}

  static Keyring keyring() {
    return Keyring.builder()
        .add(TopicKeyset.derived("site/#", Algorithm.A128GCM, new byte[32], null))
        .build();
  }

  static CoseMqttCodec encrypt0() throws CoseException {
    return CoseMqttCodec.builder().keyring(keyring()).build();
  }

  static CoseMqttCodec encrypt0(MqttVersion version) throws CoseException {
    return CoseMqttCodec.builder().keyring(keyring()).mqttVersion(version).build();
  }
}
