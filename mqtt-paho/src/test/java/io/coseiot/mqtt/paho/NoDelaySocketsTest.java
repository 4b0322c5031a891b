package io.coseiot.mqtt.paho;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The sockets Paho gets send each packet at once, and TLS stays where it was asked for. */
class NoDelaySocketsTest {
  @Test
  void tcpSocketsHaveNagleOff() throws Exception {
    SocketFactory f = NoDelaySockets.forUri("tcp://127.0.0.1:1883", null);
    assertFalse(f instanceof SSLSocketFactory);
    try (Socket s = f.createSocket()) {
      assertTrue(s.getTcpNoDelay());
    }
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket s = f.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      assertTrue(s.getTcpNoDelay());
    }
  }

  @Test
  void tlsSocketsHaveNagleOffWithTheGivenContextOrTheDefault() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, null, null);
    for (SSLContext tls : new SSLContext[] {ctx, null}) {
      SocketFactory f = NoDelaySockets.forUri("ssl://broker.example:8883", tls);
      assertInstanceOf(SSLSocketFactory.class, f);
      try (Socket s = f.createSocket()) {
        assertInstanceOf(SSLSocket.class, s);
        assertTrue(s.getTcpNoDelay());
      }
    }
  }

  @Test
  void tlsContextWithTcpUriStaysATlsFactoryThatPahoRefuses() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, null, null);
    assertInstanceOf(SSLSocketFactory.class, NoDelaySockets.forUri("tcp://127.0.0.1:1883", ctx));
    SecureMqttOptions o =
        SecureMqttOptions.builder("tcp://127.0.0.1:1").sslContext(ctx).clientId("x").build();
    try (SecureMqttClient c = PahoMqtt.client(o).codec(Codecs.encrypt0()).build()) {
      SecureMqttException e = assertThrows(SecureMqttException.class, c::connect);
      assertTrue(String.valueOf(e.getCause()).contains("32105"), String.valueOf(e.getCause()));
    }
  }

  @Test
  void otherSchemesAreLeftToPaho() {
    assertNull(NoDelaySockets.forUri("ws://127.0.0.1:8080", null));
    assertNull(NoDelaySockets.forUri("not a uri", null));
  }
}
