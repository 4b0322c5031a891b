#!/usr/bin/env bash
# Builds (and with "test", tests) the device peer with Debian's packages. Installs nothing: if
# something is missing it prints the apt-get command and exits 1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
missing=()
command -v cc >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || missing+=(build-essential)
[[ -e /usr/include/mbedtls/gcm.h ]] || missing+=(libmbedtls-dev)
[[ -e /usr/include/cbor.h ]] || missing+=(libcbor-dev)
[[ -e /usr/include/mosquitto.h ]] || missing+=(libmosquitto-dev)
if ((${#missing[@]})); then
  echo "device: missing Debian packages; install them with:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  echo "optional: mosquitto (broker for the MQTT loop test); for -m32: gcc-multilib and, after" >&2
  echo "  dpkg --add-architecture i386 && apt-get update, libmbedtls-dev:i386 libcbor-dev:i386" >&2
  exit 1
fi
exec make "${@:-all}"
