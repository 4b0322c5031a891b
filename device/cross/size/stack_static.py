#!/usr/bin/env python3
"""Static worst-case stack per public call (make size), from GCC's -fcallgraph-info=su files of
everything built here (library, tinycbor, mbedTLS): the deepest path of frame sizes through
the call graph. A recursive cycle (tinycbor's validator, bounded by CBOR_PARSER_MAX_RECURSIONS)
counts all its frames RECURSIONS times. Not followed, and said so per call: indirect calls
(function pointers) and the C library (memcpy & co., not built here).

usage: stack_static.py BUILD_DIR HEADER RECURSIONS
"""
import glob
import os
import re
import sys

NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')


def load(build):
    frames, edges = {}, {}
    for ci in glob.glob(os.path.join(build, "**", "*.ci"), recursive=True):
        if os.path.basename(os.path.dirname(ci)) not in ("src", "port", "tinycbor", "mbedtls"):
            continue
        if f"{os.sep}profile{os.sep}" in ci:  # the full library's graph, as the probe runs it
            continue
        for line in open(ci):
            m = NODE.match(line)
            if m:
                size = re.search(r"\\n(\d+) bytes \((\w+)", m.group(2))
                if size:
                    frames[m.group(1)] = (int(size.group(1)), size.group(2))
                continue
            m = EDGE.match(line)
            if m:
                edges.setdefault(m.group(1), set()).add(m.group(2))
    return frames, edges


def sccs(nodes, edges):
    """Tarjan's algorithm, iterative; returns node -> component id and the components."""
    index, low, on, stack, comp, comps = {}, {}, set(), [], {}, []
    counter = [0]
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in nodes:
                    continue
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    advanced = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                members = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp[w] = len(comps)
                    members.append(w)
                    if w == v:
                        break
                comps.append(members)
    return comp, comps


def main():
    build, header, recursions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    frames, edges = load(build)
    nodes = set(frames)
    comp, comps = sccs(nodes, edges)
    memo = {}

    def worst(c):
        """(bytes, flags) of the deepest path starting in component c."""
        if c in memo:
            return memo[c]
        members = comps[c]
        recursive = len(members) > 1 or any(m in edges.get(m, ()) for m in members)
        own = sum(frames[m][0] for m in members) * (recursions if recursive else 1)
        if not recursive:
            own = frames[members[0]][0]
        flags = set()
        if recursive:
            flags.add("recursion-x%d" % recursions)
        if any(frames[m][1] != "static" for m in members):
            flags.add("dynamic-frame")
        best = 0
        for m in members:
            for t in edges.get(m, ()):
                if t == "__indirect_call":
                    flags.add("indirect-calls")
                elif t not in nodes:
                    flags.add("libc")
                elif comp[t] != c:
                    b, f = worst(comp[t])
                    flags |= f
                    best = max(best, b)
        memo[c] = (own + best, flags)
        return memo[c]

    public = sorted(set(re.findall(r"^[a-z_][\w ]*\*?\s*\b(cose_\w+)\(", open(header).read(),
                                   re.M)))
    for name in public:
        if name in nodes:
            b, f = worst(comp[name])
            print(f"static {name} {b} {','.join(sorted(f)) or '-'}")


if __name__ == "__main__":
    main()
