package io.coseiot.cose.message;

import java.util.Objects;
import java.util.Set;

/**
 * How strictly a message is decoded, immutable. {@link #strict()} is what {@code decode(byte[])}
 * uses: the tag may be present or absent ({@link TagPolicy#OPTIONAL}), {@code crit} may name only
 * the generic labels of RFC 9052, and {@code alg} must be in the protected bucket of the message
 * (and of each COSE_Signature), so the algorithm is covered by the signature, MAC or AEAD tag. Each
 * {@code with} method returns a changed copy.
 *
 * <p>Recipients are exempt from the {@code alg} rule: RFC 9053 requires an empty protected bucket
 * for key wrap and lets direct recipients carry {@code alg} unprotected.
 */
public final class DecodeOptions {
  private static final DecodeOptions STRICT =
      new DecodeOptions(TagPolicy.OPTIONAL, Set.of(), false);

  private final TagPolicy tagPolicy;
  private final Set<Object> understoodLabels;
  private final boolean unprotectedAlgAllowed;

  private DecodeOptions(TagPolicy tagPolicy, Set<Object> understood, boolean unprotectedAlg) {
    this.tagPolicy = tagPolicy;
    this.understoodLabels = understood;
    this.unprotectedAlgAllowed = unprotectedAlg;
  }

  /**
   * Returns the defaults described in the class comment.
   *
   * @return the strict options
   */
  public static DecodeOptions strict() {
    return STRICT;
  }

  /**
   * Returns a copy with another tag policy.
   *
   * @param policy whether the tag must, may or must not be present
   * @return the changed options
   */
  public DecodeOptions withTagPolicy(TagPolicy policy) {
    return new DecodeOptions(
        Objects.requireNonNull(policy, "policy"), understoodLabels, unprotectedAlgAllowed);
  }

  /**
   * Returns a copy that accepts in {@code crit} the application's own labels, which it promises to
   * process.
   *
   * @param labels each a {@code Long} or {@code String}
   * @return the changed options
   * @throws IllegalArgumentException if a label is neither
   */
  public DecodeOptions withUnderstoodLabels(Set<?> labels) {
    Objects.requireNonNull(labels, "labels");
    for (Object l : labels) {
      if (!(l instanceof Long) && !(l instanceof String)) {
        throw new IllegalArgumentException(
            "understood label "
                + l
                + " is neither a Long nor a String; crit labels are ints or text");
      }
    }
    return new DecodeOptions(tagPolicy, Set.copyOf(labels), unprotectedAlgAllowed);
  }

  /**
   * Returns a copy that accepts {@code alg} in the unprotected bucket, as some older senders write
   * it. The algorithm is then not authenticated: use this only for peers that cannot be changed.
   *
   * @return the changed options
   */
  public DecodeOptions allowUnprotectedAlg() {
    return new DecodeOptions(tagPolicy, understoodLabels, true);
  }

  /**
   * Returns the tag policy.
   *
   * @return the policy
   */
  public TagPolicy tagPolicy() {
    return tagPolicy;
  }

  /**
   * Returns the application's own labels accepted in {@code crit}.
   *
   * @return an unmodifiable set, empty by default
   */
  public Set<Object> understoodLabels() {
    return understoodLabels;
  }

  /**
   * Returns whether {@code alg} may be unprotected.
   *
   * @return false by default
   */
  public boolean unprotectedAlgAllowed() {
    return unprotectedAlgAllowed;
  }
}
