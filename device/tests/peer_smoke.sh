#!/usr/bin/env bash
# The line protocol end to end through the (ASan) peer binary: every request gets exactly one
# answer with the right id and kind, malformed lines included, and shutdown exits 0.
set -u
bin="${1:-build/tinycbor-mbedtls3/asan/device_peer}"
key=a2010420501112131415161718191a1b1c1d1e1f20
iv=a1054c0102030405060708090a0b0c
big=$(head -c 1500 /dev/zero | od -An -v -tx1 | tr -d ' \n')
out=$(printf '%s\n' \
  '{"id":1,"op":"hello"}' \
  "{\"id\":2,\"op\":\"encrypt0\",\"alg\":1,\"key\":\"$key\",\"protected\":\"a10101\",\"unprotected\":\"$iv\",\"plaintext\":\"68656c6c6f\",\"external_aad\":\"\",\"tagged\":true}" \
  "{\"id\":3,\"op\":\"decrypt0\",\"key\":\"$key\",\"message\":\"d08343a10101a1054c0102030405060708090a0b0c4100\",\"external_aad\":\"\"}" \
  "{\"id\":4,\"op\":\"encrypt0\",\"alg\":24,\"key\":\"$key\",\"protected\":\"\",\"unprotected\":\"$iv\",\"plaintext\":\"\",\"external_aad\":\"\",\"tagged\":true}" \
  "{\"id\":5,\"op\":\"encrypt0\",\"alg\":1,\"key\":\"$key\",\"protected\":\"a10101\",\"unprotected\":\"$iv\",\"plaintext\":\"$big\",\"external_aad\":\"\",\"tagged\":true}" \
  'not json' \
  '{"id":6,"op":"frobnicate"}' \
  '{"id":7,"op":"verify1","key":"zz","message":"","external_aad":""}' \
  '{"id":8,"op":"shutdown"}' | "$bin" 2>&1)
rc=$?
pass=0 fail=0
expect() {
  if grep -q -- "$1" <<<"$out"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL peer: no line matching $1"; fi
}
expect '"id":1,"ok":true,"name":"cose-iot-device-c"'
expect '"id":2,"ok":true,"message":"d08343a10101a1054c0102030405060708090a0b0c55'
expect '"id":3,"ok":false,"kind":"rejected"'
expect '"id":4,"ok":false,"kind":"unsupported"'
expect '"id":5,"ok":false,"kind":"unsupported","error":"message larger than the configured limit: device buffer 1024 bytes"'
expect '"id":null,"ok":false,"kind":"rejected","error":"malformed request'
expect '"id":6,"ok":false,"kind":"unsupported"'
expect '"id":7,"ok":false,"kind":"rejected"'
expect '"id":8,"ok":true'
# verify1 must take the Sign1 path (it once fell through to Mac0): sign, then verify the result.
signer=a6010202580864657669636530312001215820bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff22582020138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e23582057c92077664146e876760c9520d054aa93c3afb04e306705db6090308507b4d3
verifier=a5010202580864657669636530312001215820bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff22582020138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e
signed=$(printf '%s\n' "{\"id\":1,\"op\":\"sign1\",\"alg\":-7,\"key\":\"$signer\",\"protected\":\"a10126\",\"unprotected\":\"a0\",\"payload\":\"68656c6c6f\",\"external_aad\":\"\",\"tagged\":true}" | "$bin" | sed -n 's/.*"message":"\([0-9a-f]*\)".*/\1/p')
verified=$(printf '%s\n' "{\"id\":1,\"op\":\"verify1\",\"key\":\"$verifier\",\"message\":\"$signed\",\"external_aad\":\"\"}" | "$bin")
if [[ -n "$signed" ]] && grep -q '"ok":true,"payload":"68656c6c6f"' <<<"$verified"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL peer: sign1 then verify1: $verified"; fi
[[ $rc -eq 0 ]] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL peer: exit $rc"; echo "$out"; }
[[ $(wc -l <<<"$out") -eq 9 ]] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL peer: not one line per request"; echo "$out"; }
echo "peer smoke: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
