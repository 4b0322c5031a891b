package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts the Examples header objects ({@code protected}, {@code unprotected}, {@code unsent}) to
 * {@link HeaderMap}s.
 *
 * <p>Names that stand for a registered header get its label: {@code alg}, {@code ctyp}, {@code
 * crit}, {@code kid}/{@code kid_hex}, {@code IV_hex}, {@code partialIV_hex}, {@code epk}, {@code
 * spk}, {@code spk_kid}/{@code spk_kid_hex}, {@code salt}, {@code apu_id}, {@code apu_nonce},
 * {@code apu_other}, {@code apv_id}, {@code apv_nonce}, {@code apv_other} (nonces also as {@code
 * _hex}), {@code x5bag}, {@code x5chain}, {@code x5t}. Text values become the UTF-8 bytes of the
 * text; {@code _hex} values are hex.
 *
 * <p>Three names are inputs to the computation that no header carries, so they only occur in {@code
 * unsent} and keep their Examples name as a text label: {@link #PUB_OTHER} and {@link #PRIV_OTHER}
 * (COSE_KDF_Context SuppPubInfo.other and SuppPrivInfo, as bstr) and {@link #COMPRESSED} (whether
 * {@code epk} is sent with a compressed point, as bool).
 *
 * <p>Any other name is kept as a text label with its JSON value converted as is; the suite uses
 * this once, for the private label {@code reserved} that {@code crit} names. An unregistered name
 * ending in {@code _hex} is the text label before the suffix with a bstr value (JSON has no bytes),
 * as the generated MQTT vectors write the profile's {@code "sid"} header: {@code sid_hex}.
 */
public final class ExampleHeaders {
  private ExampleHeaders() {}

  /** Text label for COSE_KDF_Context SuppPubInfo.other, a bstr. */
  public static final String PUB_OTHER = "pub_other";

  /** Text label for COSE_KDF_Context SuppPrivInfo, a bstr. */
  public static final String PRIV_OTHER = "priv_other";

  /** Text label for whether the ephemeral key is sent with a compressed point, a bool. */
  public static final String COMPRESSED = "compressed";

  // IANA labels that core's HeaderLabel does not list (RFC 9360).
  private static final long X5BAG = 32;
  private static final long X5T = 34;

  private static final Map<String, Long> TEXT_VALUED =
      Map.ofEntries(
          Map.entry("kid", HeaderLabel.KID),
          Map.entry("spk_kid", HeaderLabel.STATIC_KEY_ID),
          Map.entry("salt", HeaderLabel.SALT),
          Map.entry("apu_id", HeaderLabel.PARTY_U_IDENTITY),
          Map.entry("apu_nonce", HeaderLabel.PARTY_U_NONCE),
          Map.entry("apu_other", HeaderLabel.PARTY_U_OTHER),
          Map.entry("apv_id", HeaderLabel.PARTY_V_IDENTITY),
          Map.entry("apv_nonce", HeaderLabel.PARTY_V_NONCE),
          Map.entry("apv_other", HeaderLabel.PARTY_V_OTHER));

  private static final Map<String, Long> HEX_VALUED =
      Map.of(
          "kid_hex", HeaderLabel.KID,
          "spk_kid_hex", HeaderLabel.STATIC_KEY_ID,
          "salt_hex", HeaderLabel.SALT,
          "apu_nonce_hex", HeaderLabel.PARTY_U_NONCE,
          "apv_nonce_hex", HeaderLabel.PARTY_V_NONCE,
          "IV_hex", HeaderLabel.IV,
          "partialIV_hex", HeaderLabel.PARTIAL_IV);

  // Names put() gives a registered label or a meaning of its own besides the two maps above.
  private static final Set<String> NAMED =
      Set.of(
          "alg",
          "ctyp",
          "crit",
          "epk",
          "spk",
          "x5bag",
          "x5chain",
          "x5t",
          PUB_OTHER,
          PRIV_OTHER,
          COMPRESSED);

  // COSE hash algorithm ids for x5t (RFC 9054).
  private static final Map<String, Long> HASHES =
      Map.of("SHA-1", -14L, "SHA-256/64", -15L, "SHA-256", -16L, "SHA-384", -43L, "SHA-512", -44L);

  /**
   * Converts the named bucket of a structure, recipient or signer object.
   *
   * @param holder the object holding the bucket
   * @param bucket {@code protected}, {@code unprotected} or {@code unsent}
   * @return the map, empty if the bucket is absent
   * @throws HeaderException if a value does not convert
   */
  public static HeaderMap bucket(JsonNode holder, String bucket) throws HeaderException {
    JsonNode b = holder.get(bucket);
    return b == null ? HeaderMap.empty() : toHeaderMap(b);
  }

  /**
   * Returns the {@code unsent} inputs of a structure, recipient or signer object: the raw map of
   * values that enter the computation but are not sent, such as the full IV, PartyU/PartyV
   * identities and {@link #PUB_OTHER}, {@link #PRIV_OTHER} and {@link #COMPRESSED}.
   *
   * @param holder the object holding {@code unsent}
   * @return the map, empty if there is none
   * @throws HeaderException if a value does not convert
   */
  public static HeaderMap unsent(JsonNode holder) throws HeaderException {
    return bucket(holder, "unsent");
  }

  /**
   * Converts one header object.
   *
   * @param bucket the JSON object
   * @return the map, labels in the order of the JSON fields
   * @throws HeaderException if it is not an object or a value does not convert
   */
  public static HeaderMap toHeaderMap(JsonNode bucket) throws HeaderException {
    if (!bucket.isObject()) {
      throw new HeaderException("Examples header bucket is not an object");
    }
    HeaderMap.Builder b = HeaderMap.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = bucket.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      try {
        put(b, field.getKey(), field.getValue());
      } catch (KeyException | IllegalArgumentException e) {
        throw new HeaderException("Examples header " + field.getKey() + " does not convert", e);
      }
    }
    return b.build();
  }

  private static void put(HeaderMap.Builder b, String name, JsonNode v) throws KeyException {
    String text = v.asText();
    if (TEXT_VALUED.containsKey(name)) {
      b.set(TEXT_VALUED.get(name), utf8(text));
    } else if (HEX_VALUED.containsKey(name)) {
      b.set(HEX_VALUED.get(name), CBORObject.FromObject(Bytes.hex(text)));
    } else {
      switch (name) {
        case "alg" -> b.set(HeaderLabel.ALG, algorithmValue(v));
        case "ctyp" -> b.set(HeaderLabel.CONTENT_TYPE, plain(v));
        case "crit" -> b.set(HeaderLabel.CRIT, crit(v));
        case "epk" -> b.set(HeaderLabel.EPHEMERAL_KEY, ExampleKeys.publicKeyMap(v));
        case "spk" -> b.set(HeaderLabel.STATIC_KEY, ExampleKeys.publicKeyMap(v));
        case "x5bag" -> b.set(X5BAG, certificates(v));
        case "x5chain" -> b.set(HeaderLabel.X5CHAIN, certificates(v));
        case "x5t" -> b.set(X5T, thumbprint(v));
        case PUB_OTHER, PRIV_OTHER -> b.set(name, utf8(text));
        case COMPRESSED -> b.set(name, CBORObject.FromObject(v.asBoolean()));
        default ->
            b.set(
                name.endsWith("_hex") ? name.substring(0, name.length() - 4) : name,
                name.endsWith("_hex") ? CBORObject.FromObject(Bytes.hex(text)) : plain(v));
      }
    }
  }

  /**
   * Returns the names of a holder's {@code protected} and {@code unprotected} buckets that have no
   * registered label here, so that they are sent as text labels: a generator that knew a label for
   * one wrote other bytes than a rebuild can.
   *
   * @param holder a structure, recipient or signer object
   * @return the names, in bucket order; empty if every name is known
   */
  public static List<String> unknownNames(JsonNode holder) {
    List<String> out = new ArrayList<>();
    for (String bucket : List.of("protected", "unprotected")) {
      holder
          .path(bucket)
          .fieldNames()
          .forEachRemaining(
              n -> {
                if (!TEXT_VALUED.containsKey(n)
                    && !HEX_VALUED.containsKey(n)
                    && !NAMED.contains(n)) {
                  out.add(n);
                }
              });
    }
    return out;
  }

  /**
   * Returns the {@code alg} value for an Examples algorithm name: the IANA id if the name is known,
   * else the name itself as text, so that using it later fails with an {@code AlgorithmException}
   * rather than here.
   *
   * @param name the name
   * @return an int or tstr
   */
  public static CBORObject algorithmValue(String name) {
    Long id = ExampleAlgorithms.id(name);
    return id != null ? CBORObject.FromObject(id) : CBORObject.FromObject(name);
  }

  private static CBORObject algorithmValue(JsonNode v) {
    return v.isIntegralNumber() ? CBORObject.FromObject(v.asLong()) : algorithmValue(v.asText());
  }

  /** The labels in {@code crit} are Examples names; known ones become their registered labels. */
  private static CBORObject crit(JsonNode v) {
    CBORObject out = CBORObject.NewArray();
    for (JsonNode name : v) {
      Long label = name.isTextual() ? labelOf(name.asText()) : null;
      out.Add(label != null ? CBORObject.FromObject(label) : plain(name));
    }
    return out;
  }

  private static Long labelOf(String name) {
    Long label = TEXT_VALUED.get(name);
    if (label == null) {
      label = HEX_VALUED.get(name);
    }
    if (label == null) {
      label =
          switch (name) {
            case "alg" -> HeaderLabel.ALG;
            case "crit" -> HeaderLabel.CRIT;
            case "ctyp" -> HeaderLabel.CONTENT_TYPE;
            case "epk" -> HeaderLabel.EPHEMERAL_KEY;
            case "spk" -> HeaderLabel.STATIC_KEY;
            default -> null;
          };
    }
    return label;
  }

  /** One certificate as a bstr, several as an array of them (RFC 9360). */
  private static CBORObject certificates(JsonNode v) {
    if (!v.isArray()) {
      return CBORObject.FromObject(Bytes.hex(v.asText()));
    }
    CBORObject out = CBORObject.NewArray();
    v.forEach(c -> out.Add(CBORObject.FromObject(Bytes.hex(c.asText()))));
    return out;
  }

  /** {@code [hash algorithm, hex thumbprint]} to {@code [hashAlg, bstr]} (RFC 9360). */
  private static CBORObject thumbprint(JsonNode v) {
    JsonNode alg = v.path(0);
    Long id = alg.isIntegralNumber() ? Long.valueOf(alg.asLong()) : HASHES.get(alg.asText());
    if (id == null) {
      throw new IllegalArgumentException("x5t hash algorithm " + alg + " is not known");
    }
    return CBORObject.NewArray()
        .Add(CBORObject.FromObject(id))
        .Add(CBORObject.FromObject(Bytes.hex(v.path(1).asText())));
  }

  private static CBORObject utf8(String text) {
    return CBORObject.FromObject(text.getBytes(StandardCharsets.UTF_8));
  }

  /** JSON to CBOR without interpretation: numbers, text, bools, arrays and objects as they are. */
  private static CBORObject plain(JsonNode v) {
    return CBORObject.FromJSONString(v.toString());
  }
}
