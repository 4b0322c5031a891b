"""A peer that misbehaves once, for LineProtocolPeer's tests.

Usage: misfit_peer.py MODE N FLAG. It lists the v1 ops in its hello and answers every request
`unsupported`, except that on its Nth op request, if the file FLAG does not exist yet, it creates
FLAG (unless FLAG is "-": then every process misbehaves) and then, by MODE: crash (dies of SIGSEGV), exit (exits 3), hang (sleeps), garbage (writes a
line that is not JSON), wrong-id (answers with the previous id). FLAG makes it misbehave once per
test, so a restarted process behaves.
"""
import json
import os
import signal
import sys
import time

mode, n, flag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ops = 0
for line in sys.stdin:
    req = json.loads(line)
    rid = req["id"]
    if req["op"] == "hello":
        out = {"id": rid, "ok": True, "name": "misfit", "version": "0", "protocol": 2,
               "algorithms": [1], "ops": ["encrypt0", "decrypt0", "sign1", "verify1", "mac0",
                                          "verify_mac0"]}
    elif req["op"] == "shutdown":
        print(json.dumps({"id": rid, "ok": True}), flush=True)
        break
    else:
        ops += 1
        out = {"id": rid, "ok": False, "kind": "unsupported", "error": "misfit implements nothing"}
        if ops == n and (flag == "-" or not os.path.exists(flag)):
            if flag != "-":
                open(flag, "w").close()
            print(f"misfit: going to {mode} on request {rid}", file=sys.stderr, flush=True)
            if mode == "crash":
                os.kill(os.getpid(), signal.SIGSEGV)
            elif mode == "exit":
                sys.exit(3)
            elif mode == "hang":
                time.sleep(3600)
            elif mode == "garbage":
                print("Traceback (most recent call last): not JSON", flush=True)
                continue
            elif mode == "wrong-id":
                out["id"] = rid - 1
    print(json.dumps(out), flush=True)
