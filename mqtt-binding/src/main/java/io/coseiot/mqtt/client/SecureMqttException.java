package io.coseiot.mqtt.client;

/**
 * A client that cannot be built (the message says what to set), or an operation that failed:
 * connect, subscribe, publish (through its future), unsubscribe or disconnect. The message says
 * what was being done and why; the cause, when there is one, is the sealer's {@code CoseException}
 * or the MQTT library's own exception.
 */
public final class SecureMqttException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the client's exception, or null
   */
  public SecureMqttException(String message, Throwable cause) {
    super(message, cause);
  }
}
