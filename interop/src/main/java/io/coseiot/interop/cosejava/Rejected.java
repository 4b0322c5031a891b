package io.coseiot.interop.cosejava;

/** A message that is invalid or does not verify: answered as {@code rejected}. */
final class Rejected extends Exception {
  private static final long serialVersionUID = 1L;

  Rejected(String why) {
    super(why);
  }
}
