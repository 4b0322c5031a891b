#!/usr/bin/env python3
"""Template of a cose-tck peer adapter (docs/peer-protocol.md, version 2). Copy this folder, then
replace the parts marked FILL IN with calls into your COSE library.

As shipped it implements `hello`, `shutdown` and one op, `verify_mac0` for HMAC 256/256 (alg 5),
with the Python standard library only, so it runs as it is:

    ./cose-tck verify DIR --peer-command 'python3 interop/adapters/template/peer.py'

Every op you do not list in OPS is never asked (n/a in the report); an algorithm or option your
library lacks is answered `unsupported` (n/a, not a failure); a message that is wrong is
`rejected`; anything else, such as a bug of yours, is `error` (a failure).
"""
import hashlib
import hmac
import json
import sys

NAME = "template"  # FILL IN: your implementation's name (quirks are matched on it)
VERSION = "0.0.0"  # FILL IN: your library's version
ALGORITHMS = [5]  # FILL IN: the IANA ids you implement
OPS = ["verify_mac0"]  # FILL IN: exactly the ops you implement (see the protocol's table)


class Fail(Exception):
    """A failed request: kind is rejected, unsupported or error."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


# --- A minimal CBOR reader, enough for keys and messages. FILL IN: use your library instead. ---

def cbor_item(data, i=0):
    """Returns (value, next index) of the CBOR item at data[i]; tags become ("tag", n, value)."""
    if i >= len(data):
        raise Fail("rejected", "CBOR ends early")
    major, info = data[i] >> 5, data[i] & 0x1F
    i += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        if i + size > len(data):
            raise Fail("rejected", "CBOR ends early")
        n, i = int.from_bytes(data[i:i + size], "big"), i + size
    else:
        raise Fail("rejected", "indefinite or reserved CBOR length")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        if i + n > len(data):
            raise Fail("rejected", "CBOR string ends early")
        raw = data[i:i + n]
        return (raw if major == 2 else raw.decode("utf-8")), i + n
    if major == 4:
        items = []
        for _ in range(n):
            v, i = cbor_item(data, i)
            items.append(v)
        return items, i
    if major == 5:
        m = {}
        for _ in range(n):
            k, i = cbor_item(data, i)
            v, i = cbor_item(data, i)
            if k in m:
                raise Fail("rejected", "duplicate map key")
            m[k] = v
        return m, i
    if major == 6:
        v, i = cbor_item(data, i)
        return ("tag", n, v), i
    if info in (20, 21):
        return info == 21, i
    if info == 22:
        return None, i
    raise Fail("rejected", "unsupported CBOR simple value")


def cbor(data):
    value, end = cbor_item(data)
    if end != len(data):
        raise Fail("rejected", "trailing bytes after the CBOR item")
    return value


def bstr(b):
    """Encodes a byte string (CBOR major type 2)."""
    n = len(b)
    head = bytes([0x40 | n]) if n < 24 else bytes([0x58, n]) if n < 256 else bytes([0x59]) + n.to_bytes(2, "big")
    return head + b


# --- The ops. ---

def field(req, name):
    try:
        return bytes.fromhex(req[name])
    except (KeyError, TypeError, ValueError):
        raise Fail("error", f"request has no hex {name}")


def verify_mac0(req):
    """COSE_Mac0 (tag 17) with HMAC 256/256. FILL IN: call your library's Mac0 verification."""
    msg = cbor(field(req, "message"))
    if isinstance(msg, tuple):
        if msg[1] != 17:
            raise Fail("rejected", f"tag {msg[1]} is not COSE_Mac0")
        msg = msg[2]
    if not isinstance(msg, list) or len(msg) != 4:
        raise Fail("rejected", "COSE_Mac0 is an array of four")
    protected, unprotected, payload, tag = msg
    if not isinstance(protected, bytes) or not isinstance(unprotected, dict):
        raise Fail("rejected", "bad header buckets")
    headers = cbor(protected) if protected else {}
    if not isinstance(headers, dict):
        raise Fail("rejected", "the protected bucket is not a map")
    if set(headers) & set(unprotected):
        raise Fail("rejected", "a label in both buckets")
    if 2 in headers or 2 in unprotected:
        raise Fail("rejected", "crit names a label this adapter does not understand")
    alg = headers.get(1, unprotected.get(1))
    if not isinstance(alg, int) or isinstance(alg, bool):
        raise Fail("rejected", "no integer algorithm")
    if alg != 5:
        raise Fail("unsupported", f"algorithm {alg!r}")
    if payload is None:
        payload = field(req, "detached_content")
    elif not isinstance(payload, bytes):
        raise Fail("rejected", "the payload is not a byte string")
    key = cbor(field(req, "key"))
    k = key.get(-1) if isinstance(key, dict) else None
    if key.get(1) != 4 or not isinstance(k, bytes):
        raise Fail("rejected", "not a symmetric COSE_Key")
    aad = field(req, "external_aad")
    # MAC_structure = ["MAC0", protected, external_aad, payload] (RFC 9052 §6.3); an empty
    # protected map, even one sent as h'a0', enters it as a zero-length byte string.
    body = protected if headers else b""
    to_mac = b"\x84\x64MAC0" + bstr(body) + bstr(aad) + bstr(payload)
    if not isinstance(tag, bytes) or not hmac.compare_digest(hmac.new(k, to_mac, hashlib.sha256).digest(), tag):
        raise Fail("rejected", "the MAC tag does not match")
    return {"payload": payload.hex()}


def answer(req):
    op = req.get("op")
    if op == "hello":
        return {"name": NAME, "version": VERSION, "protocol": 2, "algorithms": ALGORITHMS, "ops": OPS}
    if op == "verify_mac0":
        return verify_mac0(req)
    # FILL IN: one branch per op of OPS (encrypt0, decrypt0, sign1, verify1, mac0, ...).
    raise Fail("unsupported", f"op {op} is not implemented")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
        except ValueError as e:
            req = {"id": 0, "op": ""}
            out = {"ok": False, "kind": "error", "error": f"request is not JSON: {e}"}
        else:
            if req.get("op") == "shutdown":
                print(json.dumps({"id": req.get("id"), "ok": True}), flush=True)
                return
            try:
                out = dict(answer(req), ok=True)
            except Fail as f:
                out = {"ok": False, "kind": f.kind, "error": str(f)}
            except Exception as e:  # a bug here must not end the peer: report it and go on
                out = {"ok": False, "kind": "error", "error": f"{type(e).__name__}: {e}"}
        out["id"] = req.get("id")
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
