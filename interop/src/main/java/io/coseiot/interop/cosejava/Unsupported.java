package io.coseiot.interop.cosejava;

/** A request that COSE-JAVA cannot carry out as asked: answered as {@code unsupported}. */
final class Unsupported extends Exception {
  private static final long serialVersionUID = 1L;

  Unsupported(String why) {
    super(why);
  }
}
