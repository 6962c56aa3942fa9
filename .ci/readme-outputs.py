#!/usr/bin/env python3
"""Checks that every output printed in README.md comes from a real run.

An output block is a ```text fence preceded by a comment naming where it comes from:

    <!-- output: cargo run -q -p objfp --example quickstart -->   (a command, run here)
    <!-- output: ui-tests/ui/expect-mismatch.stderr -->           (a file of the repository)

The block's lines must appear as consecutive lines of that output, compared without
leading and trailing spaces (the README indents less than the examples do), and with the
temporary directories of the examples (`/tmp/objfp-<name>-<pid>/`) left out.
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"<!-- output: (.+?) -->\n```text\n(.*?)```", re.S)
TEMP = re.compile(r"/\S*?objfp-[a-z-]+-\d+/")


def normalize(text):
    return [TEMP.sub("", line).strip() for line in text.splitlines()]


def source(spec, cache):
    if spec not in cache:
        path = ROOT / spec
        if path.is_file():
            cache[spec] = path.read_text()
        else:
            run = subprocess.run(shlex.split(spec), cwd=ROOT, capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"README.md: `{spec}` failed:\n{run.stderr}")
            cache[spec] = run.stdout + run.stderr
    return cache[spec]


def contains(haystack, needle):
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def main():
    readme = (ROOT / "README.md").read_text()
    blocks = BLOCK.findall(readme)
    if not blocks:
        sys.exit("README.md has no output blocks")
    cache, failed = {}, 0
    for spec, block in blocks:
        want = normalize(block)
        got = normalize(source(spec, cache))
        if not contains(got, want):
            failed += 1
            first = next((l for l in want if l not in got), want[0])
            print(f"README.md: a block from `{spec}` is not in its output; first missing line:\n  {first}",
                  file=sys.stderr)
    if failed:
        sys.exit(f"{failed} of {len(blocks)} README outputs differ from a fresh run")
    print(f"{len(blocks)} README outputs equal to a fresh run")


if __name__ == "__main__":
    main()
