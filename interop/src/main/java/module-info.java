/**
 * cose-iot interop: drives other COSE implementations (peers) through the line protocol of
 * docs/peer-protocol.md: pyCOSE in a long-lived Python process and COSE-JAVA in an isolated class
 * loader.
 */
module io.coseiot.interop {
  requires transitive io.coseiot.vectors;

  exports io.coseiot.interop;
}
