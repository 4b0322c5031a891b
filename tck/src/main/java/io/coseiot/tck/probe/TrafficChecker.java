package io.coseiot.tck.probe;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.message.DecodeOptions;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.Mac0Message;
import io.coseiot.cose.message.TagPolicy;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.mqtt.topic.TopicFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every message a device publishes against the profile, one at a time and across the whole
 * observation: the message's own form (tag, headers, properties, algorithm, kid, sizes), whether it
 * opens under the topic it arrived on, and what only the sequence shows: a nonce used twice under
 * one key (the worst finding), a sequence number that goes back, a message sent twice.
 *
 * <p>The rule for copies: the identical bytes again under the same key are a duplicate. Delivered
 * with the DUP flag, it is the broker retransmitting to the probe (MQTT QoS 1), which the profile
 * allows and which is noted only. Without DUP it violates {@link Requirement#R7_4}: a subscriber
 * cannot tell a device's own resend from a replay, since a broker does not pass the DUP flag on
 * (MQTT 5 section 3.3.1.1), and a conforming receiver refuses it as REPLAY. The same nonce with
 * other bytes is nonce reuse ({@link Requirement#R7_1}). Not thread-safe: one observation.
 */
final class TrafficChecker {
  private static final HexFormat HEX = HexFormat.of();
  private static final Set<Object> UNDERSTOOD = Set.of(CoseMqttProfile.SENDER_ID_LABEL);

  private final Deployment d;
  private final List<Deployment.DerivedKey> keys;
  private final int maxSize;
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<Requirement, Integer> checked = new EnumMap<>(Requirement.class);
  private final Set<String> topics = new LinkedHashSet<>();

  /** Per key (kid/epoch): nonce (or Mac0 sequence, or tag) in hex to the first message with it. */
  private final Map<String, Map<String, Observed>> nonces = new HashMap<>();

  /** Per sender and topic: the last sequence number. */
  private final Map<String, Long> lastSeq = new HashMap<>();

  /** Opened plaintexts in hex, with how often each was seen: the echoes of commands. */
  private final Map<String, Integer> plaintexts = new HashMap<>();

  private final CoseMqttCodec encrypt0;
  private final CoseMqttCodec mac0;
  private int messages;

  TrafficChecker(Deployment d, int maxSize) throws CoseException {
    this.d = d;
    this.keys = d.derivedKeys();
    this.maxSize = maxSize;
    this.encrypt0 = d.codec(false);
    this.mac0 = d.codec(true);
  }

  /** A fresh opener: the probe does its own replay analysis, across the whole observation. */
  private PayloadOpener opener(boolean mac) throws CoseException {
    return (mac ? mac0 : encrypt0).opener();
  }

  /** What one message showed while it was parsed. */
  private static final class Parsed {
    boolean mac;
    byte[] kid;
    Algorithm alg;
    byte[] iv;
    byte[] piv;
    byte[] sid;
    byte[] tag;
    int before;
  }

  void check(Observed o) {
    messages++;
    topics.add(o.topic());
    Parsed p = new Parsed();
    p.before = findings.size();
    byte[] m = o.payload();
    see(Requirement.R9_1);
    if (m.length == 0) {
      add(Requirement.R9_1, o, null, "empty payload: receivers refuse it as NOT_SEALED");
      return;
    }
    if (m.length > maxSize) {
      add(
          Requirement.R9_1,
          o,
          null,
          m.length + " bytes, above the receivers' maximum of " + maxSize);
    }
    see(Requirement.R1_1);
    int b0 = m[0] & 0xff;
    if (b0 == 0xd1) {
      p.mac = true;
    } else if (b0 != 0xd0) {
      boolean otherCose = b0 == 0xd2 || (b0 == 0xd8 && m.length > 1 && (m[1] & 0xff) == 0x60);
      if (otherCose) {
        notes.add(
            "message #"
                + o.index()
                + " on "
                + o.topic()
                + " is a COSE_Sign1 or COSE_Encrypt: its keys are not derived from the master"
                + " secret, so the probe checks only Encrypt0 and Mac0");
      } else {
        add(
            Requirement.R1_1,
            o,
            null,
            (b0 >> 5) == 6
                ? "CBOR tag other than 16 (Encrypt0) or 17 (Mac0)"
                : "not a tagged COSE message (first byte " + String.format("%02x", b0) + ")");
      }
      return;
    }
    String mediaType = CoseMqttProfile.contentType(p.mac ? SealMode.MAC0 : SealMode.ENCRYPT0);
    if (d.v5()) {
      see(Requirement.R4_1);
      see(Requirement.R4_2);
      if (o.contentType() == null) {
        add(Requirement.R4_1, o, null, "no Content Type; expected " + mediaType);
      } else if (!o.contentType().equals(mediaType)) {
        add(
            Requirement.R4_1,
            o,
            null,
            "Content Type " + o.contentType() + "; expected " + mediaType);
      }
      if (o.utf8Indicator()) {
        add(
            Requirement.R4_2,
            o,
            null,
            "Payload Format Indicator 1 (UTF-8) on a binary COSE payload");
      }
    }
    if (!parse(o, m, p)) {
      return;
    }
    if (d.v5()) {
      see(Requirement.R4_3);
      List<String> hints = o.userProperty(CoseMqttProfile.KID_PROPERTY);
      String want = CoseMqttProfile.kidHint(p.kid);
      if (hints.isEmpty()) {
        add(Requirement.R4_3, o, p.kid, "no cose-kid user property; expected " + want);
      } else if (hints.size() > 1) {
        add(Requirement.R4_3, o, p.kid, hints.size() + " cose-kid user properties " + hints);
      } else if (!hints.get(0).equals(want)) {
        add(
            Requirement.R4_3,
            o,
            p.kid,
            "cose-kid "
                + hints.get(0)
                + " differs from the COSE kid "
                + want
                + ": receivers refuse it as KEY_ID_MISMATCH");
      }
    } else {
      see(Requirement.R5_1);
    }
    Deployment.DerivedKey key = keyOf(o, p);
    open(o, p);
    if (key != null) {
      sequence(o, p, key);
    }
  }

  /** Decodes the COSE structure and checks its headers (R3.x, R7.2); false if it is unusable. */
  private boolean parse(Observed o, byte[] m, Parsed p) {
    Requirement hdr = p.mac ? Requirement.R3_2 : Requirement.R3_1;
    see(hdr);
    Headers h;
    try {
      if (p.mac) {
        Mac0Message mac =
            Mac0Message.decode(
                m,
                DecodeOptions.strict()
                    .withTagPolicy(TagPolicy.REQUIRED)
                    .withUnderstoodLabels(UNDERSTOOD));
        h = mac.headers();
        p.tag = mac.tag();
        if (mac.isDetached()) {
          add(Requirement.R1_1, o, null, "detached payload");
          return false;
        }
      } else {
        Encrypt0Message e =
            Encrypt0Message.decode(
                m,
                DecodeOptions.strict()
                    .withTagPolicy(TagPolicy.REQUIRED)
                    .withUnderstoodLabels(UNDERSTOOD));
        h = e.headers();
        if (e.ciphertext() == null) {
          add(Requirement.R1_1, o, null, "detached ciphertext");
          return false;
        }
      }
    } catch (CoseException e) {
      add(
          hdr,
          o,
          null,
          "not a valid COSE_" + (p.mac ? "Mac0" : "Encrypt0") + ": " + e.getMessage());
      return false;
    }
    HeaderMap prot = h.protectedMap();
    HeaderMap unprot = h.unprotectedMap();
    p.kid = unprot.getBytes(HeaderLabel.KID);
    if (p.kid == null || p.kid.length == 0 || prot.contains(HeaderLabel.KID)) {
      add(hdr, o, null, "no kid bstr in the unprotected header");
      return false;
    }
    p.alg = prot.algorithm();
    if (!prot.contains(HeaderLabel.ALG)) {
      add(hdr, o, p.kid, "no alg in the protected header");
      return false;
    }
    boolean ok = true;
    CBORObject sid;
    if (p.mac) {
      p.piv = prot.getBytes(HeaderLabel.PARTIAL_IV);
      sid = prot.get((Object) CoseMqttProfile.SENDER_ID_LABEL);
      int expected = p.piv != null || sid != null ? 3 : 1;
      if (h.get(HeaderLabel.IV) != null
          || unprot.contains(HeaderLabel.PARTIAL_IV)
          || unprot.contains(CoseMqttProfile.SENDER_ID_LABEL)
          || (p.piv == null) != (sid == null)
          || prot.size() != expected
          || unprot.size() != 1) {
        add(
            Requirement.R3_2,
            o,
            p.kid,
            "Mac0 headers must be protected {1: 5} or {1: 5, 6: Partial IV, \"sid\": sid},"
                + " unprotected {4: kid}: got "
                + prot
                + " / "
                + unprot);
        ok = false;
      }
    } else {
      p.iv = unprot.getBytes(HeaderLabel.IV);
      p.piv = unprot.getBytes(HeaderLabel.PARTIAL_IV);
      sid = unprot.get((Object) CoseMqttProfile.SENDER_ID_LABEL);
      if (prot.size() != 1) {
        add(Requirement.R3_1, o, p.kid, "protected header must be exactly {1: alg}: got " + prot);
        ok = false;
      }
      if ((p.iv == null) == (p.piv == null)) {
        add(
            Requirement.R3_1,
            o,
            p.kid,
            "exactly one of IV and Partial IV is required: got " + unprot);
        ok = false;
      } else if (p.piv != null && sid == null) {
        add(Requirement.R3_1, o, p.kid, "Partial IV without a sid");
        ok = false;
      }
    }
    if (sid != null && (sid.getType() != CBORType.ByteString || sid.isTagged())) {
      add(hdr, o, p.kid, "sid is not a bstr");
      ok = false;
    } else if (sid != null) {
      p.sid = sid.GetByteString();
    }
    sizes(o, p);
    return ok;
  }

  /** R7.2: IV length, minimal 1-5 byte Partial IV, sender id within the nonce. */
  private void sizes(Observed o, Parsed p) {
    int n = 13;
    if (!p.mac && p.alg != null && p.alg.kind() == Algorithm.Kind.AEAD) {
      try {
        n = AeadCipher.of(p.alg).nonceLength();
      } catch (CoseException e) {
        return; // not an AEAD the library has: R6.1 says so
      }
      if (p.iv != null) {
        see(Requirement.R7_2);
      }
      if (p.iv != null && p.iv.length != n) {
        add(
            Requirement.R7_2,
            o,
            p.kid,
            "IV of " + p.iv.length + " bytes; " + p.alg.ianaName() + " needs " + n);
      }
    }
    if (p.piv != null) {
      see(Requirement.R7_2);
      try {
        OscoreNonce.sequence(p.piv);
      } catch (IllegalArgumentException e) {
        add(
            Requirement.R7_2,
            o,
            p.kid,
            "Partial IV " + HEX.formatHex(p.piv) + ": " + e.getMessage());
      }
      if (p.sid != null && p.sid.length > n - 6) {
        add(
            Requirement.R7_2,
            o,
            p.kid,
            "sid of " + p.sid.length + " bytes; at most " + (n - 6) + " fit the nonce");
      }
    }
  }

  /** R6.1-R6.3 and R2.1: the kid must name the key derived for this topic, algorithm and epoch. */
  private Deployment.DerivedKey keyOf(Observed o, Parsed p) {
    see(Requirement.R6_1);
    see(Requirement.R6_2);
    see(Requirement.R6_3);
    boolean kindOk =
        p.alg != null && p.alg.kind() == (p.mac ? Algorithm.Kind.MAC : Algorithm.Kind.AEAD);
    if (!kindOk || !d.profile().allows(p.alg)) {
      add(
          Requirement.R6_1,
          o,
          p.kid,
          (p.alg == null ? "unknown algorithm" : p.alg.ianaName())
              + " is not a "
              + (p.mac ? "MAC" : "content encryption")
              + " algorithm of the "
              + d.profile().name().toLowerCase()
              + " profile");
    }
    Deployment.DerivedKey k = Deployment.find(keys, p.kid);
    if (k == null) {
      add(
          Requirement.R6_2,
          o,
          p.kid,
          "kid "
              + HEX.formatHex(p.kid)
              + " is not derived from the master secret for "
              + String.join(", ", d.filters())
              + " at epoch "
              + d.epoch()
              + " (or "
              + Math.max(0, d.epoch() - 1)
              + ".."
              + (d.epoch() + 1)
              + ") with any profile algorithm");
      return null;
    }
    if (k.epoch() != d.epoch()) {
      add(
          Requirement.R6_3,
          o,
          p.kid,
          "sealed under epoch " + k.epoch() + "; the current epoch is " + d.epoch());
    }
    if (p.alg != null && k.alg() != p.alg) {
      add(
          Requirement.R6_1,
          o,
          p.kid,
          "alg " + p.alg.ianaName() + " but the kid names a " + k.alg().ianaName() + " key");
    }
    if (!coveringFilter(o.topic()).equals(k.filter())) {
      add(
          Requirement.R2_1,
          o,
          p.kid,
          "the kid names a key of "
              + k.filter()
              + ", which does not cover "
              + o.topic()
              + " (receivers refuse it as WRONG_TOPIC)");
    }
    return k;
  }

  private String coveringFilter(String topic) {
    for (String f : d.filters()) {
      if (TopicFilter.of(f).matches(topic)) {
        return f;
      }
    }
    return "";
  }

  /** Opens under the arrival topic; if that fails, finds the topic it was sealed for (R2.1). */
  private void open(Observed o, Parsed p) {
    see(Requirement.R2_1);
    RejectedMessageException why;
    try {
      OpenedMessage opened = opener(p.mac).open(o.topic(), o.payload(), null, Map.of());
      plaintexts.merge(HEX.formatHex(opened.plaintext()), 1, Integer::sum);
      return;
    } catch (RejectedMessageException e) {
      why = e;
    } catch (CoseException e) {
      throw new IllegalStateException(e);
    }
    if (findings.size() > p.before
        && why.reason() != RejectedMessageException.Reason.AUTHENTICATION_FAILED) {
      return; // the checks above already said why it cannot open
    }
    List<String> candidates = new ArrayList<>(topics);
    for (String f : d.filters()) {
      if (TopicFilter.isTopicName(f) && !candidates.contains(f)) {
        candidates.add(f);
      }
    }
    for (String t : candidates) {
      if (t.equals(o.topic())) {
        continue;
      }
      try {
        opener(p.mac).open(t, o.payload(), null, Map.of());
        add(
            Requirement.R2_1,
            o,
            p.kid,
            "moved: sealed for topic " + t + " (its external_aad) but published on " + o.topic());
        return;
      } catch (CoseException e) {
        // not sealed for this topic either
      }
    }
    add(
        Requirement.R2_1,
        o,
        p.kid,
        "does not open under its topic's key and external_aad: "
            + why.reason()
            + ": "
            + why.getMessage());
  }

  /** R7.1, R7.3, R7.4: nonces, sequence numbers and copies across the observation. */
  private void sequence(Observed o, Parsed p, Deployment.DerivedKey k) {
    see(Requirement.R7_1);
    see(Requirement.R7_4);
    String id;
    String what;
    if (p.mac) {
      id =
          p.piv == null
              ? "tag:" + HEX.formatHex(p.tag)
              : "seq:" + HEX.formatHex(p.sid) + "/" + HEX.formatHex(p.piv);
      what =
          p.piv == null
              ? "MAC tag"
              : "Partial IV " + HEX.formatHex(p.piv) + " of sid " + HEX.formatHex(p.sid);
    } else {
      byte[] nonce;
      if (p.iv != null) {
        nonce = p.iv;
        what = "IV " + HEX.formatHex(nonce);
      } else {
        try {
          nonce = OscoreNonce.nonce(k.commonIv(), p.sid, p.piv);
        } catch (IllegalArgumentException | NullPointerException e) {
          return; // R7.2 or R3.1 already said why
        }
        what =
            "nonce "
                + HEX.formatHex(nonce)
                + " (sid "
                + HEX.formatHex(p.sid)
                + ", Partial IV "
                + HEX.formatHex(p.piv)
                + ")";
      }
      id = HEX.formatHex(nonce);
    }
    Map<String, Observed> seen =
        nonces.computeIfAbsent(HEX.formatHex(k.kid()) + "/" + k.epoch(), x -> new HashMap<>());
    Observed first = seen.putIfAbsent(id, o);
    if (first != null) {
      if (Arrays.equals(first.payload(), o.payload())) {
        if (o.dup()) {
          notes.add(
              "message #"
                  + o.index()
                  + " is a QoS 1 redelivery (DUP) of #"
                  + first.index()
                  + ": allowed");
        } else {
          add(
              Requirement.R7_4,
              o,
              p.kid,
              "identical to message #"
                  + first.index()
                  + " (a replay or duplicate without DUP;"
                  + " receivers refuse it as REPLAY)");
        }
      } else if (p.mac && p.piv == null) {
        add(Requirement.R7_4, o, p.kid, "same MAC tag as message #" + first.index());
      } else {
        add(
            Requirement.R7_1,
            o,
            p.kid,
            "NONCE REUSE: "
                + what
                + " under kid "
                + HEX.formatHex(p.kid)
                + " already sealed message #"
                + first.index()
                + " with different bytes");
      }
      return;
    }
    if (p.piv != null && p.sid != null) {
      see(Requirement.R7_3);
      long seq;
      try {
        seq = OscoreNonce.sequence(p.piv);
      } catch (IllegalArgumentException e) {
        return;
      }
      String sender =
          HEX.formatHex(k.kid()) + "/" + k.epoch() + "/" + HEX.formatHex(p.sid) + "/" + o.topic();
      Long last = lastSeq.put(sender, seq);
      if (last != null && seq < last) {
        add(
            Requirement.R7_3,
            o,
            p.kid,
            "sequence number "
                + seq
                + " after "
                + last
                + " from sid "
                + HEX.formatHex(p.sid)
                + " on "
                + o.topic());
      }
    }
  }

  private void see(Requirement r) {
    checked.merge(r, 1, Integer::sum);
  }

  private void add(Requirement r, Observed o, byte[] kid, String detail) {
    findings.add(
        new Finding(
            r,
            o.index(),
            o.topic(),
            kid == null ? "" : HEX.formatHex(kid),
            HEX.formatHex(o.payload()),
            detail));
  }

  /** Adds a finding of the command exchange (not tied to one received message). */
  void addExchangeFinding(Requirement r, String topic, String detail) {
    findings.add(new Finding(r, 0, topic, "", "", detail));
  }

  /** Counts a requirement as checked by the command exchange. */
  void seeExchange(Requirement r) {
    see(r);
  }

  /** How many opened device messages had this plaintext. */
  int echoes(byte[] plaintext) {
    return plaintexts.getOrDefault(HEX.formatHex(plaintext), 0);
  }

  int messages() {
    return messages;
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  Map<Requirement, Integer> checked() {
    return Map.copyOf(checked);
  }
}
