package io.coseiot.tck.probe;

/**
 * One violation of a requirement, tied to the message that shows it.
 *
 * @param requirement the requirement violated
 * @param index the 1-based index of the message in the observation, or 0 for the command exchange
 * @param topic the topic the message arrived on (or the command topic)
 * @param kid the COSE kid in hex, or empty if there was none
 * @param hex the message in hex (empty if none)
 * @param detail what was wrong, in one line
 */
public record Finding(
    Requirement requirement, int index, String topic, String kid, String hex, String detail) {

  /**
   * Returns how bad it is: nonce reuse breaks the confidentiality and integrity of every message
   * under the key, so it is critical; everything else is a violation.
   *
   * @return {@code critical} or {@code violation}
   */
  public String severity() {
    return requirement == Requirement.R7_1 ? "critical" : "violation";
  }
}
