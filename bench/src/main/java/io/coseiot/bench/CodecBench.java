package io.coseiot.bench;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SecureRandoms;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.replay.ReplayState;
import io.coseiot.mqtt.replay.ReplayWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The MQTT codec's COSE_Encrypt0 seal and open (A128GCM) against the bare JCA AES-GCM call over the
 * same bytes: what the codec adds to the cipher, topic binding and header writing included.
 *
 * <p>{@code seal} draws a random IV from {@link SecureRandoms#fastDrbg()} (the codec's default);
 * {@code sealCounter} builds the OSCORE-style nonce from a Partial IV and the key's common IV, its
 * sequence numbers reserved in blocks from a file. {@code open} parses, looks the key up and
 * decrypts one sealed message over and over, with a replay state that accepts everything: it
 * measures the codec, not the replay window ({@link ReplayStateBench} does that). The bare calls
 * are one JCA {@code Cipher} per thread, initialised per call, fed the Enc_structure as AAD.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBench {
  static final String TOPIC = "bench/meter";

  /** The plaintext length in bytes. */
  @Param({"64"})
  public int size;

  private Path dir;
  private SequenceStore sequence;
  private PayloadSealer sealer;
  private PayloadSealer counterSealer;
  private PayloadOpener opener;
  private byte[] plaintext;
  private SealedMessage sealed;

  private Cipher jca;
  private SecretKeySpec jcaKey;
  private byte[] aad;
  private byte[] nonce;
  private byte[] sealedNonce;
  private byte[] sealedCiphertext;

  /** Accepts every message: open is timed without the replay window. */
  private static final class AcceptAll implements ReplayState {
    @Override
    public ReplayWindow.Verdict acceptSequence(byte[] kid, long epoch, byte[] sid, long seq) {
      return ReplayWindow.Verdict.FRESH;
    }

    @Override
    public boolean acceptUnique(byte[] kid, byte[] messageId) {
      return true;
    }
  }

  /**
   * Builds the keyring, a random-IV and a counter-mode sealer, an opener and the bare cipher.
   *
   * @throws Exception if the codec or the cipher cannot be made
   */
  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("cose-iot-codec-bench");
    Keyring keyring =
        Keyring.builder()
            .schedule(RotationSchedule.fixed(0))
            .add(
                TopicKeyset.derived(
                    "bench/#", Algorithm.A128GCM, Fixtures.secretKeyBytes(256), null))
            .build();
    plaintext = Fixtures.payload(size);
    CoseMqttCodec codec =
        CoseMqttCodec.builder().keyring(keyring).random(SecureRandoms.fastDrbg()).build();
    sealer = codec.sealer();
    sequence = SequenceStore.create(dir.resolve("publisher.seq"), 1 << 20);
    counterSealer =
        CoseMqttCodec.builder()
            .keyring(keyring)
            .counterNonces(new byte[] {1}, sequence)
            .build()
            .sealer();
    opener = CoseMqttCodec.builder().keyring(keyring).replayState(new AcceptAll()).build().opener();
    sealed = sealer.seal(TOPIC, plaintext);

    TopicKey key = keyring.primary(TOPIC);
    jca = Cipher.getInstance("AES/GCM/NoPadding");
    jcaKey = new SecretKeySpec(key.keyBytes(), "AES");
    // The bare calls get an AAD of the codec's Enc_structure size, the cost the cipher pays.
    aad = new byte[48];
    nonce = new byte[12];
    sealedNonce = new byte[12];
    sealedCiphertext = run(Cipher.ENCRYPT_MODE, sealedNonce, plaintext);
  }

  /**
   * Removes the sequence file.
   *
   * @throws Exception if it cannot be removed
   */
  @TearDown
  public void tearDown() throws Exception {
    sequence.close();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /**
   * Seals with a random IV.
   *
   * @return the sealed message
   * @throws CoseException never
   */
  @Benchmark
  public SealedMessage seal() throws CoseException {
    return sealer.seal(TOPIC, plaintext);
  }

  /**
   * Seals with the next Partial IV.
   *
   * @return the sealed message
   * @throws CoseException never
   */
  @Benchmark
  public SealedMessage sealCounter() throws CoseException {
    return counterSealer.seal(TOPIC, plaintext);
  }

  /**
   * Opens the sealed message.
   *
   * @return the payload
   * @throws CoseException never
   */
  @Benchmark
  public byte[] open() throws CoseException {
    return opener
        .open(sealed.topic(), sealed.payload(), sealed.contentType(), sealed.userProperties())
        .plaintext();
  }

  /**
   * The bare cipher: encrypt under a fresh nonce.
   *
   * @return ciphertext and tag
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] sealBare() throws GeneralSecurityException {
    for (int i = nonce.length - 1; i >= 0 && ++nonce[i] == 0; i--) {}
    return run(Cipher.ENCRYPT_MODE, nonce, plaintext);
  }

  /**
   * The bare cipher: check and decrypt.
   *
   * @return the plaintext
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] openBare() throws GeneralSecurityException {
    return run(Cipher.DECRYPT_MODE, sealedNonce, sealedCiphertext);
  }

  private byte[] run(int mode, byte[] iv, byte[] in) throws GeneralSecurityException {
    jca.init(mode, jcaKey, new GCMParameterSpec(128, iv));
    jca.updateAAD(aad);
    return jca.doFinal(in);
  }
}
