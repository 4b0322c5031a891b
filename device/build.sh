#!/usr/bin/env bash
# Builds (and with "test", tests) the device library and its drives. Installs nothing: if
# something is missing it prints what to install and exits 1. The default combo (tinycbor +
# mbedTLS 3.6) needs their sources in THIRD_PARTY (../../shared/third_party), libmosquitto
# for the MQTT drive; libcbor/mbedTLS 2.28 only for CBOR=libcbor / CRYPTO=mbedtls2 and `test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
third_party="${THIRD_PARTY:-$(cd ../.. && pwd)/shared/third_party}"
missing=()
command -v cc >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || missing+=(build-essential)
[[ -e /usr/include/mosquitto.h ]] || missing+=(libmosquitto-dev)
all=" $* "
if [[ "$all" == *" test "* || "${CRYPTO:-}" == mbedtls2 || "$all" == *mbedtls2* ]]; then
  [[ -e /usr/include/mbedtls/gcm.h ]] || missing+=(libmbedtls-dev)
fi
if [[ "$all" == *" test "* || "${CBOR:-}" == libcbor || "$all" == *libcbor* ]]; then
  [[ -e /usr/include/cbor.h ]] || missing+=(libcbor-dev)
fi
if ((${#missing[@]})); then
  echo "device: missing Debian packages; install them with:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  echo "optional: mosquitto (broker for the MQTT loop test); for -m32: gcc-multilib and, after" >&2
  echo "  dpkg --add-architecture i386 && apt-get update, libmbedtls-dev:i386 libcbor-dev:i386" >&2
  exit 1
fi
for src in tinycbor-0.6.1/src/cbor.h mbedtls-3.6.6/include/psa/crypto.h; do
  if [[ ! -e "$third_party/$src" ]]; then
    echo "device: no $third_party/$src: the tinycbor and mbedTLS 3.6 sources must sit in" >&2
    echo "  ../shared/third_party beside the repository (or set THIRD_PARTY=/path)" >&2
    exit 1
  fi
done
exec make THIRD_PARTY="$third_party" "${@:-all}"
