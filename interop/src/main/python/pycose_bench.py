"""pyCOSE micro-benchmark for cose-tck bench: times pyCOSE inside this Python process.

Each operation runs in a loop timed with time.perf_counter_ns: no process start, no IPC and no
JSON in the timed part. Prints one JSON object per operation and size on stdout, then
{"done": true}. Usage: pycose_bench.py --sizes 16,64 --seconds 1.0 --runs 3
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time

from pycose.algorithms import A128GCM, Es256, HMAC25664
from pycose.headers import KID, IV, Algorithm
from pycose.keys import EC2Key, SymmetricKey
from pycose.keys.curves import P256
from pycose.messages import CoseMessage, Enc0Message, Mac0Message, Sign1Message
from importlib.metadata import version as _version

KID_BYTES = b"sensor01"


def payload(size):
    # The same bytes as the JVM benchmarks (Fixtures.payload).
    return bytes(((i * 31 + 7) & 0xFF) for i in range(size))


def key_bytes(bits):
    return bytes(0x40 + i for i in range(bits // 8))


def operations(size):
    """(message, op, alg, callable) for one payload size; the callables are what is timed."""
    pt = payload(size)
    aes = SymmetricKey(k=key_bytes(128))
    hmac = SymmetricKey(k=key_bytes(256))
    ec = EC2Key.generate_key(crv=P256)

    def seal():
        # pyCOSE takes the IV from the caller: a fresh random one per message, as a user must.
        m = Enc0Message(phdr={Algorithm: A128GCM}, uhdr={KID: KID_BYTES, IV: os.urandom(12)},
                        payload=pt, key=aes)
        return m.encode(tag=True)

    sealed = seal()

    def open_():
        m = CoseMessage.decode(sealed)
        m.key = aes
        return m.decrypt()

    def sign():
        m = Sign1Message(phdr={Algorithm: Es256}, uhdr={KID: KID_BYTES}, payload=pt, key=ec)
        return m.encode(tag=True)

    signed = sign()

    def verify():
        m = CoseMessage.decode(signed)
        m.key = ec
        if not m.verify_signature():
            raise RuntimeError("signature does not verify")
        return m.payload

    def create():
        m = Mac0Message(phdr={Algorithm: HMAC25664}, uhdr={KID: KID_BYTES}, payload=pt, key=hmac)
        return m.encode(tag=True)

    maced = create()

    def verify_mac():
        m = CoseMessage.decode(maced)
        m.key = hmac
        if not m.verify_tag():
            raise RuntimeError("tag does not verify")
        return m.payload

    if open_() != pt or verify() != pt or verify_mac() != pt:
        raise RuntimeError("pyCOSE round trip failed")
    return [("Encrypt0", "seal", "A128GCM", seal), ("Encrypt0", "open", "A128GCM", open_),
            ("Sign1", "sign", "ES256", sign), ("Sign1", "verify", "ES256", verify),
            ("Mac0", "create", "HMAC_256_64", create), ("Mac0", "verify", "HMAC_256_64", verify_mac)]


def measure(fn, seconds):
    """Calls fn in batches until `seconds` of wall time have passed.

    Returns (calls, wall ns by perf_counter_ns, CPU ns of this thread by thread_time_ns): on a busy
    machine the second shows how much of the wall time the process actually ran.
    """
    clock, cpu = time.perf_counter_ns, time.thread_time_ns
    budget = int(seconds * 1e9)
    batch, calls, elapsed, used = 1, 0, 0, 0
    while elapsed < budget:
        t0, c0 = clock(), cpu()
        for _ in range(batch):
            fn()
        elapsed += clock() - t0
        used += cpu() - c0
        calls += batch
        if batch < 1 << 16:
            batch *= 2
    return calls, elapsed, used


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="16,64,256,1024,16384")
    ap.add_argument("--seconds", type=float, default=1.0, help="measured time per run")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=float, default=0.3, help="seconds before the runs")
    args = ap.parse_args()
    print(json.dumps({"impl": "pyCOSE", "version": _version("pycose"),
                      "python": platform.python_implementation() + " " + platform.python_version(),
                      "cryptography": _version("cryptography")}), flush=True)
    for size in (int(s) for s in args.sizes.split(",") if s):
        for message, op, alg, fn in operations(size):
            measure(fn, args.warmup)
            rates, cpu_rates = [], []
            for _ in range(args.runs):
                calls, ns, cpu_ns = measure(fn, args.seconds)
                rates.append(calls * 1e9 / ns)
                cpu_rates.append(calls * 1e9 / max(cpu_ns, 1))
            print(json.dumps({"message": message, "op": op, "alg": alg, "size": size,
                              "opsPerSecond": statistics.median(rates),
                              "min": min(rates), "max": max(rates), "runs": len(rates),
                              "cpuOpsPerSecond": statistics.median(cpu_rates)}),
                  flush=True)
    print(json.dumps({"done": True}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
