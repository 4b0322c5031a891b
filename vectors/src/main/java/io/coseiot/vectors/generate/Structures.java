package io.coseiot.vectors.generate;

/** The to-be-authenticated structures of RFC 9052 §4.4, §5.3 and §6.3, for intermediates. */
final class Structures {
  private Structures() {}

  static byte[] enc(String context, byte[] prot, byte[] aad) {
    return Cbor.writer().array(3).tstr(context).bstr(prot).bstr(aad).bytes();
  }

  static byte[] mac(String context, byte[] prot, byte[] aad, byte[] payload) {
    return Cbor.writer().array(4).tstr(context).bstr(prot).bstr(aad).bstr(payload).bytes();
  }

  static byte[] sig1(byte[] prot, byte[] aad, byte[] payload) {
    return Cbor.writer().array(4).tstr("Signature1").bstr(prot).bstr(aad).bstr(payload).bytes();
  }

  static byte[] sig(byte[] bodyProt, byte[] signProt, byte[] aad, byte[] payload) {
    return Cbor.writer()
        .array(5)
        .tstr("Signature")
        .bstr(bodyProt)
        .bstr(signProt)
        .bstr(aad)
        .bstr(payload)
        .bytes();
  }
}
