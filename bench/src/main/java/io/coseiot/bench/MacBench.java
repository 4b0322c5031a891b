package io.coseiot.bench;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.message.Mac0Message;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * COSE_Mac0 with HMAC 256/64 against the bare JCA {@code Mac} over the same MAC_structure.
 *
 * <p>{@code create} computes and encodes; {@code verify} decodes and checks. The bare calls keep
 * one {@code Mac} per thread initialised once with the key (a JCA {@code Mac} stays initialised
 * after {@code doFinal}); verifying adds the constant-time comparison of the 8-byte tag.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MacBench {
  /** The algorithm, by its {@link Algorithm} constant name. */
  @Param({"HMAC_256_64"})
  public String alg;

  /** The payload length in bytes. */
  @Param({"16", "64", "256", "1024", "16384"})
  public int size;

  /** The JCA provider: JDK or ACCP. */
  @Param({Fixtures.JDK})
  public String provider;

  private Headers headers;
  private CoseKey key;
  private byte[] payload;
  private byte[] created;
  private byte[] toMac;
  private byte[] tag;
  private Mac mac;

  /**
   * Builds the key and one message to verify.
   *
   * @throws Exception if the provider or algorithm is missing
   */
  @Setup
  public void setUp() throws Exception {
    Fixtures.useProvider(provider);
    Algorithm a = Algorithm.valueOf(alg);
    key = Fixtures.secretKey(a, 0);
    headers = Fixtures.headers(a, true);
    payload = Fixtures.payload(size);
    Mac0Message m = Mac0Message.create(key, payload, null);
    created = m.encode();
    tag = m.tag();
    toMac =
        new CborWriter()
            .writeArrayHeader(4)
            .writeText("MAC0")
            .writeBytes(headers.authenticatedProtected())
            .writeBytes(new byte[0])
            .writeBytes(payload)
            .toByteArray();
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(KeyLabel.K), "HmacSHA256"));
  }

  /**
   * Computes the MAC and encodes.
   *
   * @return the message
   * @throws CoseException never
   */
  @Benchmark
  public byte[] create() throws CoseException {
    return Mac0Message.create(key, payload, null).encode();
  }

  /**
   * Decodes and verifies.
   *
   * @return the decoded message
   * @throws CoseException never
   */
  @Benchmark
  public Mac0Message verify() throws CoseException {
    Mac0Message m = Mac0Message.decode(created);
    m.verify(key, null);
    return m;
  }

  /**
   * The bare HMAC over the same MAC_structure.
   *
   * @return the full HMAC
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] createBare() throws GeneralSecurityException {
    return mac.doFinal(toMac);
  }

  /**
   * The bare HMAC and the constant-time comparison of its truncation.
   *
   * @return true
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public boolean verifyBare() throws GeneralSecurityException {
    byte[] full = mac.doFinal(toMac);
    if (!MessageDigest.isEqual(Arrays.copyOf(full, tag.length), tag)) {
      throw new IllegalStateException("tag does not match");
    }
    return true;
  }
}
