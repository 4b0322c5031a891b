package io.coseiot.mqtt.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI made at test time: a CA, a server certificate for localhost and 127.0.0.1, and a
 * client certificate, written as PEM (for Mosquitto) and PKCS#12 (for HiveMQ and the JVM).
 */
final class TestPki {
  static final char[] PASSWORD = "changeit".toCharArray();

  final X509Certificate caCert;
  final KeyPair serverKeys;
  final X509Certificate serverCert;
  final KeyPair clientKeys;
  final X509Certificate clientCert;

  /** A second CA and a client certificate from it, which the brokers do not trust. */
  final KeyPair strangerKeys;

  final X509Certificate strangerCert;

  final Path caPem;
  final Path serverCertPem;
  final Path serverKeyPem;
  final Path serverKeyStore;
  final Path trustStore;

  private TestPki(Path dir) throws GeneralSecurityException, IOException {
    try {
      SecureRandom random = new SecureRandom();
      KeyPair caKeys = ecKeys(random);
      caCert = ca(caKeys, "CN=cose-iot test CA", random);
      serverKeys = ecKeys(random);
      serverCert = leaf(caKeys.getPrivate(), caCert, serverKeys, "CN=localhost", true, random);
      clientKeys = ecKeys(random);
      clientCert =
          leaf(caKeys.getPrivate(), caCert, clientKeys, "CN=cose-iot client", false, random);
      KeyPair strangerCa = ecKeys(random);
      X509Certificate strangerCaCert = ca(strangerCa, "CN=stranger CA", random);
      strangerKeys = ecKeys(random);
      strangerCert =
          leaf(strangerCa.getPrivate(), strangerCaCert, strangerKeys, "CN=stranger", false, random);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
    Files.createDirectories(dir);
    caPem = pem(dir.resolve("ca.pem"), caCert);
    serverCertPem = pem(dir.resolve("server.pem"), serverCert);
    serverKeyPem = dir.resolve("server.key");
    // PKCS#8, which OpenSSL 3 reads for any key type.
    Files.writeString(
        serverKeyPem,
        "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder(
                    64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(serverKeys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    serverKeyStore = dir.resolve("server.p12");
    store(keyStore("server", serverKeys.getPrivate(), serverCert), serverKeyStore);
    trustStore = dir.resolve("trust.p12");
    store(trustStore(), trustStore);
  }

  /** Makes the PKI and writes its files into a folder. */
  static TestPki create(Path dir) throws GeneralSecurityException, IOException {
    return new TestPki(dir);
  }

  /** A store holding only the CA certificate. */
  KeyStore trustStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", caCert);
    return ks;
  }

  /** The client's key and chain. */
  KeyStore clientKeyStore() throws GeneralSecurityException, IOException {
    return keyStore("client", clientKeys.getPrivate(), clientCert, caCert);
  }

  /** A key and chain the brokers do not trust. */
  KeyStore strangerKeyStore() throws GeneralSecurityException, IOException {
    return keyStore("stranger", strangerKeys.getPrivate(), strangerCert);
  }

  /** TLS that trusts the test CA, without a client certificate. */
  SSLContext serverAuthOnly() throws GeneralSecurityException, IOException {
    return SecureMqttOptions.builder("ssl://x").tls(trustStore()).build().sslContext();
  }

  /** TLS that trusts the test CA and presents the client certificate. */
  SSLContext mutual() throws GeneralSecurityException, IOException {
    return SecureMqttOptions.builder("ssl://x")
        .tls(trustStore(), clientKeyStore(), PASSWORD)
        .build()
        .sslContext();
  }

  private static KeyStore keyStore(String alias, PrivateKey key, Certificate... chain)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(alias, key, PASSWORD, chain);
    return ks;
  }

  private static void store(KeyStore ks, Path file) throws GeneralSecurityException, IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, PASSWORD);
    }
  }

  private static Path pem(Path file, Object o) throws IOException {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    }
    Files.writeString(file, s.toString());
    return file;
  }

  private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static X509Certificate ca(KeyPair keys, String name, SecureRandom random)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name(name);
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            subject, serial(random), notBefore(), notAfter(), subject, keys.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(b, keys.getPrivate());
  }

  private static X509Certificate leaf(
      PrivateKey caKey,
      X509Certificate ca,
      KeyPair keys,
      String name,
      boolean server,
      SecureRandom random)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            ca, serial(random), notBefore(), notAfter(), new X500Name(name), keys.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    b.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
    b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    if (server) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    }
    return sign(b, caKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(64, random).abs().add(BigInteger.ONE);
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(2)));
  }
}
