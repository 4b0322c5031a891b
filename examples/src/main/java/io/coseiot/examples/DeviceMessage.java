package io.coseiot.examples;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.util.Map;

/**
 * Reads what a device published: the C device library seals in counter mode (its sender id and
 * sequence number make the nonce), and the JVM side opens it with the keys derived from the same
 * master secret.
 */
public final class DeviceMessage {
  private DeviceMessage() {}

  /**
   * Opens a device's payload received on {@code sensors/kitchen/temperature} under key epoch 7.
   *
   * @param masterSecret the device fleet's master secret
   * @param payload the MQTT payload the device published
   * @return the opened message, with the device's sender id and sequence number
   * @throws CoseException if the codec cannot be built
   * @throws RejectedMessageException if the payload does not open, with the reason
   */
  public static OpenedMessage run(byte[] masterSecret, byte[] payload)
      throws CoseException, RejectedMessageException {
    // README:begin
    Keyring keyring =
        Keyring.builder()
            .add(
                TopicKeyset.derived("sensors/+/temperature", Algorithm.A128GCM, masterSecret, null))
            .schedule(RotationSchedule.fixed(7))
            .build();
    PayloadOpener opener = CoseMqttCodec.builder().keyring(keyring).build().opener();
    String contentType = "application/cose; cose-type=\"cose-encrypt0\"";
    OpenedMessage m = opener.open("sensors/kitchen/temperature", payload, contentType, Map.of());
    // m.plaintext(): {"t":21.5}; m.senderId(): the device; m.sequenceNumber(): its counter
    // README:end
    return m;
  }
}
