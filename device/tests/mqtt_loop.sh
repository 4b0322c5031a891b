#!/usr/bin/env bash
# Device -> broker -> device over a private mosquitto on 127.0.0.1: MQTT 5 (kid user property,
# counter mode, Sign1 in Encrypt0) and MQTT 3.1.1 (kid in the COSE header only). Bounded by --wait.
set -u
bin="${1:-build/tinycbor-mbedtls3/device_mqtt}"
if ! command -v mosquitto >/dev/null 2>&1 && [[ ! -x /usr/sbin/mosquitto ]]; then
  echo "mqtt loop: skipped: the mosquitto broker is not installed (apt-get install mosquitto)"
  exit 0
fi
broker="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
port=$((20000 + RANDOM % 20000))
conf="$(mktemp)"
printf 'listener %d 127.0.0.1\nallow_anonymous true\n' "$port" >"$conf"
"$broker" -c "$conf" >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -f "$conf"' EXIT
sleep 0.5
m=000102030405060708090a0b0c0d0e0f
signer=a6010202580864657669636530312001215820bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff22582020138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e23582057c92077664146e876760c9520d054aa93c3afb04e306705db6090308507b4d3
verifier=a5010202580864657669636530312001215820bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff22582020138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e
pass=0 fail=0
run() {
  local name="$1"; shift
  if "$bin" --port "$port" --master "$m" --telemetry d/1/loop --commands d/1/loop --wait 5 "$@" >/tmp/mqtt_loop.out 2>&1; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL mqtt loop: $name"; cat /tmp/mqtt_loop.out
  fi
}
run "v5 counter A128GCM" --mqtt 5 --sid 01 --count 3 --expect 3
run "v5 random CCM" --mqtt 5 --alg 10 --count 2 --expect 2
run "3.1.1 counter" --mqtt 3 --sid 02 --count 2 --expect 2
# The sequence number from a file store: two runs of one sender, the second resuming above the
# first's reservation (published numbers 0 1, then 16 17 with K = 16).
seqdir="$(mktemp -d)"
run "v5 counter, file store, run 1" --mqtt 5 --sid 04 --seq-dir "$seqdir" --count 2 --expect 2
grep -q 'published d/1/loop 1$' /tmp/mqtt_loop.out && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL mqtt loop: run 1 numbers"; cat /tmp/mqtt_loop.out; }
run "v5 counter, file store, run 2" --mqtt 5 --sid 04 --seq-dir "$seqdir" --count 2 --expect 2
grep -q 'published d/1/loop 16$' /tmp/mqtt_loop.out && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL mqtt loop: run 2 did not resume at 16"; cat /tmp/mqtt_loop.out; }
rm -rf "$seqdir"
run "v5 Sign1 in Encrypt0" --mqtt 5 --sid 03 --signer "$signer" --verifier "$verifier" --count 2 --expect 2
# A key for another filter must not open: the run must fail (exit 3) with "no key for this kid".
if "$bin" --port "$port" --master "$m" --telemetry d/1/loop --commands d/1/loop --cmd-filter other --count 1 --expect 1 --wait 2 | grep -q 'rejected d/1/loop no key for this kid'; then
  pass=$((pass + 1))
else
  fail=$((fail + 1)); echo "FAIL mqtt loop: wrong key accepted"
fi
echo "mqtt loop: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
