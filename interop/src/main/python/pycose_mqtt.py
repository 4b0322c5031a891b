"""pyCOSE MQTT client for cose-tck: the cose-iot MQTT profile 1 (docs/mqtt-cose-profile.md) on
paho-mqtt 2.x, MQTT v5, written from the profile text alone.

It derives the telemetry and command topic keys from the master secret (HKDF-SHA-256 with the
standard library), subscribes to the command topic, publishes --count sealed COSE_Encrypt0
messages to the telemetry topic (content type, payload format 0, cose-kid user property) and
opens the commands it receives. Output, one line each on stdout (as the C device_mqtt):
"subscribed TOPIC", "published TOPIC SEQ", "opened TOPIC HEX", "rejected TOPIC REASON".
Exit 0 once --expect commands opened, 3 if --wait seconds passed first, 2 on bad arguments.
"""

import argparse
import base64
import hashlib
import hmac
import os
import sys
import threading
import time

import cbor2
import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from pycose import headers
from pycose.keys import SymmetricKey
from pycose.messages import CoseMessage, Enc0Message

PROFILE = "cose-iot-mqtt/1"
KID_PROPERTY = "cose-kid"
CONTENT_TYPE = 'application/cose; cose-type="cose-encrypt0"'
# Profile section 6, device algorithms for Encrypt0: key and nonce lengths.
ALGS = {1: (16, 12), 10: (16, 13)}


def hkdf_sha256(salt, ikm, info, length):
    """RFC 5869; no salt means 32 zero bytes."""
    prk = hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


class TopicKey:
    """Profile section 6: key, kid and common IV of one keyset filter, alg and epoch."""

    def __init__(self, master, salt, flt, alg, epoch):
        key_len, nonce_len = ALGS[alg]

        def derive(kind, length):
            info = cbor2.dumps([PROFILE, flt, alg, epoch, kind, length])
            return hkdf_sha256(salt, master, info, length)

        self.alg, self.epoch = alg, epoch
        self.key = derive("Key", key_len)
        self.kid = derive("KID", 8)
        self.common_iv = derive("IV", nonce_len)
        self.cose_key = SymmetricKey(k=self.key)


def external_aad(topic, epoch):
    """Profile section 2."""
    return cbor2.dumps([PROFILE, topic, epoch])


def kid_hint(kid):
    return base64.urlsafe_b64encode(kid).rstrip(b"=").decode("ascii")


def counter_nonce(common_iv, sid, piv):
    """Profile section 7: common IV XOR (len(sid) | sid padded to n-6 | Partial IV padded to 5)."""
    n = len(common_iv)
    block = bytes([len(sid)]) + sid.rjust(n - 6, b"\0") + piv.rjust(5, b"\0")
    return bytes(a ^ b for a, b in zip(common_iv, block))


class ProfileEnc0(Enc0Message):
    """pyCOSE's Encrypt0 with the profile's counter-mode nonce. pyCOSE's own Partial IV handling
    (RFC 9052 section 3.1 with an integer XOR) has no sender id and drops leading zero bytes."""

    nonce = None

    def _get_nonce(self):
        return self.nonce if self.nonce is not None else super()._get_nonce()


class Profile:
    def __init__(self, args):
        master, salt = bytes.fromhex(args.master), bytes.fromhex(args.salt or "")
        self.tel = TopicKey(master, salt, args.filter or args.telemetry, args.alg, args.epoch)
        self.cmd = TopicKey(master, salt, args.cmd_filter or args.commands, args.alg, args.epoch)
        self.sid = bytes.fromhex(args.sid) if args.sid is not None else None
        self.seq = args.seq
        self.seen = set()  # (sid, seq) pairs opened: replay (section 7)
        self.seen_ivs = set()

    def seal(self, topic, plaintext):
        k = self.tel
        uhdr = {headers.KID: k.kid}
        msg = ProfileEnc0(phdr={headers.Algorithm: k.alg}, payload=plaintext,
                          external_aad=external_aad(topic, k.epoch), key=k.cose_key)
        seq = None
        if self.sid is not None:
            seq = self.seq
            self.seq += 1
            piv = seq.to_bytes(max(1, (seq.bit_length() + 7) // 8), "big")
            uhdr[headers.PartialIV] = piv
            uhdr["sid"] = self.sid
            msg.nonce = counter_nonce(k.common_iv, self.sid, piv)
        else:
            uhdr[headers.IV] = os.urandom(len(k.common_iv))
        msg.uhdr = uhdr
        return msg.encode(tag=True), seq

    def open(self, topic, payload, content_type, hint):
        """Profile section 9, in order; returns the plaintext or raises ValueError(REASON)."""
        k = self.cmd
        if not payload:
            raise ValueError("NOT_SEALED empty payload")
        if content_type is not None and not content_type.startswith("application/cose"):
            raise ValueError("NOT_SEALED content type " + content_type)
        if payload[0] >> 5 != 6:
            raise ValueError("NOT_SEALED not a CBOR tag")
        try:
            msg = CoseMessage.decode(payload)
        except Exception as e:
            raise ValueError(f"MALFORMED {e!r}")
        if type(msg) is not Enc0Message:
            raise ValueError("MALFORMED not a COSE_Encrypt0")
        kid = msg.get_attr(headers.KID)
        if not isinstance(kid, bytes):
            raise ValueError("MALFORMED no kid")
        if hint is not None and hint != kid_hint(kid):
            raise ValueError("KEY_ID_MISMATCH " + hint)
        if kid != k.kid:
            raise ValueError("UNKNOWN_KEY " + kid.hex())
        alg = msg.get_attr(headers.Algorithm)
        if getattr(alg, "identifier", alg) != k.alg:
            raise ValueError(f"ALGORITHM_NOT_ALLOWED {alg}")
        piv = msg.uhdr.get(headers.PartialIV)
        sid = next((v for lbl, v in msg.uhdr.items() if lbl == "sid"), None)
        msg.__class__ = ProfileEnc0
        if piv is not None:
            if not isinstance(sid, bytes) or len(sid) > len(k.common_iv) - 6 or not 1 <= len(piv) <= 5:
                raise ValueError("MALFORMED Partial IV / sid")
            msg.nonce = counter_nonce(k.common_iv, sid, piv)
        msg.key = k.cose_key
        msg.external_aad = external_aad(topic, k.epoch)
        try:
            plaintext = msg.decrypt()
        except Exception as e:
            raise ValueError(f"AUTHENTICATION_FAILED {e!r}")
        fresh = (sid, piv) if piv is not None else msg.get_attr(headers.IV)
        if fresh in self.seen:
            raise ValueError("REPLAY")
        self.seen.add(fresh)
        return plaintext


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--master", required=True)
    p.add_argument("--salt")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=1883)
    p.add_argument("--mqtt", type=int, default=5, choices=[5], help="MQTT version (5 only)")
    p.add_argument("--telemetry", default="devices/py01/telemetry")
    p.add_argument("--commands", default="devices/py01/commands")
    p.add_argument("--filter")
    p.add_argument("--cmd-filter")
    p.add_argument("--alg", type=int, default=1, choices=sorted(ALGS))
    p.add_argument("--epoch", type=int, default=0)
    p.add_argument("--sid", help="hex sender id: counter mode (else random IVs)")
    p.add_argument("--seq", type=int, default=0)
    p.add_argument("--payload", default='{"t":21.5}')
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--expect", type=int, default=0)
    p.add_argument("--wait", type=float, default=10)
    args = p.parse_args()
    profile = Profile(args)
    lock = threading.Condition()
    state = {"subscribed": False, "opened": 0}

    def say(line):
        with lock:
            print(line, flush=True)

    def on_connect(client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            say(f"rejected - connect refused: {reason_code}")
            return
        client.subscribe(args.commands, qos=1)

    def on_subscribe(client, userdata, mid, reason_codes, properties):
        with lock:
            state["subscribed"] = True
            lock.notify_all()
        say("subscribed " + args.commands)

    def on_message(client, userdata, msg):
        props = getattr(msg, "properties", None)
        content_type = getattr(props, "ContentType", None) if props else None
        hint = None
        for name, value in (getattr(props, "UserProperty", None) or []) if props else []:
            if name == KID_PROPERTY and hint is None:
                hint = value
        try:
            plaintext = profile.open(msg.topic, bytes(msg.payload), content_type, hint)
        except ValueError as e:
            say(f"rejected {msg.topic} {e}")
            return
        say(f"opened {msg.topic} {plaintext.hex()}")
        with lock:
            state["opened"] += 1
            lock.notify_all()

    client = mqtt.Client(callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
                         client_id=f"cose-tck-pycose-{os.getpid()}", protocol=mqtt.MQTTv5)
    client.on_connect, client.on_subscribe, client.on_message = on_connect, on_subscribe, on_message
    deadline = time.monotonic() + args.wait
    try:
        client.connect(args.host, args.port, keepalive=30)
    except OSError as e:
        print(f"pycose_mqtt: cannot connect to {args.host}:{args.port}: {e}", file=sys.stderr)
        return 1
    client.loop_start()
    try:
        with lock:
            lock.wait_for(lambda: state["subscribed"], timeout=max(0, deadline - time.monotonic()))
            if not state["subscribed"]:
                return 3
        for _ in range(args.count):
            cose, seq = profile.seal(args.telemetry, args.payload.encode("utf-8"))
            props = Properties(PacketTypes.PUBLISH)
            props.ContentType = CONTENT_TYPE
            props.PayloadFormatIndicator = 0
            props.UserProperty = [(KID_PROPERTY, kid_hint(profile.tel.kid))]
            info = client.publish(args.telemetry, cose, qos=1, properties=props)
            info.wait_for_publish(timeout=max(0.1, deadline - time.monotonic()))
            say(f"published {args.telemetry} {seq if seq is not None else 0}")
        with lock:
            lock.wait_for(lambda: state["opened"] >= args.expect,
                          timeout=max(0, deadline - time.monotonic()))
            opened = state["opened"]
        return 0 if opened >= args.expect else 3
    finally:
        client.disconnect()
        client.loop_stop()


if __name__ == "__main__":
    sys.exit(main())
