#!/usr/bin/env python3
"""Packs a fuzz corpus directory into one file for fuzz/replay.c: per input, in file-name
order, a 4-byte big-endian length and the bytes. usage: pack_corpus.py DIR OUT"""
import os
import sys

src, out = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(src) if os.path.isfile(os.path.join(src, n)))
with open(out, "wb") as f:
    for n in names:
        data = open(os.path.join(src, n), "rb").read()
        f.write(len(data).to_bytes(4, "big") + data)
print(f"corpus: {len(names)} inputs packed into {out}")
