package io.coseiot.vectors.generate;

import static io.coseiot.vectors.generate.MqttProfileCases.after;
import static io.coseiot.vectors.generate.MqttProfileCases.copy;
import static io.coseiot.vectors.generate.MqttProfileCases.refused;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.Curve;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.vectors.generate.Positives.Nonce;
import io.coseiot.vectors.generate.Positives.RecipientCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the project's vector set in the COSE WG Examples JSON format (see docs/vectors.md).
 * Output depends only on the profile, the seed and the generator version: every random value comes
 * from an {@link HmacDrbg} labelled with the vector's name, and ECDSA uses RFC 6979 nonces.
 */
public final class VectorGenerator {
  /** Written into every vector; bump it when the output for a given seed changes. */
  public static final int FORMAT_VERSION = 3;

  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private final Profile profile;
  private final long seed;

  /**
   * Creates a generator.
   *
   * @param profile which algorithms to cover
   * @param seed the seed every random value derives from
   */
  public VectorGenerator(Profile profile, long seed) {
    this.profile = profile;
    this.seed = seed;
  }

  /**
   * Generates every vector.
   *
   * @return the vectors, sorted by path
   * @throws CoseException if the library refuses to build one (a bug)
   */
  public List<Vector> generate() throws CoseException {
    Positives pos = new Positives(seed, profile.id());
    Map<String, Vector> out = new TreeMap<>();
    List<Built> built = new ArrayList<>();
    for (Algorithm a : profile.aeads()) {
      for (Variant v : Variant.all(false)) {
        Built b = pos.encrypt0(a, v, Nonce.IV);
        built.add(b);
        if (v.equals(Variant.BASE)) {
          Negatives.of(b, a).forEach(x -> out.put(x.path(), x));
          built.add(pos.encrypt0(a, v, Nonce.PARTIAL_IV));
          built.add(pos.encrypt0(a, v, Nonce.PARTIAL_IV_LEADING_ZERO));
          if (a == Algorithm.A128GCM) {
            byte[] iv = HexFormat.of().parseHex(b.json().at("/input/rng_stream/0").asText());
            Strict.of(b, key(b, "/input/encrypted/recipients/0/key"), a, iv)
                .forEach(x -> out.put(x.path(), x));
          }
        }
      }
    }
    for (Algorithm a : profile.macs()) {
      for (Variant v : Variant.all(true)) {
        Built b = pos.mac0(a, v);
        built.add(b);
        if (v.equals(Variant.BASE)) {
          Negatives.of(b, a).forEach(x -> out.put(x.path(), x));
          if (a == Algorithm.HMAC_256_256) {
            Strict.of(b, key(b, "/input/mac0/recipients/0/key"), a, null)
                .forEach(x -> out.put(x.path(), x));
          }
        }
      }
    }
    for (Profile.Signer s : profile.signers()) {
      for (Variant v : Variant.all(true)) {
        Built b = pos.sign1(s.alg(), s.curve(), v);
        built.add(b);
        if (v.equals(Variant.BASE)) {
          Negatives.of(b, s.alg()).forEach(x -> out.put(x.path(), x));
          if (s.equals(profile.signers().get(0))) {
            Strict.of(b, key(b, "/input/sign0/key"), s.alg(), null)
                .forEach(x -> out.put(x.path(), x));
          }
        }
      }
    }
    mqtt(new MqttVectors(seed, pos, profile), built, out);
    if (profile.multi()) {
      multi(pos, built, out);
    }
    for (Built b : built) {
      out.put(b.name() + ".json", new Vector(b.name() + ".json", b.json()));
    }
    return List.copyOf(out.values());
  }

  /**
   * The MQTT-profile vectors: per AEAD random and counter-mode Encrypt0, Sign1 nested in Encrypt0
   * and COSE_Encrypt to one and two recipients; Mac0 stateless and counter mode; Sign1 per signer.
   * Negatives come from the first AEAD's, Mac0's and the first signer's vectors.
   */
  private static void mqtt(MqttVectors mv, List<Built> built, Map<String, Vector> out)
      throws CoseException {
    List<Vector> negatives = new ArrayList<>();
    Profile.Signer es256 = mv.signers().get(0);
    for (Algorithm a : mv.aeads()) {
      boolean first = a == mv.aeads().get(0);
      Built random = mv.encrypt0(a, null, null);
      Built nested = mv.encrypt0(a, null, es256);
      Built enveloped = mv.encrypt(a, 1);
      built.addAll(List.of(random, nested, enveloped, mv.encrypt(a, 2)));
      for (MqttVectors.Counter c : mv.counters(MqttVectors.nonceLength(a))) {
        Built b = mv.encrypt0(a, c, null);
        built.add(b);
        if (first && c.seq() == 256) {
          built.add(mv.encrypt0(a, c, es256));
          negatives.add(MqttNegatives.wrongSid(b));
          negatives.add(MqttNegatives.changedPartialIv(b));
          negatives.add(MqttNegatives.moved(b, MqttNegatives.OTHER_TOPIC));
        }
      }
      // R7.9: one sid byte beyond the nonce's room.
      int tooLong = OscoreNonce.maxSenderIdLength(MqttVectors.nonceLength(a)) + 1;
      built.add(
          refused(
              copy(
                  mv.encrypt0(a, mv.counter(tooLong, 1), null),
                  "sid-too-long",
                  "a sid longer than n - 6 bytes",
                  "R7.9",
                  "R9.4"),
              "MALFORMED"));
      if (first) {
        built.addAll(MqttProfileCases.of(mv, a, random));
        negatives.add(MqttNegatives.moved(random, MqttNegatives.OTHER_TOPIC));
        negatives.add(MqttNegatives.moved(random, MqttNegatives.OUTSIDE_FILTER));
        negatives.add(MqttNegatives.moved(nested, MqttNegatives.OTHER_TOPIC));
        negatives.add(MqttNegatives.moved(enveloped, MqttNegatives.OTHER_TOPIC));
      }
    }
    Built stateless = mv.mac0(Algorithm.HMAC_256_256, null);
    built.add(stateless);
    built.add(
        refused(
            after(copy(stateless, "replayed", "the same Mac0 again", "R7.4", "R7.7"), stateless),
            "REPLAY"));
    built.addAll(MqttProfileCases.window(mv, Algorithm.HMAC_256_256, true));
    built.add(
        refused(
            copy(
                mv.mac0(Algorithm.HMAC_256_256, mv.counter(8, 1)),
                "sid-too-long",
                "a Mac0 sid longer than 7 bytes",
                "R7.9",
                "R9.4"),
            "MALFORMED"));
    negatives.add(MqttNegatives.moved(stateless, MqttNegatives.OTHER_TOPIC));
    negatives.add(MqttNegatives.moved(stateless, MqttNegatives.OUTSIDE_FILTER));
    // Mac0 has no nonce; its sid may be as long as the longest nonce allows (13 - 6 bytes).
    for (MqttVectors.Counter c : mv.counters(13)) {
      Built b = mv.mac0(Algorithm.HMAC_256_256, c);
      built.add(b);
      if (c.seq() == 256) {
        negatives.add(MqttNegatives.wrongSid(b));
        negatives.add(MqttNegatives.changedPartialIv(b));
      }
    }
    for (Profile.Signer s : mv.signers()) {
      Built b = mv.sign1(s);
      built.add(b);
      if (s.equals(es256)) {
        negatives.add(MqttNegatives.moved(b, MqttNegatives.OTHER_TOPIC));
      }
    }
    negatives.forEach(v -> out.put(v.path(), v));
  }

  private static io.coseiot.cose.key.CoseKey key(Built b, String pointer) throws CoseException {
    return TestKeys.toKey((com.fasterxml.jackson.databind.node.ObjectNode) b.json().at(pointer));
  }

  private static final List<RecipientCase> ENVELOPED_RECIPIENTS =
      List.of(
          new RecipientCase(Algorithm.DIRECT, null),
          new RecipientCase(Algorithm.DIRECT_HKDF_SHA_256, null),
          new RecipientCase(Algorithm.DIRECT_HKDF_SHA_512, null),
          new RecipientCase(Algorithm.DIRECT_HKDF_AES_128, null),
          new RecipientCase(Algorithm.A128KW, null),
          new RecipientCase(Algorithm.A192KW, null),
          new RecipientCase(Algorithm.A256KW, null),
          new RecipientCase(Algorithm.ECDH_ES_HKDF_256, Curve.P_256),
          new RecipientCase(Algorithm.ECDH_ES_HKDF_512, Curve.P_384),
          new RecipientCase(Algorithm.ECDH_ES_HKDF_256, Curve.X25519),
          new RecipientCase(Algorithm.ECDH_SS_HKDF_256, Curve.P_256),
          new RecipientCase(Algorithm.ECDH_ES_A128KW, Curve.P_256),
          new RecipientCase(Algorithm.ECDH_ES_A256KW, Curve.P_521),
          new RecipientCase(Algorithm.ECDH_SS_A128KW, Curve.P_256));

  private static final List<RecipientCase> MAC_RECIPIENTS =
      List.of(
          new RecipientCase(Algorithm.DIRECT, null),
          new RecipientCase(Algorithm.DIRECT_HKDF_SHA_256, null),
          new RecipientCase(Algorithm.A128KW, null),
          new RecipientCase(Algorithm.ECDH_ES_A128KW, Curve.P_256),
          new RecipientCase(Algorithm.ECDH_SS_HKDF_256, Curve.X25519));

  private void multi(Positives pos, List<Built> built, Map<String, Vector> out)
      throws CoseException {
    List<Variant> variants =
        List.of(
            new Variant(true, true, false, false),
            new Variant(false, true, false, false),
            new Variant(true, true, true, false));
    for (Algorithm content : List.of(Algorithm.A128GCM, Algorithm.AES_CCM_16_64_128)) {
      for (RecipientCase rc : ENVELOPED_RECIPIENTS) {
        for (Variant v : variants) {
          Built b = pos.enveloped(content, rc, v);
          built.add(b);
          if (v.equals(Variant.BASE) && rc.alg() == Algorithm.DIRECT) {
            Negatives.of(b, content).forEach(x -> out.put(x.path(), x));
          }
        }
      }
    }
    for (Algorithm m : List.of(Algorithm.HMAC_256_256, Algorithm.AES_MAC_128_64)) {
      for (RecipientCase rc : MAC_RECIPIENTS) {
        for (Variant v : variants) {
          Built b = pos.mac(m, rc, v);
          built.add(b);
          if (v.equals(Variant.BASE) && rc.alg() == Algorithm.DIRECT) {
            Negatives.of(b, m).forEach(x -> out.put(x.path(), x));
          }
        }
      }
    }
    RecipientCase es256 = new RecipientCase(Algorithm.ES256, Curve.P_256);
    RecipientCase ed25519 = new RecipientCase(Algorithm.EDDSA, Curve.ED25519);
    RecipientCase es384 = new RecipientCase(Algorithm.ES384, Curve.P_384);
    for (List<RecipientCase> signers :
        List.of(List.of(es256), List.of(ed25519), List.of(ed25519, es384))) {
      for (Variant v : Variant.all(true)) {
        Built b = pos.sign(signers, v);
        built.add(b);
        if (v.equals(Variant.BASE) && signers.size() == 1) {
          Negatives.of(b, signers.get(0).alg()).forEach(x -> out.put(x.path(), x));
        }
      }
    }
  }

  /**
   * Serializes vectors to the bytes written to disk: two-space indentation, {@code \n} line ends
   * and a final newline, independent of the platform.
   *
   * @param vectors the vectors
   * @return path to file content, sorted by path
   */
  public static Map<String, byte[]> render(List<Vector> vectors) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Vector v : vectors) {
      try {
        out.put(
            v.path(),
            (WRITER.writeValueAsString(v.json()) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /**
   * Generates and writes the set under {@code dir}, one folder per structure.
   *
   * @param dir the output folder, created if missing
   * @return how many vectors were written
   * @throws IOException if writing fails
   * @throws CoseException if generation fails
   */
  public int write(Path dir) throws IOException, CoseException {
    return write(dir, render(generate())).values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Writes rendered vectors under {@code dir}.
   *
   * @param dir the output folder, created if missing
   * @param files path to content, as {@link #render} returns
   * @return how many files each top-level folder got, sorted by folder
   * @throws IOException if writing fails
   */
  public static Map<String, Integer> write(Path dir, Map<String, byte[]> files) throws IOException {
    Map<String, Integer> perFolder = new TreeMap<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
      perFolder.merge(f.getKey().substring(0, f.getKey().indexOf('/')), 1, Integer::sum);
    }
    return perFolder;
  }
}
