package io.coseiot.mqtt.client;

/** An MQTT operation of the facade that failed: connect, subscribe, publish or disconnect. */
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
