package io.coseiot.tck.probe;

/**
 * The requirements of docs/mqtt-cose-profile.md that {@code cose-tck probe} checks, by their id in
 * the profile (its conformance annex, section 12, lists the checks of each).
 */
public enum Requirement {
  /** R1.1: messages are always tagged with their type's tag, never detached. */
  R1_1("R1.1", "tagged COSE message of a profile type"),
  /** R2.1: external_aad binds the topic published to and the key epoch. */
  R2_1("R2.1", "bound to the topic it is published to (external_aad)"),
  /** R3.1: the headers of COSE_Encrypt0, kid always present. */
  R3_1("R3.1", "COSE_Encrypt0 headers as the profile lays them out"),
  /** R3.2: the headers of COSE_Mac0, the sequence number protected. */
  R3_2("R3.2", "COSE_Mac0 headers as the profile lays them out"),
  /** R4.1: the MQTT v5 Content Type. */
  R4_1("R4.1", "MQTT v5 Content Type of the outer COSE type"),
  /** R4.2: the MQTT v5 Payload Format Indicator. */
  R4_2("R4.2", "Payload Format Indicator 0 or absent"),
  /** R4.3: the MQTT v5 cose-kid user property. */
  R4_3("R4.3", "cose-kid user property equal to the COSE kid"),
  /** R5.1: MQTT 3.1.1: no properties, the kid in the COSE header. */
  R5_1("R5.1", "MQTT 3.1.1: kid in the COSE header"),
  /** R6.1: the algorithm is in the profile and is its key's. */
  R6_1("R6.1", "algorithm allowed by the profile and equal to its key's"),
  /** R6.2: the kid is the derived KID of the deployment's filter, algorithm and epoch. */
  R6_2("R6.2", "kid names the key derived for the deployment"),
  /** R6.3: a publisher seals with the current epoch. */
  R6_3("R6.3", "sealed under the current epoch"),
  /** R7.1: never the same nonce twice under one key. */
  R7_1("R7.1", "no nonce (IV, Partial IV) repeated under one key"),
  /** R7.2: IV length, Partial IV and sender id encoding. */
  R7_2("R7.2", "IV, Partial IV and sender id sizes"),
  /** R7.3: counter mode: each sender's sequence numbers increase. */
  R7_3("R7.3", "sequence numbers increase per sender"),
  /** R7.4: each message is published once (QoS redelivery aside). */
  R7_4("R7.4", "no replayed or duplicated message"),
  /** R7.5: a receiver refuses a replay. */
  R7_5("R7.5", "receiver refuses a replayed message"),
  /** R9.1: sizes: non-empty and within the receivers' maximum. */
  R9_1("R9.1", "payload size within the receivers' limits"),
  /** R9.2: a receiver refuses what does not authenticate. */
  R9_2("R9.2", "receiver refuses a message that does not authenticate"),
  /** R12.1: the test annex's echo of a device under test. */
  R12_1("R12.1", "device echoes each command it opened");

  private final String id;
  private final String summary;

  Requirement(String id, String summary) {
    this.id = id;
    this.summary = summary;
  }

  /**
   * Returns the id as the profile writes it.
   *
   * @return e.g. {@code R7.1}
   */
  public String id() {
    return id;
  }

  /**
   * Returns a one-line summary.
   *
   * @return the summary
   */
  public String summary() {
    return summary;
  }
}
