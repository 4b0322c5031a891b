package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.hivemq.HiveMqMqtt;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** COSE under TLS and mutual TLS to each broker, with certificates made at test time. */
class TlsTest extends BrokerTest {
  private final CoseMqttCodec codec = encrypt0();

  private static CoseMqttCodec encrypt0() {
    try {
      return Codecs.encrypt0(Codecs.keyring(Codecs.secret(), "#"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void roundTrip(SecureMqttOptions subOptions, SecureMqttOptions pubOptions, String topic)
      throws Exception {
    Inbox inbox = new Inbox();
    SecureMqttClient sub = connect(subOptions, codec, inbox, true);
    sub.subscribe(topic, 1);
    SecureMqttClient pub = connect(pubOptions, codec, null, true);
    pub.publish(topic, "over TLS".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    assertArrayEquals("over TLS".getBytes(UTF_8), inbox.nextMessage().plaintext());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void tlsWithServerAuthentication(String name) throws Exception {
    Broker b = broker(name);
    SecureMqttOptions o = SecureMqttOptions.builder(b.tlsUri()).tls(pki.trustStore()).build();
    // The HiveMQ client takes only tls(...); Paho's publisher shows an SSLContext works too.
    SecureMqttOptions o2 =
        viaHiveMqClient
            ? SecureMqttOptions.builder(b.tlsUri()).tls(pki.trustStore()).build()
            : SecureMqttOptions.builder(b.tlsUri()).sslContext(pki.serverAuthOnly()).build();
    roundTrip(o, o2, "tls/a");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void mutualTls(String name) throws Exception {
    Broker b = broker(name);
    SecureMqttOptions o =
        SecureMqttOptions.builder(b.mtlsUri())
            .tls(pki.trustStore(), pki.clientKeyStore(), TestPki.PASSWORD)
            .build();
    SecureMqttOptions o2 =
        viaHiveMqClient
            ? SecureMqttOptions.builder(b.mtlsUri())
                .tls(pki.trustStore(), pki.clientKeyStore(), TestPki.PASSWORD)
                .build()
            : SecureMqttOptions.builder(b.mtlsUri()).sslContext(pki.mutual()).build();
    roundTrip(o, o2, "mtls/a");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void mutualTlsWithoutAClientCertificateIsRefused(String name) throws Exception {
    Broker b = broker(name);
    SecureMqttOptions o = SecureMqttOptions.builder(b.mtlsUri()).tls(pki.trustStore()).build();
    refused(o);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void mutualTlsWithAnUntrustedClientCertificateIsRefused(String name) throws Exception {
    Broker b = broker(name);
    SecureMqttOptions o =
        SecureMqttOptions.builder(b.mtlsUri())
            .tls(pki.trustStore(), pki.strangerKeyStore(), TestPki.PASSWORD)
            .build();
    refused(o);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void brokerNotSignedByTheTrustedCaIsRefusedByTheClient(String name) throws Exception {
    Broker b = broker(name);
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    empty.setCertificateEntry("other", pki.strangerCert);
    SecureMqttOptions o = SecureMqttOptions.builder(b.tlsUri()).tls(empty).build();
    refused(o);
  }

  @Test
  void theHiveMqClientRefusesTlsGivenOnlyAsAnSslContext() throws Exception {
    SecureMqttOptions o =
        SecureMqttOptions.builder("ssl://127.0.0.1:8883").sslContext(pki.serverAuthOnly()).build();
    SecureMqttException e =
        assertThrows(
            SecureMqttException.class,
            () -> HiveMqMqtt.client(o).codec(codec).onMessage(new Inbox()).build());
    assertTrue(e.getMessage().contains("tls(...)"), e.getMessage());
  }

  private void refused(SecureMqttOptions o) throws Exception {
    SecureMqttClient c = closeLater(v5Client(o).codec(codec).onMessage(new Inbox()).build());
    // TLS 1.3 reports a refused client certificate after the handshake, so the refusal can surface
    // while connecting or as a connection that is gone right after.
    boolean connected;
    try {
      c.connect();
      Thread.sleep(500);
      connected = c.isConnected();
    } catch (SecureMqttException e) {
      connected = false;
    }
    assertFalse(connected, "the connection should have been refused");
    assertThrows(SecureMqttException.class, () -> c.subscribe("never/#", 1));
  }
}
