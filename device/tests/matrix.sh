#!/usr/bin/env bash
# make test: every CBOR x crypto combo through `make test-one`, then the sum of the
# "N passed, N failed" lines they printed, as the closing line (CI reads it).
set -u
make="${1:-make}"
pass=0 fail=0 broken=() digests=()
for cbor in tinycbor libcbor; do
  for crypto in mbedtls3 mbedtls2; do
    combo="$cbor-$crypto"
    echo "== $combo"
    log="$(mktemp)"
    "$make" --no-print-directory CBOR="$cbor" CRYPTO="$crypto" test-one 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    while read -r p f; do pass=$((pass + p)); fail=$((fail + f)); done < <(
      sed -n 's/^\(.*: \)\{0,1\}\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2 \3/p' "$log")
    while read -r d; do digests+=("$combo $d"); done < <(sed -n 's/^fuzz error digest: //p' "$log")
    rm -f "$log"
    # A part that stopped before its count (a build error, a crash) is a failure too.
    if ((rc != 0)); then broken+=("$combo"); fail=$((fail + 1)); fi
  done
done
((${#broken[@]})) && echo "combos that did not finish cleanly: ${broken[*]}"
# The fuzz suite's digest of the errors it met (every ASan and -m32 run): one value for all,
# or some backend answered the same bytes with another error.
distinct=$(printf '%s\n' "${digests[@]}" | awk '{print $2}' | sort -u | wc -l)
if ((${#digests[@]} >= 4 && distinct == 1)); then
  pass=$((pass + 1)); echo "fuzz digests: the same on all ${#digests[@]} runs (${digests[0]#* })"
else
  fail=$((fail + 1)); echo "FAIL fuzz digests differ or are missing:"; printf '  %s\n' "${digests[@]}"
fi
echo "$pass passed, $fail failed"
((fail == 0))
