#!/usr/bin/env python3
"""RUSTC_WORKSPACE_WRAPPER used by bench.py: times one rustc invocation.

Cargo runs `rustc_wrapper.py /path/to/rustc ARGS...` for workspace members only (here:
only the generated crate). When `--crate-name` equals $OBJFP_BENCH_CRATE, this appends a
JSON line {"crate", "wall_s", "maxrss_kib", "cpu_s"} to $OBJFP_BENCH_RECORD, measured around the
rustc child alone (wall clock, and getrusage(RUSAGE_CHILDREN) peak RSS: this process has
no other child). With $OBJFP_BENCH_TIME_PASSES set to a file path it also passes
`-Z time-passes` (with RUSTC_BOOTSTRAP=1 for that rustc only) and copies rustc's stderr
to that file. With $OBJFP_BENCH_SELF_PROFILE set to a directory it passes
`-Z self-profile=DIR` (RUSTC_BOOTSTRAP=1 for that rustc only). With
$OBJFP_BENCH_CALLGRIND set to a file path it runs that rustc (the toolchain's own binary,
not rustup's proxy) under `valgrind --tool=callgrind` writing its counts to that file; the
times recorded for such a build are valgrind's and are not used. Every other invocation is
passed through untouched.
"""

import json
import os
import resource
import subprocess
import sys
import time


def main() -> int:
    rustc, args = sys.argv[1], sys.argv[2:]
    crate = None
    for i, a in enumerate(args):
        if a == "--crate-name" and i + 1 < len(args):
            crate = args[i + 1]
    want = os.environ.get("OBJFP_BENCH_CRATE")
    record = os.environ.get("OBJFP_BENCH_RECORD")
    if crate is None or crate != want or not record:
        return subprocess.call([rustc, *args], close_fds=False)

    env = dict(os.environ)
    time_passes = env.pop("OBJFP_BENCH_TIME_PASSES", None)
    self_profile = env.pop("OBJFP_BENCH_SELF_PROFILE", None)
    callgrind = env.pop("OBJFP_BENCH_CALLGRIND", None)
    stderr = None
    if time_passes:
        args = [*args, "-Z", "time-passes"]
        env["RUSTC_BOOTSTRAP"] = "1"
        stderr = subprocess.PIPE
    if self_profile:
        args = [*args, "-Z", f"self-profile={self_profile}"]
        env["RUSTC_BOOTSTRAP"] = "1"
    cmd = [rustc, *args]
    if callgrind:
        # `rustc` may be rustup's proxy, which would exec the real one: count the real one.
        sysroot = subprocess.run([rustc, "--print", "sysroot"], capture_output=True,
                                 text=True).stdout.strip()
        real = os.path.join(sysroot, "bin", "rustc")
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={callgrind}",
               "--dump-instr=no", "--quiet", real if os.path.exists(real) else rustc, *args]

    t0 = time.perf_counter()
    # close_fds=False: keep cargo's jobserver pipe open for rustc.
    proc = subprocess.run(cmd, env=env, stderr=stderr, close_fds=False)
    wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    maxrss_kib = ru.ru_maxrss  # KiB on Linux
    cpu_s = ru.ru_utime + ru.ru_stime

    if time_passes:
        err = proc.stderr.decode("utf-8", "replace")
        with open(time_passes, "w", encoding="utf-8") as f:
            f.write(err)
        sys.stderr.write(err)
    with open(record, "a", encoding="utf-8") as f:
        f.write(json.dumps({"crate": crate, "wall_s": wall, "maxrss_kib": maxrss_kib, "cpu_s": cpu_s,
                            "status": proc.returncode}) + "\n")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
