#!/usr/bin/env python3
"""Footprint table of the cross builds (make size): per target, the library's archive, the
whole device-profile image split by where its bytes come from (from the linker map, so only
what --gc-sections kept), and the probe's measured stack and heap per public call.

usage: size_table.py TARGET:BUILD_DIR[:PROBE_OUTPUT[:PROFILE_PROBE_OUTPUT]] ...
"""
import os
import re
import subprocess
import sys

GROUPS = [("libcose_dev.a", "library"), ("libtinycbor.a", "tinycbor"),
          ("libmbedcrypto.a", "mbedTLS"), ("profile_image", "app main"),
          ("entropy_test_only", "entropy hook")]


def group_of(path):
    for key, name in GROUPS:
        if key in path:
            return name
    return "libc+runtime"


def kind_of(section):
    if re.match(r"\.(s?bss|tbss)\b|COMMON", section):
        return "bss"
    if re.match(r"\.(s?data|tdata)\b", section):
        return "data"
    if re.match(r"\.(text|s?rodata|init|fini|srodata)\b", section):
        return "text"
    return None


def map_sizes(path):
    """Sums kept input sections of the map per (group, kind), and the library's .text per object."""
    sizes, lib_objects = {}, {}
    in_map = False
    pending = None
    line_re = re.compile(r"^ (\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
    with open(path) as f:
        for line in f:
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            m = line_re.match(line.rstrip("\n"))
            if m:
                section = m.group(1) or pending
                pending = None
                size = int(m.group(3), 16)
                kind = kind_of(section or "")
                if kind and size and int(m.group(2), 16):
                    key = (group_of(m.group(4)), kind)
                    sizes[key] = sizes.get(key, 0) + size
                    obj = re.search(r"libcose_dev\.a\((.+)\)", m.group(4))
                    if obj and kind == "text":
                        lib_objects[obj.group(1)] = lib_objects.get(obj.group(1), 0) + size
            elif re.match(r"^ (\.\S+|COMMON)\s*$", line):
                pending = line.split()[0]
            else:
                pending = None
    return sizes, lib_objects


def archive_size(size_tool, archive):
    out = subprocess.run([size_tool, "-t", archive], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1].split()
    return int(out[0]), int(out[1]) + int(out[2])


def kib(n):
    return f"{n:7d} B ({n / 1024:5.1f} KiB)"


def main():
    for spec in sys.argv[1:]:
        parts = spec.split(":")
        target, build = parts[0], parts[1]
        probe = parts[2] if len(parts) > 2 else None
        probe_profile = parts[3] if len(parts) > 3 else None
        size_tool = os.environ.get(f"SIZE_{target.replace('-', '_')}", "size")
        text, ram = archive_size(size_tool, os.path.join(build, "libcose_dev.a"))
        print(f"== {target} (-Os) ==")
        ptext, _ = archive_size(size_tool, os.path.join(build, "profile", "libcose_dev.a"))
        print(f"library archive (every function, before --gc-sections): .text {kib(text)}, "
              f".data+.bss {ram} B; device-profile configuration {kib(ptext)}")
        sizes, lib_objects = map_sizes(os.path.join(build, "profile_image.map"))
        print("device-profile image (library with COSE_CFG_SIGN=0 COSE_CFG_ALL_ALGS=0), by origin "
              "(kept sections; .text includes .rodata):")
        print(f"  {'part':14s} {'.text':>20s} {'.data+.bss':>11s}")
        total_t = total_r = 0
        for name in ["library", "tinycbor", "mbedTLS", "app main", "entropy hook", "libc+runtime"]:
            t = sizes.get((name, "text"), 0)
            r = sizes.get((name, "data"), 0) + sizes.get((name, "bss"), 0)
            total_t, total_r = total_t + t, total_r + r
            print(f"  {name:14s} {kib(t):>20s} {r:9d} B")
        print(f"  {'whole image':14s} {kib(total_t):>20s} {total_r:9d} B "
              f"(+ stack; no heap arena is counted)")
        lib_t = sizes.get(("library", "text"), 0)
        print(f"  budget: library <= 8 KiB .text: {'met' if lib_t <= 8192 else 'MISSED'}")
        by_size = sorted(lib_objects.items(), key=lambda x: -x[1])
        print("  library .text by object: " + ", ".join(
            f"{o.removesuffix('.o')} {n}" for o, n in by_size))
        if probe:
            print_probe(probe)
        if probe_profile:
            print_probe_profile(probe_profile)
        else:
            print("stack/heap per call: not measured on this target (no QEMU for it here)")
        print_static(os.path.join(build, "stack_static.out"))
        print()


def print_probe(path):
    rows = [l.split() for l in open(path) if l.startswith("probe ") and len(l.split()) >= 6]
    print("measured on QEMU (stack paint; mbedTLS heap through a counting calloc):")
    print(f"  {'public call':26s} {'stack':>7s} {'allocs':>7s} {'heap peak':>10s} {'leaked':>7s}")
    worst_lib = 0
    for r in rows:
        name, stack, allocs, peak, leaked = r[1], int(r[2]), int(r[3]), int(r[4]), int(r[5])
        print(f"  {name:26s} {stack:6d}B {allocs:7d} {peak:9d}B {leaked:6d}B")
        if name.startswith("cose_"):
            worst_lib = max(worst_lib, stack)
    for l in open(path):
        if l.startswith("mbedTLS static pool"):
            print("  " + l.strip() + " (MBEDTLS_MEMORY_BUFFER_ALLOC_C, after psa_crypto_init)")
    print(f"  budget: <= 2 KiB stack per call: {'met' if worst_lib <= 2048 else 'MISSED'} "
          f"(worst {worst_lib} B); heap: the library itself calls no allocator")


def print_probe_profile(path):
    rows = [l.split() for l in open(path) if l.startswith("probe ") and len(l.split()) >= 6]
    calls = [r for r in rows if r[1].startswith("cose_")]
    worst = max(calls, key=lambda r: int(r[2]))
    print(f"the device-profile configuration's own probe on QEMU: {len(calls)} calls succeed "
          f"(no Sign1 there), worst stack {worst[2]} B ({worst[1]})")


def print_static(path):
    if not os.path.exists(path):
        return
    rows = [l.split() for l in open(path) if l.startswith("static ")]
    print("static worst case (-fcallgraph-info=su call graph; tinycbor's recursion at its limit;")
    print("  not followed: indirect calls, the C library), public calls of the profile:")
    shown = [r for r in rows if int(r[2]) >= 256]
    for r in shown:
        print(f"  {r[1]:26s} {int(r[2]):6d}B  {r[3] if r[3] != '-' else ''}")
    small = [r[1] for r in rows if int(r[2]) < 256]
    print(f"  under 256 B: {', '.join(small)}")


if __name__ == "__main__":
    main()
