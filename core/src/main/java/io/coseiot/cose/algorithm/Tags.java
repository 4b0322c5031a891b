package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AuthenticationException;

/** Tag comparison shared by the MAC functions. */
final class Tags {
  private Tags() {}

  /** Compares in constant time; only the length, which is public, may leak through timing. */
  static void check(Algorithm alg, byte[] expected, byte[] received)
      throws AuthenticationException {
    check(alg, expected, expected.length, received);
  }

  /**
   * Compares the first {@code length} bytes of {@code computed}, a full MAC output, with a received
   * tag in constant time, without truncating the output into a new array first.
   */
  static void check(Algorithm alg, byte[] computed, int length, byte[] received)
      throws AuthenticationException {
    if (received.length != length) {
      throw new AuthenticationException(
          alg.ianaName() + ": tag is " + received.length + " bytes, expected " + length);
    }
    if (!ConstantTime.equal(computed, received, length)) {
      throw new AuthenticationException(alg.ianaName() + ": tag does not match");
    }
  }
}
