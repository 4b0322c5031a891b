#!/usr/bin/env python3
"""Checks the packaged ESP-IDF component against the sources (make manifest): the archive made by
`compote component pack` must hold every file CMakeLists.txt and library.json name, and the
default source set (tinycbor + mbedTLS 3) must be exactly the one the cross build compiles, so
a source added to the library but not to the packaging fails CI.

usage: check_component.py LIB_DIR ARCHIVE.tgz
"""
import glob
import json
import os
import re
import sys
import tarfile


def cmake_sources(lib):
    text = open(os.path.join(lib, "CMakeLists.txt")).read()
    names = set(re.findall(r"\b((?:src|port)/[\w.]+\.c)\b", text))
    # The default branches: tinycbor and mbedTLS 3, i.e. without the libcbor / mbedTLS 2 files.
    default = {n for n in names if "libcbor" not in n and "mbedtls2" not in n}
    return names, default


def pio_sources(lib):
    spec = json.load(open(os.path.join(lib, "library.json")))
    files = set()
    for f in spec["build"]["srcFilter"]:
        m = re.fullmatch(r"\+<(.+)>", f)
        if not m:
            raise SystemExit(f"library.json: unexpected srcFilter entry {f}")
        found = glob.glob(os.path.join(lib, m.group(1)))
        if not found:
            raise SystemExit(f"library.json: {f} matches no file")
        files |= {os.path.relpath(p, lib) for p in found}
    return files


def main():
    lib, archive = sys.argv[1], sys.argv[2]
    errors = []
    names, default = cmake_sources(lib)
    built = {os.path.relpath(p, lib) for p in glob.glob(os.path.join(lib, "src", "*.c"))}
    built |= {os.path.relpath(p, lib) for p in glob.glob(os.path.join(lib, "port", "*_common.c"))}
    built |= {"port/cbor_tinycbor.c", "port/crypto_mbedtls3.c"}
    # ESP-IDF only: the NVS store (the cross build has no NVS; make example tests it on stubs).
    built |= {"port/seq_nvs.c"}
    if default != built:
        errors.append(f"CMakeLists.txt default sources {sorted(default)} "
                      f"!= cross build {sorted(built)}")
    pio = pio_sources(lib)
    if pio != built:
        errors.append(f"library.json sources {sorted(pio)} != cross build {sorted(built)}")
    with tarfile.open(archive) as t:
        packed = {os.path.normpath(n) for n in t.getnames()}
    for n in sorted(names | pio | {"include/cose_dev.h", "Kconfig", "idf_component.yml"}):
        if not os.path.exists(os.path.join(lib, n)):
            errors.append(f"{n} is named but does not exist")
        elif n not in packed:
            errors.append(f"{n} is missing from the component archive")
    for e in errors:
        print(f"component: {e}", file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f"component: manifest lints; archive holds all {len(names)} sources; "
          f"CMake, PlatformIO and cross build (+ seq_nvs.c) compile the same {len(built)} files")


if __name__ == "__main__":
    main()
