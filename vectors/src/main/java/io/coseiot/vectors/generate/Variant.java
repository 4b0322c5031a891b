package io.coseiot.vectors.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The presentation options crossed with every algorithm: tag, where {@code alg} sits, external AAD
 * and detached payload.
 *
 * @param tagged whether the message starts with its COSE tag
 * @param protectedAlg whether {@code alg} is protected (else the protected bucket is empty)
 * @param externalAad whether external AAD is supplied
 * @param detached whether the payload travels apart from the message (MAC and signatures only)
 */
record Variant(boolean tagged, boolean protectedAlg, boolean externalAad, boolean detached) {
  /** The canonical variant used for negative vectors. */
  static final Variant BASE = new Variant(true, true, false, false);

  /** Every combination, detached ones only if {@code withDetached}. */
  static List<Variant> all(boolean withDetached) {
    List<Variant> out = new ArrayList<>();
    for (boolean t : new boolean[] {true, false}) {
      for (boolean p : new boolean[] {true, false}) {
        for (boolean a : new boolean[] {false, true}) {
          for (boolean d : withDetached ? new boolean[] {false, true} : new boolean[] {false}) {
            out.add(new Variant(t, p, a, d));
          }
        }
      }
    }
    return out;
  }

  String suffix() {
    return (tagged ? "tagged" : "untagged")
        + (protectedAlg ? "-prot" : "-noprot")
        + (externalAad ? "-aad" : "")
        + (detached ? "-detached" : "");
  }
}
