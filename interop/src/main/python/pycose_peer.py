"""pyCOSE peer for cose-tck: speaks the peer line protocol v1 (docs/peer-protocol.md).

One JSON request per line on stdin, one JSON response per line on stdout, answered in order.
Never exits on bad input; 'shutdown' ends it.
"""

import json
import sys
import traceback

import cbor2

try:
    import pycose
    from pycose.algorithms import CoseAlgorithm
    from pycose.keys import CoseKey
    from pycose.messages import CoseMessage, Enc0Message, Mac0Message, Sign1Message
    from importlib.metadata import version as _version

    PYCOSE_VERSION = _version("pycose")
    IMPORT_ERROR = None
except Exception as e:  # reported through hello, so the TCK can say why
    IMPORT_ERROR = repr(e)
    PYCOSE_VERSION = None

PROTOCOL_VERSION = 1

# Content encryption, MAC and signature algorithms pyCOSE 1.1.0 implements (its registry).
SUPPORTED = [1, 2, 3, 10, 11, 12, 13, 30, 31, 32, 33,
             4, 5, 6, 7, 14, 15, 25, 26,
             -7, -35, -36, -8, -37, -38, -39, -257, -258, -259]
# Registered IANA algorithms of those kinds that pyCOSE lacks: asked for, they are 'unsupported'.
REGISTERED_MISSING = [24, -46, -47, -48, -49, -50, -51, -52, -53]

MESSAGE_CLASSES = {"decrypt0": "Enc0Message", "verify1": "Sign1Message",
                   "verify_mac0": "Mac0Message"}


class Refused(Exception):
    def __init__(self, kind, error):
        super().__init__(error)
        self.kind = kind


def h(field, req):
    value = req.get(field, "")
    if not isinstance(value, str):
        raise Refused("error", f"{field} must be a hex string")
    return bytes.fromhex(value)


def alg_of(req):
    alg = req.get("alg")
    if not isinstance(alg, int):
        raise Refused("error", "alg must be an integer")
    if alg in REGISTERED_MISSING or alg not in SUPPORTED:
        raise Refused("unsupported", f"pyCOSE does not implement algorithm {alg}")
    return alg


def key_of(req):
    try:
        return CoseKey.decode(h("key", req))
    except Refused:
        raise
    except Exception as e:
        raise Refused("unsupported", f"pyCOSE cannot load this COSE_Key: {e!r}")


def create(op, req):
    alg_of(req)
    key = key_of(req)
    prot = h("protected", req)
    unprot = cbor2.loads(h("unprotected", req) or b"\xa0")
    aad = h("external_aad", req)
    tagged = bool(req.get("tagged", True))
    cls = {"encrypt0": Enc0Message, "sign1": Sign1Message, "mac0": Mac0Message}[op]
    content = h("plaintext" if op == "encrypt0" else "payload", req)
    msg = cls(phdr_encoded=prot, uhdr=unprot, payload=content, external_aad=aad, key=key)
    return {"message": msg.encode(tag=tagged).hex()}


def message_alg(msg):
    for bucket in (msg.phdr, msg.uhdr):
        for k, v in bucket.items():
            if getattr(k, "identifier", k) == 1:
                return getattr(v, "identifier", v)
    return None


def open_(op, req):
    key = key_of(req)
    data = h("message", req)
    aad = h("external_aad", req)
    try:
        msg = CoseMessage.decode(data)
    except Exception as e:
        raise Refused("rejected", f"decode: {e!r}")
    if type(msg).__name__ != MESSAGE_CLASSES[op]:
        raise Refused("rejected", f"expected {MESSAGE_CLASSES[op]}, got {type(msg).__name__}")
    alg = message_alg(msg)
    if alg in REGISTERED_MISSING:
        raise Refused("unsupported", f"pyCOSE does not implement algorithm {alg}")
    msg.key = key
    msg.external_aad = aad
    try:
        if op == "decrypt0":
            return {"plaintext": msg.decrypt().hex()}
        ok = msg.verify_signature() if op == "verify1" else msg.verify_tag()
    except Exception as e:
        raise Refused("rejected", f"{op}: {e!r}")
    if not ok:
        raise Refused("rejected", f"{op}: does not verify")
    return {"payload": (msg.payload or b"").hex()}


def handle(req):
    op = req.get("op")
    if op == "hello":
        if IMPORT_ERROR:
            raise Refused("error", f"pyCOSE not importable: {IMPORT_ERROR}")
        return {"name": "pycose", "version": PYCOSE_VERSION, "protocol": PROTOCOL_VERSION,
                "algorithms": SUPPORTED,
                "ops": ["encrypt0", "decrypt0", "sign1", "verify1", "mac0", "verify_mac0"]}
    if op in ("encrypt0", "sign1", "mac0"):
        return create(op, req)
    if op in ("decrypt0", "verify1", "verify_mac0"):
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
