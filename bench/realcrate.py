#!/usr/bin/env python3
"""Compile-time cost of objfp on a real published crate of wire types.

Standard library only (Python 3.11) plus cargo. Run through `bench/realcrate.sh` or directly:

    python3 bench/realcrate.py                         # lsp-types, before = 36172ac, 5 reps
    python3 bench/realcrate.py --crate openapiv3 --before 36172ac --reps 3
    python3 bench/realcrate.py --self-profile --callgrind --wait-quiet 0.3

The crate's pristine source comes from crates.io through the `bench/realcrates/` harness
(config and annotation table in `bench/realcrates/crates/<name>.toml`), which also derives
`objfp::TypeFingerprint` next to every serde derive, forces each fingerprint with a
`const _`, and adds the annotations that objfp's errors ask for, build by build, until the
crate compiles: once against objfp as of `--before` (a git ref, from `git archive`) and once
against this working tree ("after"). An older objfp may need more annotations than a newer
one; each version gets the ones it asks for, and the report says how many.

Then three copies of the crate are built side by side (each with its own target directory,
dependencies built once untimed, debug profile, CARGO_INCREMENTAL=0, reps interleaved):

- `serde only`: the crate as published (standalone manifest, no objfp);
- `objfp@BEFORE`, `objfp` (after): serde + objfp, annotated for that version.

and the report gives objfp's added time (rustc of the crate alone, wall and CPU; with
--callgrind also instructions) as a share of the serde-only build. Third-party source is
copied to bench/generated/ (git-ignored) and never committed.

Exit status: 0 when every copy built, 1 when one did not, 2 on usage or harness errors.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import fcntl
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR / "realcrates"))
import bench  # noqa: E402
import realcrates  # noqa: E402

GEN = bench.GEN
RESULTS_MD = BENCH_DIR / "realcrate-results.md"


class RealVariant(bench.Variant):
    """A copy of the real crate under bench/generated/<slug>, timed through bench.py's
    wrapper; `label` is what the report calls it."""

    def __init__(self, slug: str, label: str, package: str, lib: Path, cargo_args):
        super().__init__(slug, "", "", cargo_args=tuple(cargo_args))
        self.label = label
        self.package = package
        self._crate = package.replace("-", "_")
        self.lib = lib

    @property
    def crate(self) -> str:
        return self._crate

    def touch(self) -> None:
        """Makes the crate stale for cargo (its root file newer than the last build)."""
        p = bench.crate_dir(self) / self.lib
        now = time.time()
        os.utime(p, (now, now))

    def source_digest(self) -> str:
        h = hashlib.sha256()
        d = bench.crate_dir(self)
        for f in sorted(d.rglob("*")):
            if f.is_file() and "target" not in f.relative_to(d).parts:
                h.update(str(f.relative_to(d)).encode())
                h.update(f.read_bytes())
        return h.hexdigest()


def copy_tree(src: Path, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("target", ".cargo-ok"))


def annotate(cfg, objfp_root: Path, args) -> tuple[object, str]:
    """Runs the realcrates harness against objfp at objfp_root; returns its Result and
    the directory holding the annotated source (green) or an error string."""
    realcrates.OBJFP_ROOT = objfp_root
    ns = argparse.Namespace(timeout=args.timeout, max_rounds=realcrates.MAX_ROUNDS)
    res = realcrates.measure(cfg, ns)
    return res, str(realcrates.GEN / cfg.name)


def measure_real(v: RealVariant, log_dir: Path, rep: int) -> bench.Sample | bench.Outcome:
    record = GEN / "record.jsonl"
    for _ in range(3):
        v.touch()
        record.unlink(missing_ok=True)
        load1 = os.getloadavg()[0]
        busy0, ours0 = bench.machine_busy_s(), bench.children_cpu_s()
        rc, err, wall = bench.run_cargo(v, record)
        busy1, ours1 = bench.machine_busy_s(), bench.children_cpu_s()
        others = (None if busy0 is None or busy1 is None or wall <= 0
                  else max(0.0, (busy1 - busy0) - (ours1 - ours0)) / wall)
        (log_dir / f"{v.slug}-rep{rep}.log").write_text(err)
        if rc != 0:
            return bench.Outcome(False, bench.summarize_failure(v, err))
        rec = bench.read_record(record, v.crate)
        others_built = [c for c in bench.compiled_others(err, v) if c != v.package]
        if rec is not None and not others_built:
            return bench.Sample(wall, rec["wall_s"], rec["maxrss_kib"] / 1024.0,
                                rec.get("cpu_s", 0.0), load1, others)
        print("    (rebuilt a dependency; discarding sample, retrying)", file=sys.stderr)
    return bench.Outcome(False, "could not get a clean sample (dependencies kept rebuilding)")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--crate", default="lsp-types",
                   help="a crate of bench/realcrates/crates/ (default %(default)s)")
    p.add_argument("--before", default="36172ac",
                   help="objfp commit for the 'before' build, as --objfp-ref of bench.py "
                        "([LABEL=]REF[+REF2:PATH]; default %(default)s)")
    p.add_argument("--reps", type=int, default=5, help="timed repetitions (default %(default)s)")
    p.add_argument("--self-profile", action="store_true",
                   help="one extra build of each copy with -Z self-profile: expansion, const "
                        "evaluation, the rest")
    p.add_argument("--callgrind", action="store_true",
                   help="one build of each copy with rustc under callgrind: instructions")
    p.add_argument("--callgrind-fresh", action="store_true",
                   help="do not reuse a cached count for identical inputs")
    p.add_argument("--wait-quiet", type=float, default=None, metavar="CORES",
                   help="before each round of timed builds, wait until other processes use "
                        "less than CORES cores")
    p.add_argument("--wait-load", type=float, default=0.5, metavar="LOAD",
                   help="with --wait-quiet, before the first rep also wait until the 1-minute "
                        "load average is below LOAD (default %(default)s)")
    p.add_argument("--wait-max", type=float, default=4 * 3600)
    p.add_argument("--timeout", type=int, default=realcrates.BUILD_TIMEOUT_S)
    p.add_argument("--output", default=None,
                   help=f"Markdown report (default {RESULTS_MD.relative_to(bench.REPO)})")
    args = p.parse_args(argv)
    args.argv = argv
    return args


def main(argv) -> int:
    args = parse_args(argv)
    cfg_path = realcrates.CONFIGS / f"{args.crate}.toml"
    if not cfg_path.exists():
        known = sorted(p.stem for p in realcrates.CONFIGS.glob("*.toml"))
        print(f"error: no config {cfg_path}; known: {known}", file=sys.stderr)
        return 2
    if args.reps < 1:
        print("error: --reps must be >= 1", file=sys.stderr)
        return 2
    cfg = realcrates.load_config(cfg_path)
    GEN.mkdir(parents=True, exist_ok=True)
    lock = open(GEN / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("error: another bench run is using bench/generated/ (lock held); wait for it",
              file=sys.stderr)
        return 2
    os.chmod(bench.WRAPPER, 0o755)
    log_dir = GEN / "logs"
    log_dir.mkdir(exist_ok=True)
    try:
        before = bench.parse_ref_spec(args.before)
        before_desc = bench.snapshot_ref(before)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    after_src = GEN / "objfp-src"
    digest = bench.snapshot_objfp(after_src)
    after_desc = f"{bench.objfp_provenance()} (snapshot content hash {digest})"

    versions = [(before.name, before.src_dir, before_desc), ("objfp", after_src, after_desc)]
    slug = f"realcrate-{cfg.name}"
    pristine = realcrates.fetch_source(cfg)
    manifest, _feats, lib = realcrates.standalone_manifest(pristine, cfg, with_objfp=False)
    crate_name = cfg.name
    cargo_args = ["--lib"] + (["--features", ",".join(cfg.features)] if cfg.features else [])
    variants = [RealVariant(f"{slug}-serde", "serde only", crate_name, lib, cargo_args)]
    for label, _src, _desc in versions:
        variants.append(RealVariant(f"{slug}-{label}", f"serde + {label}", crate_name, lib,
                                    cargo_args))

    # 1. The annotated sources, one per objfp version; the serde-only copy as published.
    annotated: dict[str, dict] = {}
    for (label, src, _desc), v in zip(versions, variants[1:]):
        print(f"== {cfg.name}: deriving and annotating against {label}", file=sys.stderr)
        res, work = annotate(cfg, src, args)
        if not res.green:
            print(f"error: {cfg.name} does not build against {label}: {res.status}",
                  file=sys.stderr)
            return 1
        by_cls: dict[str, int] = {}
        for i, _site, _w in res.applied:
            e = cfg.entries[i]
            by_cls[e.cls] = by_cls.get(e.cls, 0) + 1
        annotated[label] = {"derived": len(res.derived), "applied": len(res.applied),
                            "by_class": by_cls, "rounds": len(res.rounds),
                            "features": res.objfp_features}
        copy_tree(Path(work), bench.crate_dir(v))
    serde_dir = bench.crate_dir(variants[0])
    copy_tree(pristine, serde_dir)
    (serde_dir / "Cargo.toml").write_text(manifest)
    (serde_dir / "Cargo.lock").unlink(missing_ok=True)

    # 2. Untimed builds (dependencies); the objfp copies start from the serde-only copy's
    # Cargo.lock, so that every copy uses the same versions of the dependencies they share.
    record = GEN / "record.jsonl"
    for v in variants:
        d = bench.crate_dir(v)
        if v is not variants[0]:
            (d / "Cargo.lock").unlink(missing_ok=True)
            shutil.copy(bench.crate_dir(variants[0]) / "Cargo.lock", d / "Cargo.lock")
        t0 = time.perf_counter()
        record.unlink(missing_ok=True)
        v.touch()
        rc, err, _ = bench.run_cargo(v, record, timeout=args.timeout)
        (log_dir / f"{v.slug}-prepare.log").write_text(err)
        if rc != 0:
            print(f"error: {v.label} did not build: {bench.summarize_failure(v, err)}",
                  file=sys.stderr)
            return 1
        print(f"   {v.label:24} ok ({time.perf_counter() - t0:.1f}s)", file=sys.stderr)

    # 3. Timed builds, interleaved.
    results: dict[str, list[bench.Sample]] = {}
    for rep in range(args.reps):
        if args.wait_quiet is not None:
            busy = bench.wait_quiet(args.wait_quiet, args.wait_max, f"rep {rep + 1}",
                                    args.wait_load if rep == 0 else None)
            print(f"   rep {rep + 1}: other processes use {bench.fmt(busy, '.2f')} cores, "
                  f"load {os.getloadavg()[0]:.2f}", file=sys.stderr)
        for v in variants:
            r = measure_real(v, log_dir, rep)
            if not isinstance(r, bench.Sample):
                print(f"error: {v.label}: {r.reason}", file=sys.stderr)
                return 1
            results.setdefault(v.label, []).append(r)
            print(f"   rep {rep + 1}/{args.reps} {v.label:24} cargo {r.cargo_s:6.2f}s  rustc "
                  f"{r.rustc_s:6.2f}s  CPU {r.cpu_s:6.2f}s  {r.maxrss_mib:5.0f} MiB", file=sys.stderr)

    profiles: dict[str, bench.Profile] = {}
    if args.self_profile:
        tool = bench.build_profile_tool()
        if tool is None:
            return 2
        for v in variants:
            pr = bench.self_profile_run(None, v, log_dir, tool, touch=v.touch, tag="real")
            if pr is not None:
                profiles[v.label] = pr
    callgrind: dict[str, int] = {}
    dates: set[str] = set()
    if args.callgrind:
        rustc_v = subprocess.run(["rustc", "-vV"], capture_output=True, text=True).stdout
        for v in variants:
            key = hashlib.sha256((v.source_digest() + rustc_v + " ".join(cargo_args)).encode()
                                 ).hexdigest()
            got = bench.callgrind_run(None, v, log_dir, "", reuse=not args.callgrind_fresh,
                                      touch=v.touch, tag="real", key=key)
            if got is not None:
                callgrind[v.label] = got[0]
                dates.add(got[1])

    report = build_report(args, cfg, variants, versions, annotated, results, profiles,
                          callgrind, dates)
    print(report)
    out = Path(args.output) if args.output else RESULTS_MD
    out.write_text(report)
    print(f"(written to {out})", file=sys.stderr)
    (GEN / f"{slug}-results.json").write_text(json.dumps({
        "samples": {k: [s.__dict__ for s in ss] for k, ss in results.items()},
        "callgrind_instructions": callgrind,
        "self_profile": {k: pr.__dict__ for k, pr in profiles.items()},
        "annotations": annotated,
    }, indent=1))
    return 0


def build_report(args, cfg, variants, versions, annotated, results, profiles, callgrind,
                 dates) -> str:
    info = bench.machine_info()
    date = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    med = {k: {a: statistics.median(getattr(s, a) for s in ss)
               for a in ("cargo_s", "rustc_s", "cpu_s")} for k, ss in results.items()}
    loads = [s.load1 for ss in results.values() for s in ss]
    oth = [s.others_cores for ss in results.values() for s in ss if s.others_cores is not None]
    lines = [
        f"# objfp's compile-time cost on a real crate: {cfg.name} {cfg.version}",
        "",
        f"- Date: {date}",
        f"- Command: `{' '.join(['bench/realcrate.sh', *args.argv])}`",
        f"- Machine: {info['cpu']}, {info['nproc']} cores, {info['mem']} RAM; {info['rustc']}",
    ]
    for label, _src, desc in versions:
        lines.append(f"- {label}: {desc}")
    lines += [
        f"- Reps: {args.reps} (interleaved); debug profile, CARGO_INCREMENTAL=0; the crate's "
        "rustc alone is measured (dependencies built beforehand, untimed)",
        f"- 1-minute load average before each timed build: {min(loads):.2f}–{max(loads):.2f}; "
        f"CPU used by other processes during each build: median "
        f"{statistics.median(oth) if oth else 0:.2f}, max {max(oth) if oth else 0:.2f} cores",
    ]
    if dates:
        lines.append("- Instruction counts (callgrind) made "
                     + " to ".join(sorted({min(dates), max(dates)})))
    lines += ["", "| build | annotations | rustc (s) | CPU (s) | "
              + ("instr. (G) | " if callgrind else "")
              + "peak RSS (MiB) | added to serde only: wall | CPU |"
              + (" instr. |" if callgrind else ""),
              "|---|---|---:|---:|" + ("---:|" if callgrind else "") + "---:|---:|---:|"
              + ("---:|" if callgrind else "")]
    base = variants[0].label
    for v in variants:
        m = med[v.label]
        rss = max(s.maxrss_mib for s in results[v.label])
        label = v.label.removeprefix("serde + ")
        a = annotated.get(label)
        ann = ("–" if a is None else
               f"{a['applied']} ({a['by_class'].get('cannot-know', 0)} cannot know, "
               f"{a['by_class'].get('should-not-need', 0)} should not need)")
        row = [v.label, ann, f"{m['rustc_s']:.2f}", f"{m['cpu_s']:.2f}"]
        if callgrind:
            ir = callgrind.get(v.label)
            row.append(bench.fmt(ir / 1e9 if ir else None, ".1f"))
        row.append(f"{rss:.0f}")
        if v.label == base:
            row += ["–", "–"] + (["–"] if callgrind else [])
        else:
            b = med[base]
            dw, dc = m["rustc_s"] - b["rustc_s"], m["cpu_s"] - b["cpu_s"]
            row += [f"+{dw:.2f} s ({dw / b['rustc_s'] * 100:+.0f} %)",
                    f"+{dc:.2f} s ({dc / b['cpu_s'] * 100:+.0f} %)"]
            if callgrind:
                bi, vi = callgrind.get(base), callgrind.get(v.label)
                row.append("–" if bi is None or vi is None
                           else f"{(vi - bi) / bi * 100:+.1f} %")
        lines.append("| " + " | ".join(row) + " |")
    derived = next(iter(annotated.values()))["derived"] if annotated else 0
    lines += ["", f"{derived} types derived. *annotations*: attributes the realcrates "
              "harness had to add for that objfp version (its table, "
              f"`bench/realcrates/crates/{cfg.name}.toml`, applied where objfp's errors ask). "
              "*added to serde only*: the crate's rustc time (wall, CPU) and instructions "
              "minus the serde-only build's, and that as a share of the serde-only build."]
    if profiles:
        lines += ["", "Where the crate's rustc time goes (`-Z self-profile`, one build each; "
                  "self time grouped as in BENCHMARKS.md):", "",
                  "| build | profiled (s) | expansion (s) | const eval (s) | rest (s) |",
                  "|---|---:|---:|---:|---:|"]
        for label, pr in profiles.items():
            b = pr.buckets
            lines.append(f"| {label} | {pr.total_s:.2f} | {b.get('expansion', 0):.2f} | "
                         f"{b.get('const_eval', 0):.2f} | {b.get('rest', 0):.2f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
