package io.coseiot.mqtt.client;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** HiveMQ CE embedded in the test JVM, in-memory persistence, in its own temporary folders. */
final class HiveMqBroker implements Broker {
  private final EmbeddedHiveMQ hive;
  private final int tcp;
  private final int tls;
  private final int mtls;

  private HiveMqBroker(EmbeddedHiveMQ hive, int tcp, int tls, int mtls) {
    this.hive = hive;
    this.tcp = tcp;
    this.tls = tls;
    this.mtls = mtls;
  }

  /** Starts a broker whose TLS listeners use the test PKI's server certificate. */
  static HiveMqBroker start(Path dir, TestPki pki) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path extensions = Files.createDirectories(dir.resolve("extensions"));
    int tcp = Broker.freePort();
    int tls = Broker.freePort();
    int mtls = Broker.freePort();
    Files.writeString(
        conf.resolve("config.xml"),
        "<?xml version=\"1.0\"?>\n<hivemq>\n  <listeners>\n"
            + "    <tcp-listener><port>"
            + tcp
            + "</port><bind-address>127.0.0.1</bind-address></tcp-listener>\n"
            + tlsListener(tls, pki, "NONE")
            + tlsListener(mtls, pki, "REQUIRED")
            + "  </listeners>\n"
            + "  <persistence><mode>in-memory</mode></persistence>\n"
            + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
            + "</hivemq>\n");
    EmbeddedHiveMQ hive =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap()
            .build();
    try {
      hive.start().get(60, TimeUnit.SECONDS);
      for (int port : new int[] {tcp, tls, mtls}) {
        Broker.awaitPort(port, Duration.ofSeconds(20), null);
      }
    } catch (Exception e) {
      hive.close();
      throw e;
    }
    return new HiveMqBroker(hive, tcp, tls, mtls);
  }

  private static String tlsListener(int port, TestPki pki, String clientAuth) throws IOException {
    String pw = new String(TestPki.PASSWORD);
    return "    <tls-tcp-listener><port>"
        + port
        + "</port><bind-address>127.0.0.1</bind-address><tls>"
        + "<keystore><path>"
        + pki.serverKeyStore
        + "</path><password>"
        + pw
        + "</password><private-key-password>"
        + pw
        + "</private-key-password></keystore>"
        + "<truststore><path>"
        + pki.trustStore
        + "</path><password>"
        + pw
        + "</password></truststore>"
        + "<client-authentication-mode>"
        + clientAuth
        + "</client-authentication-mode></tls></tls-tcp-listener>\n";
  }

  @Override
  public String name() {
    return "hivemq";
  }

  @Override
  public String tcpUri() {
    return "tcp://127.0.0.1:" + tcp;
  }

  @Override
  public String tlsUri() {
    return "ssl://127.0.0.1:" + tls;
  }

  @Override
  public String mtlsUri() {
    return "ssl://127.0.0.1:" + mtls;
  }

  @Override
  public void close() {
    try {
      hive.stop().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Closing regardless.
    }
    try {
      hive.close();
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
