#!/usr/bin/env python3
"""Keeps SPEC.md's golden vectors equal to what `spec/golden.py` computes.

`spec/golden.py` is written from SPEC.md alone; its output is the only source of the
pre-image and fingerprint lines printed under each `### G…` heading of SPEC.md. This
script copies them in (`--write`) or checks them (`--check`, what CI runs):

* every vector heading of SPEC.md is in golden.py's output and the other way round, in
  the same order;
* under each heading, the inner-node list ("Outermost node only; inner nodes:") and the
  fenced block with the `pre-image:` and `fingerprint:` lines are exactly golden.py's;
* every vector heading of SPEC.md is the heading golden.py parses (its Rust source);
* every printed pre-image (the padding notation `00…(N)` expanded) hashes to the
  fingerprint printed beside it, so a stale pre-image cannot survive an edit by hand.

The prose a heading carries before its block (G8b's explanation) is left alone.

Usage: python3 spec/vectors.py --check | --write
"""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "SPEC.md"
HEADING = re.compile(r"^### (G[0-9]+[a-z]?)\. ", re.M)
INNER = "Outermost node only; inner nodes:"


def golden_output():
    out = subprocess.run(
        [sys.executable, str(ROOT / "spec" / "golden.py")],
        check=True, capture_output=True, text=True,
    ).stdout
    return out


def sections(text):
    """[(id, start of heading, end of section)] for every vector heading."""
    marks = [(m.group(1), m.start()) for m in HEADING.finditer(text)]
    result = []
    for i, (vid, start) in enumerate(marks):
        end = marks[i + 1][1] if i + 1 < len(marks) else len(text)
        # A section ends at the next heading of any level.
        nxt = re.compile(r"^#{1,3} ", re.M).search(text, text.index("\n", start) + 1)
        if nxt and nxt.start() < end:
            end = nxt.start()
        result.append((vid, start, end))
    return result


def vector_part(section):
    """The inner-node list (if any) and the fenced block with the vector's lines."""
    fence = re.search(r"^```\n(?:pre-image: .*\n)?fingerprint: .*\n```\n", section, re.M)
    if not fence:
        return None
    begin = fence.start()
    inner = section.rfind(INNER, 0, begin)
    if inner != -1:
        begin = inner
    return begin, fence.end()


def golden_parts(out):
    parts = {}
    order = []
    for vid, start, end in sections(out):
        sec = out[start:end]
        span = vector_part(sec)
        if span is None:
            raise SystemExit(f"golden.py prints no vector block under {vid}")
        parts[vid] = sec[span[0]:span[1]]
        order.append(vid)
    return order, parts


def golden_headings(out):
    """{id: heading line} of golden.py's output: its vectors' sources are these headings."""
    return {m.group(1): m.group(0) for m in re.finditer(r"^### (G[0-9]+[a-z]?)\. .*$", out, re.M)}


def unpad(hexparts):
    out = bytearray()
    for part in hexparts.split():
        m = re.fullmatch(r"00…\((\d+)\)", part)
        if m:
            out.extend(bytes(int(m.group(1))))
        else:
            out.extend(bytes.fromhex(part))
    return bytes(out)


def check_hashes(text):
    errors = []
    blocks = re.findall(r"^pre-image:\s+(.*)\nfingerprint: ([0-9a-f]{64})$", text, re.M)
    for pre, fp in blocks:
        if hashlib.sha256(unpad(pre)).hexdigest() != fp:
            errors.append(f"a printed pre-image does not hash to its fingerprint {fp}")
    for fp, pre in re.findall(r"`([0-9a-f]{64})` = H\(([0-9a-f… ()]+?)\)$", text, re.M):
        if hashlib.sha256(unpad(pre)).hexdigest() != fp:
            errors.append(f"an inner node's pre-image does not hash to {fp}")
    return errors, len(blocks)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "--check"
    if mode not in ("--check", "--write"):
        raise SystemExit(__doc__)
    golden_out = golden_output()
    order, parts = golden_parts(golden_out)
    text = SPEC.read_text()
    secs = sections(text)
    spec_order = [vid for vid, _, _ in secs]
    errors = []
    if spec_order != order:
        errors.append(f"vector headings differ: SPEC.md {spec_order}, golden.py {order}")
    gheads = golden_headings(golden_out)
    for vid, start, _ in secs:
        line = text[start:text.index("\n", start)]
        if vid in gheads and gheads[vid] != line:
            errors.append(f"{vid}: SPEC.md's heading is not the one golden.py computes from")
    new = text
    for vid, start, end in reversed(secs):
        if vid not in parts:
            continue
        sec = text[start:end]
        span = vector_part(sec)
        if span is None:
            # A heading without a block yet: the block goes at the end of the section.
            span = (len(sec.rstrip("\n")) + 1, len(sec.rstrip("\n")) + 1)
            sec_new = sec[:span[0]] + "\n" + parts[vid] + sec[span[1]:]
        else:
            sec_new = sec[:span[0]] + parts[vid] + sec[span[1]:]
        if sec_new != sec:
            errors.append(f"{vid}: SPEC.md's block differs from golden.py's")
            new = new[:start] + sec_new + new[end:]
    hash_errors, n = check_hashes(new if mode == "--write" else text)
    if mode == "--write":
        SPEC.write_text(new)
        errors = [e for e in errors if "block differs" not in e]
    errors += hash_errors
    if errors:
        for e in errors:
            print("error:", e, file=sys.stderr)
        if mode == "--check":
            print("run `python3 spec/vectors.py --write` after checking golden.py's output",
                  file=sys.stderr)
        raise SystemExit(1)
    print(f"{len(order)} vectors equal to spec/golden.py's, {n} pre-images hash to their fingerprints")


if __name__ == "__main__":
    main()
