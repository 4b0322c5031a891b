"""pyCOSE peer for cose-tck: speaks the peer line protocol v2 (docs/peer-protocol.md).

One JSON request per line on stdin, one JSON response per line on stdout, answered in order.
Never exits on bad input; 'shutdown' ends it.
"""

import json
import sys
import traceback

import cbor2

try:
    import pycose
    from pycose import headers
    from pycose.algorithms import CoseAlgorithm
    from pycose.keys import CoseKey, OKPKey, SymmetricKey
    from pycose.messages import (CoseMessage, Enc0Message, EncMessage, Mac0Message, MacMessage,
                                 Sign1Message, SignMessage)
    from pycose.messages.recipient import (DirectEncryption, DirectKeyAgreement,
                                           KeyAgreementWithKeyWrap, KeyWrap)
    from pycose.messages.signer import CoseSignature
    from importlib.metadata import version as _version

    PYCOSE_VERSION = _version("pycose")
    IMPORT_ERROR = None
except Exception as e:  # reported through hello, so the TCK can say why
    IMPORT_ERROR = repr(e)
    PYCOSE_VERSION = None

PROTOCOL_VERSION = 2

# Content encryption, MAC and signature algorithms pyCOSE 1.1.0 implements (its registry).
SUPPORTED = [1, 2, 3, 10, 11, 12, 13, 30, 31, 32, 33,
             4, 5, 6, 7, 14, 15, 25, 26,
             -7, -35, -36, -8, -37, -38, -39, -257, -258, -259]
# Registered IANA algorithms of those kinds that pyCOSE lacks: asked for, they are 'unsupported'.
REGISTERED_MISSING = [24, -46, -47, -48, -49, -50, -51, -52, -53]

# Recipient algorithms, by the pyCOSE recipient class that implements them. The direct HKDF
# algorithms (-10..-13) are registered with DirectEncryption, whose compute_cek raises
# NotImplementedError for them, so they are refused up front.
DIRECT = {-6}
DIRECT_HKDF = {-10, -11, -12, -13}
KEY_WRAP = {-3, -4, -5}
ECDH_DIRECT = {-25, -26, -27, -28}
ECDH_WRAP = {-29, -30, -31, -32, -33, -34}
RECIPIENT_CLASSES = {}
if IMPORT_ERROR is None:
    RECIPIENT_CLASSES = {**{a: DirectEncryption for a in DIRECT},
                         **{a: KeyWrap for a in KEY_WRAP},
                         **{a: DirectKeyAgreement for a in ECDH_DIRECT},
                         **{a: KeyAgreementWithKeyWrap for a in ECDH_WRAP}}

CREATE_OPS = ["encrypt0", "sign1", "mac0", "encrypt", "mac", "sign"]
OPEN_OPS = {"decrypt0": "Enc0Message", "verify1": "Sign1Message", "verify_mac0": "Mac0Message",
            "decrypt": "EncMessage", "verify_mac": "MacMessage", "verify": "SignMessage"}
# pyCOSE takes a detached payload only for signatures (encode/verify_signature(detached_payload));
# its MAC and encryption always compute over, and emit, the content they hold.
DETACHED_CREATE = {"sign1", "sign"}


class Refused(Exception):
    def __init__(self, kind, error):
        super().__init__(error)
        self.kind = kind


def h(field, req):
    value = req.get(field, "")
    if not isinstance(value, str):
        raise Refused("error", f"{field} must be a hex string")
    return bytes.fromhex(value)


def check_alg(alg):
    if not isinstance(alg, int):
        raise Refused("error", "alg must be an integer")
    if alg in REGISTERED_MISSING or alg not in SUPPORTED:
        raise Refused("unsupported", f"pyCOSE does not implement algorithm {alg}")
    return alg


def alg_of(req):
    return check_alg(req.get("alg"))


def decode_key(data):
    try:
        return CoseKey.decode(data)
    except Exception as e:
        raise Refused("unsupported", f"pyCOSE cannot load this COSE_Key: {e!r}")


def key_of(req, field="key"):
    return decode_key(h(field, req))


def unprotected(value):
    if not isinstance(value, str):
        raise Refused("error", "unprotected must be a hex string")
    return cbor2.loads(bytes.fromhex(value) or b"\xa0")


def recipient_of(r, cek):
    """A pyCOSE recipient built from one request recipient, with its keys in place."""
    if not isinstance(r, dict):
        raise Refused("error", "a recipient must be an object")
    alg = r.get("alg")
    if not isinstance(alg, int):
        raise Refused("error", "recipient alg must be an integer")
    if alg in DIRECT_HKDF:
        raise Refused("unsupported", f"pyCOSE 1.1.0 DirectEncryption.compute_cek raises "
                                     f"NotImplementedError for direct HKDF algorithm {alg}")
    cls = RECIPIENT_CLASSES.get(alg)
    if cls is None:
        raise Refused("unsupported", f"pyCOSE does not implement recipient algorithm {alg}")
    rec = cls(phdr_encoded=h("protected", r), uhdr=unprotected(r.get("unprotected", "a0")))
    key = key_of(r)
    refuse_okp_agreement(alg, key)
    if alg in DIRECT or alg in KEY_WRAP:
        rec.key = key
    else:
        # The recipient's public key is the peer key; the sender's key (ephemeral or static)
        # is the local one, and its public part is already in the headers as given.
        rec.local_attrs = {headers.StaticKey: key}
        rec.key = key_of(r, "sender_key")
    if alg not in DIRECT and alg not in ECDH_DIRECT:
        if cek is None:
            raise Refused("error", "a key wrap recipient needs 'cek'")
        rec.payload = cek  # the CEK pyCOSE wraps, instead of a random one
    return rec


def refuse_okp_agreement(alg, key):
    if (alg in ECDH_DIRECT or alg in ECDH_WRAP) and isinstance(key, OKPKey):
        # Its ECDH reads key.y and checks EC2Key: CoseException('Wrong key type') otherwise.
        raise Refused("unsupported", "pyCOSE 1.1.0 does ECDH with EC2 keys only (X25519/X448 "
                                     "keys raise CoseException('Wrong key type'))")


def mac_kdf_unsupported(e):
    """pyCOSE sizes a KDF output with target_alg.get_key_length(), which MAC algorithms lack."""
    if isinstance(e, AttributeError) and "get_key_length" in str(e):
        return Refused("unsupported", f"pyCOSE 1.1.0 cannot derive a MAC key by direct key "
                                      f"agreement: {e!r}")
    return None


def body_fields(req):
    return {"phdr_encoded": h("protected", req),
            "uhdr": unprotected(req.get("unprotected", "a0")),
            "external_aad": h("external_aad", req)}


def create(op, req):
    tagged = bool(req.get("tagged", True))
    detached = bool(req.get("detached", False))
    if detached and op not in DETACHED_CREATE:
        raise Refused("unsupported", f"pyCOSE cannot create a detached {op}: its MAC and "
                                     "encryption compute over, and emit, the content they hold")
    content = h("plaintext" if op in ("encrypt0", "encrypt") else "payload", req)
    if op == "sign":
        return create_sign(req, content, tagged, detached)
    alg_of(req)
    f = body_fields(req)
    if op in ("encrypt0", "sign1", "mac0"):
        cls = {"encrypt0": Enc0Message, "sign1": Sign1Message, "mac0": Mac0Message}[op]
        msg = cls(payload=None if detached else content, key=key_of(req), **f)
        if detached:
            return {"message": msg.encode(tag=tagged, detached_payload=content).hex(),
                    "detached_content": content.hex()}
        return {"message": msg.encode(tag=tagged).hex()}
    recipients = req.get("recipients")
    if not isinstance(recipients, list) or not recipients:
        raise Refused("error", "recipients must be a non-empty list")
    cek = h("cek", req) if req.get("cek") else None
    recs = [recipient_of(r, cek) for r in recipients]
    cls = EncMessage if op == "encrypt" else MacMessage
    msg = cls(payload=content, recipients=recs, **f)
    if isinstance(recs[0], DirectEncryption):
        msg.key = recs[0].key  # direct: the shared key is the CEK
    try:
        return {"message": msg.encode(tag=tagged).hex()}
    except AttributeError as e:
        refused = mac_kdf_unsupported(e) if op == "mac" else None
        raise refused or e
    except NameError as e:
        if op == "mac":
            # MacMessage.compute_tag names SymmetricKey, which macmessage.py imports only for
            # type checking: every key wrap or key agreement with key wrap recipient fails.
            raise Refused("unsupported", f"pyCOSE 1.1.0 cannot create a COSE_Mac with a key "
                                         f"wrap recipient: {e!r}")
        raise


def create_sign(req, content, tagged, detached):
    signers = req.get("signers")
    if not isinstance(signers, list) or not signers:
        raise Refused("error", "signers must be a non-empty list")
    aad = h("external_aad", req)
    sigs = []
    for s in signers:
        if not isinstance(s, dict):
            raise Refused("error", "a signer must be an object")
        check_alg(s.get("alg"))
        sigs.append(CoseSignature(phdr_encoded=h("protected", s),
                                  uhdr=unprotected(s.get("unprotected", "a0")),
                                  external_aad=aad, key=key_of(s)))
    msg = SignMessage(phdr_encoded=h("protected", req),
                      uhdr=unprotected(req.get("unprotected", "a0")),
                      payload=None if detached else content, signers=sigs)
    if detached:
        return {"message": msg.encode(tag=tagged, detached_payload=content).hex(),
                "detached_content": content.hex()}
    return {"message": msg.encode(tag=tagged).hex()}


def message_alg(msg):
    for bucket in (msg.phdr, msg.uhdr):
        for k, v in bucket.items():
            if getattr(k, "identifier", k) == 1:
                return getattr(v, "identifier", v)
    return None


def pick(items, req, field):
    i = req.get(field)
    if not isinstance(i, int):
        raise Refused("error", f"{field} must be an integer")
    if not 0 <= i < len(items):
        raise Refused("rejected", f"the message has no {field} {i} (it has {len(items)})")
    return items[i]


def as_cose_key(value):
    """A key header as pyCOSE's ECDH needs it: the decoder leaves -1/-2 as plain CBOR maps."""
    if isinstance(value, dict):
        return CoseKey.from_dict(value)
    return value


def recipient_cek(msg, req):
    """Sets the chosen recipient's keys and returns the CEK it recovers (direct: the key)."""
    r = pick(msg.recipients, req, "recipient")
    key = key_of(req)
    if isinstance(r, DirectEncryption):
        if message_alg(r) in DIRECT_HKDF:
            raise Refused("unsupported", "pyCOSE 1.1.0 DirectEncryption.compute_cek raises "
                                         "NotImplementedError for direct HKDF algorithms")
        return key
    refuse_okp_agreement(message_alg(r), key)
    r.key = key
    for label in (headers.EphemeralKey, headers.StaticKey):
        if r.uhdr.get(label) is not None:
            r.uhdr[label] = as_cose_key(r.uhdr[label])
    if req.get("sender_key") and r.get_attr(headers.StaticKey) is None:
        # ECDH-SS naming the sender by key id (-3): the application supplies that key.
        r.uhdr_update({headers.StaticKey: key_of(req, "sender_key")})
    try:
        cek = r.compute_cek(msg.get_attr(headers.Algorithm), "decrypt")
    except AttributeError as e:
        raise mac_kdf_unsupported(e) or e
    # The recovered key is marked for decryption only; a MAC key is the same bytes.
    return SymmetricKey(k=cek.k)


def open_(op, req):
    data = h("message", req)
    aad = h("external_aad", req)
    detached = h("detached_content", req) if req.get("detached_content") else None
    try:
        msg = CoseMessage.decode(data)
    except Exception as e:
        raise Refused("rejected", f"decode: {e!r}")
    if type(msg).__name__ != OPEN_OPS[op]:
        raise Refused("rejected", f"expected {OPEN_OPS[op]}, got {type(msg).__name__}")
    alg = message_alg(msg)
    if alg in REGISTERED_MISSING:
        raise Refused("unsupported", f"pyCOSE does not implement algorithm {alg}")
    if msg.payload is None:
        if detached is None:
            raise Refused("rejected", f"{op}: the content is nil and no detached content was given")
    elif detached is not None:
        raise Refused("rejected", f"{op}: detached content given but the message carries content")
    try:
        if op == "verify":
            signer = pick(msg.signers, req, "signer")
            signer.key = key_of(req)
            signer.external_aad = aad
            ok = signer.verify_signature(detached)
        else:
            msg.external_aad = aad
            if detached is not None and op != "verify1":
                # pyCOSE has no detached API for MAC and encryption; the content goes where
                # the decoder left nil.
                msg.payload = detached
            msg.key = recipient_cek(msg, req) if op in ("decrypt", "verify_mac") else key_of(req)
            if op in ("decrypt0", "decrypt"):
                return {"plaintext": msg.decrypt().hex() if op == "decrypt0"
                        else msg.decrypt(msg.recipients[req["recipient"]]).hex()}
            ok = msg.verify_signature(detached) if op == "verify1" else msg.verify_tag()
    except Refused:
        raise
    except Exception as e:
        raise Refused("rejected", f"{op}: {e!r}")
    if not ok:
        raise Refused("rejected", f"{op}: does not verify")
    return {"payload": (msg.payload if detached is None else detached).hex()}


def handle(req):
    op = req.get("op")
    if op == "hello":
        if IMPORT_ERROR:
            raise Refused("error", f"pyCOSE not importable: {IMPORT_ERROR}")
        return {"name": "pycose", "version": PYCOSE_VERSION, "protocol": PROTOCOL_VERSION,
                "algorithms": SUPPORTED, "ops": CREATE_OPS + list(OPEN_OPS)}
    if op in CREATE_OPS:
        return create(op, req)
    if op in OPEN_OPS:
        return open_(op, req)
    raise Refused("unsupported", f"unknown op {op!r}")


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        rid = None
        try:
            req = json.loads(line)
            rid = req.get("id")
            if req.get("op") == "shutdown":
                out.write(json.dumps({"id": rid, "ok": True}) + "\n")
                out.flush()
                return 0
            resp = {"id": rid, "ok": True}
            resp.update(handle(req))
        except Refused as e:
            resp = {"id": rid, "ok": False, "kind": e.kind, "error": str(e)}
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            resp = {"id": rid, "ok": False, "kind": "error", "error": repr(e)}
        out.write(json.dumps(resp) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
