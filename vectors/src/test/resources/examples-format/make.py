#!/usr/bin/env python3
"""Writes the small Examples documents of ExampleFormatTest.

The output bytes come from Python's `cryptography` package and the hand-written CBOR encoder
below, not from cose-iot, so the tests compare the Java runner against bytes made elsewhere.
Run: python3 make.py (needs `cryptography`); it rewrites the *.json files beside it.
"""
import json
import os
import struct

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives import serialization


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for ai, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | ai]) + n.to_bytes(size, "big")
    raise ValueError(n)


def enc(v):
    """Preferred serialization; maps keep the order given."""
    if isinstance(v, bool):
        return b"\xf5" if v else b"\xf4"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, list):
        return head(4, len(v)) + b"".join(enc(x) for x in v)
    if isinstance(v, dict):
        return head(5, len(v)) + b"".join(enc(k) + enc(x) for k, x in v.items())
    if isinstance(v, Raw):
        return v.data
    raise TypeError(v)


class Raw:
    """Bytes sent as they are, for an encoding the encoder above would not choose."""

    def __init__(self, data):
        self.data = data


def tag(n, v):
    return head(6, n) + enc(v)


def ed_key(seed_byte, kid):
    sk = Ed25519PrivateKey.from_private_bytes(bytes([seed_byte]) * 32)
    x = sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return sk, {"kty": "OKP", "crv": "Ed25519", "kid": kid, "x_hex": x.hex(),
                "d_hex": (bytes([seed_byte]) * 32).hex()}


def write(name, doc):
    with open(os.path.join(os.path.dirname(__file__) or ".", name), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


PAYLOAD = b"This is the content."


def sign_signer_external():
    """COSE_Sign, two Ed25519 signers; the second signs with its own external AAD."""
    body = enc({3: 0})
    outer_aad = bytes.fromhex("aa55")
    own_aad = bytes.fromhex("0102030405")
    signatures = []
    signers = []
    for i, (seed, aad) in enumerate(((0x11, outer_aad), (0x22, own_aad))):
        sk, jwk = ed_key(seed, "signer-%d" % i)
        sp = enc({1: -8})
        tbs = enc(["Signature", body, sp, aad, PAYLOAD])
        signatures.append([sp, {4: jwk["kid"].encode()}, sk.sign(tbs)])
        signer = {"key": jwk, "protected": {"alg": "EdDSA"}, "unprotected": {"kid": jwk["kid"]}}
        if aad is own_aad:
            signer["external"] = own_aad.hex()
        signers.append(signer)
    out = tag(98, [body, {}, PAYLOAD, signatures])
    write("sign-signer-external.json", {
        "title": "COSE_Sign whose second signer has its own external AAD",
        "input": {"plaintext": PAYLOAD.decode(),
                  "sign": {"protected": {"ctyp": 0}, "external": outer_aad.hex(),
                           "signers": signers}},
        "output": {"cbor": out.hex()}})


def sign1(name, title, protected_sent, unprotected_sent, sign0_input):
    sk, jwk = ed_key(0x33, "sig1")
    sign0_input["key"] = jwk
    tbs = enc(["Signature1", protected_sent, b"", PAYLOAD])
    out = tag(18, [protected_sent, unprotected_sent, PAYLOAD, sk.sign(tbs)])
    write(name, {"title": title,
                 "input": {"plaintext": PAYLOAD.decode(), "sign0": sign0_input},
                 "output": {"cbor": out.hex()}})


def encrypt0_short_rng():
    """COSE_Encrypt0 whose input lets the IV be drawn but gives too few random bytes."""
    key = bytes(range(16))
    iv = bytes.fromhex("02d1f7e6f26c43d4868d87ce")
    prot = enc({1: 1})
    aad = enc(["Encrypt0", prot, b""])
    ct = AESGCM(key).encrypt(iv, PAYLOAD, aad)
    out = tag(16, [prot, {5: iv}, ct])
    write("encrypt0-short-rng.json", {
        "title": "COSE_Encrypt0 whose rng_stream is shorter than the IV",
        "input": {"plaintext": PAYLOAD.decode(), "rng_stream": [iv[:4].hex()],
                  "encrypted": {"protected": {"alg": "A128GCM"},
                                "recipients": [{"key": {"kty": "oct", "kid": "k", "k_hex": key.hex()},
                                                "unprotected": {"alg": "direct", "kid": "k"}}]}},
        "output": {"cbor": out.hex()}})


sign_signer_external()
# alg -8 as 0x38 0x07: a one-byte argument where the head alone would do.
sign1("sign1-not-preferred.json", "COSE_Sign1 whose protected bucket is not in preferred encoding",
      enc(Raw(bytes.fromhex("a1013807"))), {4: b"sig1"},
      {"protected": {"alg": "EdDSA"}, "unprotected": {"kid": "sig1"}})
# "frob" stands for a header the generator knew as label 99 and the runner does not know.
sign1("sign1-unknown-label.json", "COSE_Sign1 with a header name the runner has no label for",
      enc({1: -8}), {4: b"sig1", 99: 5},
      {"protected": {"alg": "EdDSA"}, "unprotected": {"kid": "sig1", "frob": 5}})
sign1("sign1-alg-outside.json", "COSE_Sign1 whose alg is given beside the buckets only",
      enc({1: -8}), {4: b"sig1"},
      {"alg": "EdDSA", "unprotected": {"kid": "sig1"}})
sign1("sign1-label-order.json", "COSE_Sign1 whose protected labels are sent in another order",
      enc({3: 0, 1: -8}), {4: b"sig1"},
      {"protected": {"alg": "EdDSA", "ctyp": 0}, "unprotected": {"kid": "sig1"}})
sign1("sign1-exact.json", "COSE_Sign1 the runner rebuilds byte for byte",
      enc({1: -8}), {4: b"sig1"},
      {"protected": {"alg": "EdDSA"}, "unprotected": {"kid": "sig1"}})
encrypt0_short_rng()
