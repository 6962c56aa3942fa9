#!/usr/bin/env python3
"""objfp on published crates of serde wire types, as a new user would derive it.

Standard library only (Python 3.11) plus cargo. One command:

    python3 bench/realcrates/realcrates.py                 # every crate in crates/*.toml
    python3 bench/realcrates/realcrates.py --crate lsp-types --out /tmp/r.md
    python3 bench/realcrates/realcrates.py --cycles-first --out /tmp/r.md   # objfp::cycles before round 1

Per crate (config in bench/realcrates/crates/<name>.toml: pinned version and the
annotation table):

1. fetch the pinned version through cargo (a scratch project depending on `=version`,
   `cargo metadata` for the downloaded source), copy it to bench/generated/realcrates/<name>;
2. rewrite its Cargo.toml to build standalone against this repository's objfp (path
   dependency, with the objfp features for the foreign crates it depends on that objfp
   supports), without dev-dependencies, tests, benches, examples, binaries;
3. add `objfp::TypeFingerprint` to every serde derive list, and after each derived
   non-generic type a `const _: objfp::Fingerprint = <T as objfp::TypeFingerprint>::FINGERPRINT;`
   so that const evaluation (and its cycle errors) happens;
4. build, match every error against the annotation table, apply the annotations that this
   round's errors ask for, build again, until green or no progress.

Report: stdout and bench/realcrates/results.md (or --out). Exit status 0 when every crate
was measured (green or not), 2 on harness errors. See README.md.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import rustsrc  # noqa: E402

REPO = HERE.parent.parent
GEN = REPO / "bench" / "generated" / "realcrates"
CONFIGS = HERE / "crates"
# The objfp source tree the crates are built against: this repository, unless a caller
# (bench/realcrate.py, which compares objfp versions) points it at a snapshot.
OBJFP_ROOT = REPO
BUILD_TIMEOUT_S = 15 * 60
MAX_ROUNDS = 12

CANNOT_KNOW = {
    "hand-written Serialize",
    "foreign type without objfp feature",
    "unrecognised custom serializer",
    "mutual cycle",
    # A derive sees a field's type as written: an alias's name, not what it names, so a
    # cycle member behind an alias must be spelled out.
    "cycle member behind a type alias",
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------
# Config
# ----------------------------------------------------------------------------------------


@dataclass
class Entry:
    at: str  # "src/file.rs:Type", "src/file.rs:Type.field", "src/file.rs:Enum::Variant.0"; globs allowed
    write: str  # the text the user writes, inserted before the item / the field
    cls: str  # "cannot-know" or "should-not-need"
    reason: str
    provides: str | None = None  # a type name whose missing impl this entry answers
    cycle: str | None = None  # group name: every entry of the group is applied together
    note: str = ""
    # "cycle": a field-level entry answering a cycle error that persists after the group's
    # `cycle(...)` was applied (a member hidden behind a type alias).
    answers: str | None = None
    # A foreign type without an impl: answered at each field that names it, with `write`'s
    # `{as}` replaced by the field's type where `replace = [from, to]` is substituted.
    missing: str | None = None
    replace: list[str] | None = None
    # For a type defined inside a macro invocation (`bitflags! { pub struct X: u8 {..} }`),
    # which has no site: the annotation goes right before this exact text in `at`'s file.
    anchor: str | None = None


@dataclass
class Config:
    name: str
    version: str
    features: list[str]
    extra_objfp_features: list[str]
    entries: list[Entry]
    why: str
    path: Path


def load_config(path: Path) -> Config:
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    c = raw["crate"]
    entries = []
    for e in raw.get("annotation", []):
        cls = e["class"]
        if cls not in ("cannot-know", "should-not-need"):
            raise SystemExit(f"{path}: class must be cannot-know or should-not-need: {e}")
        if cls == "cannot-know" and e["reason"] not in CANNOT_KNOW:
            raise SystemExit(f"{path}: a cannot-know reason is one of {sorted(CANNOT_KNOW)}: {e}")
        entries.append(
            Entry(
                at=e["at"],
                write=e["write"],
                cls=cls,
                reason=e["reason"],
                provides=e.get("provides"),
                cycle=e.get("cycle"),
                note=e.get("note", ""),
                answers=e.get("answers"),
                missing=e.get("missing"),
                replace=e.get("replace"),
                anchor=e.get("anchor"),
            )
        )
    for g in raw.get("cycle", []):
        # One group: every member gets the same `cycle(...)` list (names sorted).
        names = sorted(m.rpartition(":")[2].rpartition("::")[2] for m in g["members"])
        write = g.get("write", f"#[fingerprint(cycle({', '.join(names)}))]")
        for m in g["members"]:
            entries.append(
                Entry(at=m, write=write, cls="cannot-know", reason="mutual cycle", cycle=g["name"], note=g.get("note", ""))
            )
    return Config(
        name=c["name"],
        version=c["version"],
        features=c.get("features", []),
        extra_objfp_features=c.get("objfp_features", []),
        entries=entries,
        why=c.get("why", ""),
        path=path,
    )


# ----------------------------------------------------------------------------------------
# Fetching through cargo, and the standalone manifest
# ----------------------------------------------------------------------------------------


def run(cmd, cwd, timeout, env=None):
    """(returncode or None on timeout, stdout, stderr); kills the whole process group."""
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out, err
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return None, out, err


def fetch_source(cfg: Config) -> Path:
    """Downloads `name = "=version"` through cargo and returns the pristine source dir."""
    scratch = GEN / "_fetch" / f"{cfg.name}-{cfg.version}"
    (scratch / "src").mkdir(parents=True, exist_ok=True)
    (scratch / "src" / "lib.rs").write_text("")
    (scratch / "Cargo.toml").write_text(
        "[package]\n"
        'name = "realcrates-fetch"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
        f'[dependencies]\n"{cfg.name}" = "={cfg.version}"\n\n[workspace]\n'
    )
    rc, out, err = run(
        ["cargo", "metadata", "--format-version", "1"], scratch, 600
    )
    if rc != 0:
        raise RuntimeError(f"cargo metadata for {cfg.name} {cfg.version} failed:\n{err[-2000:]}")
    meta = json.loads(out)
    for pkg in meta["packages"]:
        if pkg["name"] == cfg.name and pkg["version"] == cfg.version:
            return Path(pkg["manifest_path"]).parent
    raise RuntimeError(f"{cfg.name} {cfg.version} not in cargo metadata")


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def write_toml(doc: dict) -> str:
    """Writes a TOML document of tables of scalars/arrays/inline tables (enough here)."""
    lines = []

    def table(prefix, d):
        scalars = {k: v for k, v in d.items() if not isinstance(v, dict)}
        subs = {k: v for k, v in d.items() if isinstance(v, dict)}
        if prefix:
            lines.append(f"[{prefix}]")
        for k, v in scalars.items():
            lines.append(f"{json.dumps(k)} = {toml_value(v)}")
        lines.append("")
        for k, v in subs.items():
            table(f"{prefix}.{json.dumps(k)}" if prefix else json.dumps(k), v)

    top = {k: v for k, v in doc.items() if not isinstance(v, dict)}
    for k, v in top.items():
        lines.append(f"{json.dumps(k)} = {toml_value(v)}")
    for k, v in doc.items():
        if isinstance(v, dict):
            table(json.dumps(k), v)
    return "\n".join(lines) + "\n"


def objfp_features_available() -> set[str]:
    with open(OBJFP_ROOT / "objfp" / "Cargo.toml", "rb") as f:
        return set(tomllib.load(f).get("features", {}))


def norm(name: str) -> str:
    return name.replace("_", "-").lower()


def standalone_manifest(src: Path, cfg: Config, with_objfp: bool = True) -> tuple[str, list[str], Path]:
    """The rewritten Cargo.toml, the objfp features chosen, and the lib's entry file.
    With `with_objfp` false, the same manifest without the objfp dependency (the crate as
    published, for a serde-only build)."""
    with open(src / "Cargo.toml", "rb") as f:
        doc = tomllib.load(f)
    pkg = doc["package"]
    for k in ("build", "workspace", "links", "default-run", "readme", "include", "exclude"):
        pkg.pop(k, None)
    pkg["autobins"] = False
    pkg["autoexamples"] = False
    pkg["autotests"] = False
    pkg["autobenches"] = False
    pkg["publish"] = False
    for k in ("dev-dependencies", "bench", "example", "test", "bin", "build-dependencies", "badges", "lints"):
        doc.pop(k, None)
    for k in list(doc.get("target", {})):
        doc["target"][k].pop("dev-dependencies", None)
        doc["target"][k].pop("build-dependencies", None)
    lib = doc.get("lib", {})
    lib_path = Path(lib.get("path", "src/lib.rs"))
    lib.pop("bench", None)
    lib.pop("test", None)
    lib.pop("doctest", None)
    deps = doc.setdefault("dependencies", {})
    available = objfp_features_available()
    used = set()
    for key, spec in deps.items():
        pkgname = spec.get("package", key) if isinstance(spec, dict) else key
        for cand in (norm(pkgname), pkgname):
            if cand in available and cand not in ("std", "alloc", "serde", "registry"):
                optional = isinstance(spec, dict) and spec.get("optional", False)
                if not optional or any(f in cfg.features for f in (key, f"dep:{key}")):
                    used.add(cand)
    used |= set(cfg.extra_objfp_features) & available
    features = sorted(used)
    if with_objfp:
        deps["objfp"] = {"path": str(OBJFP_ROOT / "objfp"), "features": features}
    doc["workspace"] = {}
    return write_toml(doc), features, lib_path


# ----------------------------------------------------------------------------------------
# The crate model: files reachable from the lib, derived types, sites
# ----------------------------------------------------------------------------------------


@dataclass
class TypeRec:
    file: str  # relative to the crate root
    item: rustsrc.TypeItem
    key: str  # "src/file.rs:qual"

    @property
    def derived(self) -> bool:
        return self.item.serde_derive and not self.item.already


@dataclass
class CrateSrc:
    root: Path
    files: dict[str, str]  # rel path -> pristine text
    types: list[TypeRec]
    skipped: list[tuple[str, rustsrc.Skipped]]
    mod_problems: list[str]
    aliases: dict[str, list[str]] = field(default_factory=dict)


def module_files(root: Path, lib: Path) -> tuple[dict[str, str], list[str]]:
    files: dict[str, str] = {}
    problems: list[str] = []
    todo = [(lib, True)]
    while todo:
        path, mod_rs = todo.pop()
        rel = str(path)
        if rel in files:
            continue
        full = root / path
        if not full.exists():
            problems.append(f"module file {rel} not found")
            continue
        text = full.read_text(encoding="utf-8")
        files[rel] = text
        items = rustsrc.scan_file(text)
        base = path.parent if mod_rs else path.parent / path.stem
        for m in items.mods:
            if m.cfg_test:
                continue
            d = base.joinpath(*m.inline_path)
            if m.path_attr:
                cand = [(path.parent.joinpath(*m.inline_path) / m.path_attr, True)]
            else:
                cand = [(d / f"{m.name}.rs", False), (d / m.name / "mod.rs", True)]
            for c, is_mod_rs in cand:
                if (root / c).exists():
                    todo.append((Path(os.path.normpath(c)), is_mod_rs))
                    break
            else:
                problems.append(f"mod {m.name} declared in {rel}: no file")
    return files, problems


def load_crate(root: Path, lib: Path) -> CrateSrc:
    files, problems = module_files(root, lib)
    types: list[TypeRec] = []
    skipped = []
    aliases: dict[str, list[str]] = {}
    seen: dict[str, int] = {}
    for rel, text in sorted(files.items()):
        items = rustsrc.scan_file(text)
        for name, idents in items.aliases.items():
            aliases.setdefault(name, []).extend(idents)
        for it in items.types:
            key = f"{rel}:{it.qual}"
            n = seen.get(key, 0) + 1
            seen[key] = n
            if n > 1:
                key = f"{key}#{n}"
            types.append(TypeRec(rel, it, key))
        skipped += [(rel, s) for s in items.skipped]
    return CrateSrc(root, files, types, skipped, problems, aliases)


def strip_raw(name: str) -> str:
    return name[2:] if name.startswith("r#") else name


@dataclass
class Site:
    key: str  # "file:Type" or "file:Type.field" or "file:Enum::Variant.field"
    type_key: str
    start: int
    end: int
    insert_at: int  # where an annotation for this site goes
    cfg: str | None  # the derive's cfg_attr predicate
    type_text: str = ""


def sites_of(t: TypeRec) -> list[Site]:
    it = t.item
    out = [Site(t.key, t.key, it.start, it.end, it.item_start, it.derive_cfg)]
    for f in it.fields:
        out.append(
            Site(f"{t.key}.{strip_raw(f.name)}", t.key, f.start, f.end, f.body_start, it.derive_cfg, f.type_text)
        )
    for v in it.variants:
        vkey = f"{t.key}::{v.name}"
        out.append(Site(vkey, t.key, v.start, v.end, v.start, it.derive_cfg))
        for f in v.fields:
            out.append(
                Site(f"{vkey}.{strip_raw(f.name)}", t.key, f.start, f.end, f.body_start, it.derive_cfg, f.type_text)
            )
    return out


def force_const(it: rustsrc.TypeItem) -> str:
    lifetimes = ["'static"] * sum(1 for g in it.generics if g == "lifetime")
    ty = it.name + (f"<{', '.join(lifetimes)}>" if lifetimes else "")
    cfg = "".join(c + " " for c in it.cfgs)
    if it.derive_cfg:
        cfg += f"#[cfg({it.derive_cfg})] "
    return (
        f"\n{cfg}const _: objfp::Fingerprint = "
        f"<{ty} as objfp::TypeFingerprint>::FINGERPRINT; // objfp realcrates: force\n"
    )


# ----------------------------------------------------------------------------------------
# Rewriting
# ----------------------------------------------------------------------------------------


def write_sources(crate: CrateSrc, work: Path, applied: dict[str, list[tuple[int, str]]]):
    """Writes every file: derive lists, forcing consts, and the applied annotations."""
    for rel, text in crate.files.items():
        ins: list[tuple[int, int, str]] = []  # (offset, order, text)
        for t in crate.types:
            if t.file != rel or not t.derived:
                continue
            ins.append((t.item.derive_insert, 1, t.item.derive_insert_text))
            if not t.item.is_generic and not t.item.in_macro_rules:
                ins.append((t.item.end, 0, force_const(t.item)))
        for off, txt in applied.get(rel, []):
            ins.append((off, 2, txt))
        ins.sort(key=lambda x: (x[0], x[1]))
        out = []
        last = 0
        for off, _, txt in ins:
            out.append(text[last:off])
            out.append(txt)
            last = off
        out.append(text[last:])
        (work / rel).write_text("".join(out), encoding="utf-8")


# ----------------------------------------------------------------------------------------
# Building and reading diagnostics
# ----------------------------------------------------------------------------------------


@dataclass
class Diag:
    code: str
    message: str
    rendered: str
    file: str | None
    span: tuple[int, int, int, int] | None  # line, col, line_end, col_end (1-based)
    impls: list[tuple[str, int, int]]  # `impl at FILE:L:C` in the text (cycle members)
    label: str


def build(work: Path, cfg: Config, target: Path, timeout: int):
    cmd = ["cargo", "build", "--lib", "--message-format=json"]
    if cfg.features:
        cmd += ["--features", ",".join(cfg.features)]
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(target)
    env["CARGO_TERM_COLOR"] = "never"
    env.pop("RUSTC_WRAPPER", None)
    t0 = time.monotonic()
    rc, out, err = run(cmd, work, timeout, env)
    secs = time.monotonic() - t0
    diags: list[Diag] = []
    foreign: list[str] = []
    success = False
    own_pkg = None
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") == "build-finished":
            success = msg.get("success", False)
        if msg.get("reason") != "compiler-message":
            continue
        m = msg["message"]
        if m.get("level") not in ("error", "error: internal compiler error"):
            continue
        is_own = msg.get("manifest_path", "") == str(work / "Cargo.toml")
        own_pkg = own_pkg or (msg["package_id"] if is_own else None)
        if not is_own:
            foreign.append(f"{msg.get('package_id')}: {m.get('message')}")
            continue
        diags.append(parse_diag(m))
    return rc, success, diags, foreign, err, secs


_IMPL_AT = re.compile(r"impl at (?:\$DIR/)?([^\s:>]+\.rs):(\d+):(\d+)")


def parse_diag(m) -> Diag:
    prim = [s for s in m.get("spans", []) if s.get("is_primary")]
    file = span = None
    label = ""
    if prim:
        s = prim[0]
        # Follow macro expansions back to the user's tokens.
        while s.get("expansion") and not s["file_name"].startswith("src") and s["expansion"].get("span"):
            s = s["expansion"]["span"]
        file = s["file_name"]
        span = (s["line_start"], s["column_start"], s["line_end"], s["column_end"])
        label = s.get("label") or ""
    rendered = m.get("rendered") or m.get("message", "")
    impls = [(f, int(l), int(c)) for f, l, c in _IMPL_AT.findall(rendered)]
    code = (m.get("code") or {}).get("code") or ""
    return Diag(code, m.get("message", ""), rendered, file, span, impls, label)


# ----------------------------------------------------------------------------------------
# Matching errors to the table
# ----------------------------------------------------------------------------------------

_MISSING = re.compile(r"^`(.+?)` has no fingerprint")


@dataclass
class ErrorRec:
    round: int
    kind: str  # custom-serializer, missing-impl, cycle, other
    code: str
    message: str
    site: str | None
    members: list[str]
    entries: list[int]  # indices into cfg.entries
    says_what: str  # yes / no / n/a
    detail: str = ""


_BOUND = re.compile(r"the trait bound `(.+?): (?:[\w:]*::)?TypeFingerprint` is not satisfied")


def missing_type(message: str) -> str | None:
    """The type that lacks `TypeFingerprint`, from objfp's message or rustc's plain one."""
    m = _MISSING.match(message) or _BOUND.search(message)
    return m.group(1) if m else None


def classify(d: Diag) -> str:
    # rustc names the const where it entered the cycle: an impl's `FINGERPRINT`,
    # `TYPE_EXPR` or `LOCAL` (objfp/1), or the derive's named const `_::TypeName`.
    if d.code == "E0391" and "cycle detected" in d.message:
        return "cycle"
    if d.code == "E0277" and missing_type(d.message):
        return "missing-impl"
    if "custom serializer" in d.message:
        return "custom-serializer"
    return "other"


class Model:
    """The rewritten crate as rustc sees it: positions of sites and derive tokens."""

    def __init__(self, work: Path, crate: CrateSrc):
        self.sites: dict[str, list[tuple[tuple[int, int], tuple[int, int], Site]]] = {}
        self.fp_tokens: dict[str, list[tuple[tuple[int, int], tuple[int, int], str]]] = {}
        keys = {(t.file, t.item.qual, t.item.start): t.key for t in crate.types}
        order: dict[tuple[str, str], list[str]] = {}
        for t in crate.types:
            order.setdefault((t.file, t.item.qual), []).append(t.key)
        for rel in crate.files:
            text = (work / rel).read_text(encoding="utf-8")
            idx = rustsrc.LineIndex(text)
            items = rustsrc.scan_file(text)
            count: dict[str, int] = {}
            for it in items.types:
                n = count.get(it.qual, 0)
                count[it.qual] = n + 1
                ks = order.get((rel, it.qual), [])
                if n >= len(ks):
                    continue
                rec = TypeRec(rel, it, ks[n])
                for s in sites_of(rec):
                    self.sites.setdefault(rel, []).append((idx.line_col(s.start), idx.line_col(s.end), s))
                if it.fp_token:
                    a, b = it.fp_token
                    self.fp_tokens.setdefault(rel, []).append((idx.line_col(a), idx.line_col(b), ks[n]))
        del keys

    def site_at(self, file: str, span) -> Site | None:
        best = None
        pos = (span[0], span[1])
        for a, b, s in self.sites.get(file, []):
            if a <= pos <= b:
                if best is None or (s.end - s.start) < (best.end - best.start):
                    best = s
        return best

    def type_at_fp_token(self, file: str, line: int, col: int) -> str | None:
        for a, b, key in self.fp_tokens.get(file, []):
            if a <= (line, col) <= b:
                return key
        s = self.site_at(file, (line, col))
        return s.type_key if s else None


def entry_matches(e: Entry, site: str) -> bool:
    return fnmatch.fnmatchcase(site, e.at)


def hint_fragments(write: str) -> list[str]:
    frags = []
    for key in re.findall(r"fingerprint\(\s*(\w+)", write):
        frags.append(f"fingerprint({key}")
    if "derive(objfp::TypeFingerprint)" in write.replace(" ", ""):
        frags.append("derive(objfp::TypeFingerprint)")
    return frags


def says_what(d: Diag, entries: list[Entry]) -> str:
    if not entries:
        return "n/a"
    text = d.rendered.replace(" ", "")
    need = set()
    for e in entries:
        need |= {f.replace(" ", "") for f in hint_fragments(e.write)}
    return "yes" if all(f in text for f in need) else "no"


# ----------------------------------------------------------------------------------------
# One crate
# ----------------------------------------------------------------------------------------


@dataclass
class Result:
    cfg: Config
    status: str = "not run"
    objfp_features: list[str] = field(default_factory=list)
    derived: list[TypeRec] = field(default_factory=list)
    generic: int = 0
    template: int = 0
    skipped: list[tuple[str, rustsrc.Skipped]] = field(default_factory=list)
    rounds: list[dict] = field(default_factory=list)
    errors: list[ErrorRec] = field(default_factory=list)
    applied: list[tuple[int, str, str]] = field(default_factory=list)  # (entry index, site, text written)
    green: bool = False
    unrelated: str = ""
    no_annotation: int = 0
    mod_problems: list[str] = field(default_factory=list)
    # --cycles-first: what the finder reported and what was applied from it before round 1.
    finder: dict | None = None


def resolve_site(crate: CrateSrc, at: str) -> Site | None:
    for t in crate.types:
        for s in sites_of(t):
            if s.key == at:
                return s
    return None


def wrap_for_cfg(write: str, cfg: str | None) -> str:
    """A helper attribute under a conditional derive must be conditional too."""
    if not cfg:
        return write

    def sub(m):
        return f"#[cfg_attr({cfg}, fingerprint({m.group(1)}))]"

    return re.sub(r"#\[fingerprint\((.*?)\)\]", sub, write)


# ----------------------------------------------------------------------------------------
# --cycles-first: objfp::cycles before the first build
# ----------------------------------------------------------------------------------------

PROBE_DIR = HERE / "cycles-probe"
PROBE_TARGET = REPO / "bench" / "generated" / "cycles-probe-target"
PROBE = PROBE_TARGET / "debug" / "cycles-probe"


def run_probe(work: Path, lib: Path) -> list[dict]:
    """Builds bench/realcrates/cycles-probe (cargo makes later builds a no-op) and runs it
    on the derived copy's source directory: the groups, one dict per member."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(PROBE_TARGET))
    env.pop("RUSTC_WRAPPER", None)
    rc, _, err = run(["cargo", "build", "--quiet", "--manifest-path", str(PROBE_DIR / "Cargo.toml")], REPO, 900, env)
    if rc != 0 or not PROBE.exists():
        raise RuntimeError(f"could not build bench/realcrates/cycles-probe:\n{err[-2000:]}")
    rc, out, err = run([str(PROBE), str(lib.parent), "TypeFingerprint"], work, 600)
    if rc != 0:
        raise RuntimeError(f"cycles-probe failed: {err.strip()[-2000:]}")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def type_at_line(model: Model, crate: CrateSrc, file: str, line: int, name: str) -> str | None:
    """The key of the type `name` whose item spans `line` of the written `file`."""
    names = {t.key: t.item.name for t in crate.types}
    best = None
    for a, b, s in model.sites.get(file, []):
        if s.key == s.type_key and names.get(s.key) == name and a[0] <= line <= b[0]:
            if best is None or (s.end - s.start) < (best.end - best.start):
                best = s
    return best.type_key if best else None


def alias_fields(t: TypeRec, alias: str) -> list[str]:
    """The site keys of `t`'s fields whose type names `alias`."""
    fields = {f.start: f for f in list(t.item.fields) + [f for v in t.item.variants for f in v.fields]}
    return [s.key for s in sites_of(t) if s.key != s.type_key and s.start in fields and alias in fields[s.start].type_idents]


def finder_first(cfg: Config, crate: CrateSrc, work: Path, lib: Path, res: Result, apply) -> None:
    """A user who runs `objfp::cycles` first. The finder reads the derived copy (what round
    1 would build, so the candidates are exactly the types that got the derive); every
    member of every group gets the finder's `cycle(...)`, and every field through which a
    member mentions another behind an alias gets the table's `as` entry for that field, if
    the table has one (else the rounds find it). Where the finder's groups differ from the
    table's, a finding is recorded in res.finder (a member the table lacks is written all
    the same, as the user would)."""
    info = res.finder = {"groups": 0, "members": 0, "cycle": 0, "alias": 0, "alias_mentions": 0, "secs": 0.0, "findings": [], "error": ""}
    t0 = time.monotonic()
    write_sources(crate, work, {})
    try:
        rows = run_probe(work, lib)
    except RuntimeError as e:
        info["error"] = str(e)
        log(f"[{cfg.name}] {e}")
        return
    model = Model(work, crate)
    by_key = {t.key: t for t in crate.types}
    groups: dict[int, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    info["groups"] = len(groups)
    table: dict[str, list[str]] = {}  # table group name -> member sites
    for e in cfg.entries:
        if e.cycle:
            table.setdefault(e.cycle, []).append(e.at)
    found_tables: set[str] = set()
    done: set[str] = set()
    for g, members in sorted(groups.items()):
        write = f"#[fingerprint(cycle({', '.join(members[0]['cycle'])}))]"
        label = ", ".join(m["name"] for m in members)
        keys = []
        for m in members:
            key = type_at_line(model, crate, m["file"], m["line"], m["name"])
            if key is None:
                info["findings"].append(f"member `{m['name']}` at {m['file']}:{m['line']} is not a type the harness derived")
            keys.append(key)
        hit = [n for n, ats in table.items() if any(k and fnmatch.fnmatchcase(k, a) for k in keys for a in ats)]
        found_tables |= set(hit)
        if len(hit) > 1:
            info["findings"].append(f"finder group ({label}) spans table groups {', '.join(f'`{n}`' for n in hit)}")
        for n in hit:
            missing = [a for a in table[n] if not any(k and fnmatch.fnmatchcase(k, a) for k in keys)]
            if missing:
                info["findings"].append(f"table group `{n}` has members the finder does not list: {', '.join(f'`{a}`' for a in missing)}")
        for m, key in zip(members, keys):
            if key is None:
                continue
            idx = next((i for i, e in enumerate(cfg.entries) if e.cycle and entry_matches(e, key)), None)
            if idx is None:
                info["findings"].append(f"finder member `{key}` (group {label}) has no cycle entry in the table")
                cfg.entries.append(Entry(at=key, write=write, cls="cannot-know", reason="mutual cycle", cycle=f"finder-{g}", note="from the finder; not in the table"))
                idx = len(cfg.entries) - 1
            elif cfg.entries[idx].write != write:
                info["findings"].append(f"`{key}`: the finder writes `{write}`, the table `{cfg.entries[idx].write}`")
            info["members"] += 1
            if apply(cfg.entries[idx].at, idx, write):
                info["cycle"] += 1
            for mention in m["through_alias"]:
                info["alias_mentions"] += 1
                what = f"`{key}` mentions `{mention['member']}` through `{mention['alias']}`"
                sites = alias_fields(by_key[key], mention["alias"])
                if not sites:
                    info["findings"].append(f"{what}: no field of it names `{mention['alias']}`; left to the rounds")
                for site in sites:
                    idx = next((i for i, e in enumerate(cfg.entries) if e.answers == "cycle" and entry_matches(e, site)), None)
                    if idx is None:
                        info["findings"].append(f"{what} at `{site}`: no `as` entry in the table; left to the rounds")
                    elif site not in done and apply(site, idx):
                        done.add(site)
                        info["alias"] += 1
    for n in sorted(set(table) - found_tables):
        info["findings"].append(f"table group `{n}` not found by the finder")
    for e in cfg.entries:
        if e.answers == "cycle" and not any(fnmatch.fnmatchcase(site, e.at) for site in done):
            info["findings"].append(f"table entry `{e.at}` (a cycle member behind an alias) is not asked for by the finder")
    info["secs"] = time.monotonic() - t0


def measure(cfg: Config, args) -> Result:
    res = Result(cfg)
    try:
        pristine = fetch_source(cfg)
    except Exception as e:  # noqa: BLE001 - reported, not raised
        res.status = f"fetch failed: {e}"
        return res
    work = GEN / cfg.name
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(pristine, work, ignore=shutil.ignore_patterns(".cargo-ok", "target"))
    manifest, feats, lib = standalone_manifest(pristine, cfg)
    res.objfp_features = feats
    (work / "Cargo.toml").write_text(manifest)
    (work / "Cargo.lock").unlink(missing_ok=True)
    try:
        crate = load_crate(work, lib)
    except rustsrc.LexError as e:
        res.status = f"source not readable: {e}"
        return res
    res.mod_problems = crate.mod_problems
    res.derived = [t for t in crate.types if t.derived and not t.item.in_macro_rules]
    res.template = sum(1 for t in crate.types if t.derived and t.item.in_macro_rules)
    res.generic = sum(1 for t in res.derived if t.item.is_generic)
    res.skipped = crate.skipped
    applied_sites: dict[str, int] = {}  # site key -> entry index
    inserts: dict[str, list[tuple[int, str]]] = {}

    def apply(tkey: str, i: int, write: str | None = None) -> bool:
        """Inserts entry `i` at site `tkey` (`write`, if given, instead of the entry's text)."""
        e = cfg.entries[i]
        if e.anchor:
            file = e.at.partition(":")[0]
            off = crate.files[file].find(e.anchor)
            if off < 0:
                log(f"[{cfg.name}] table entry {e.at}: anchor {e.anchor!r} not found")
                return False
            inserts.setdefault(file, []).append((off, e.write + " "))
            applied_sites[tkey] = i
            res.applied.append((i, tkey, e.write))
            return True
        s = resolve_site(crate, tkey)
        if s is None:
            log(f"[{cfg.name}] table entry {e.at}: site {tkey} not found in the source")
            return False
        t = next(t for t in crate.types if t.key == s.type_key)
        write = write or e.write
        if "{as}" in write:
            src_ty = s.type_text
            if e.replace:
                a, b = e.replace
                src_ty = re.sub(r"(?<![\w:])(?:[\w]+::)*" + re.escape(a) + r"\b", b, src_ty)
            write = write.replace("{as}", src_ty)
        inserts.setdefault(t.file, []).append((s.insert_at, wrap_for_cfg(write, s.cfg) + " "))
        applied_sites[tkey] = i
        res.applied.append((i, tkey, write))
        return True

    if getattr(args, "cycles_first", False):
        finder_first(cfg, crate, work, lib, res, apply)
    target = GEN / "target"
    for rnd in range(1, args.max_rounds + 1):
        write_sources(crate, work, inserts)
        log(f"[{cfg.name}] round {rnd}: cargo build ...")
        rc, ok, diags, foreign, stderr, secs = build(work, cfg, target, args.timeout)
        info = {"round": rnd, "secs": secs, "errors": 0, "applied": 0, "kinds": {}}
        res.rounds.append(info)
        if rc is None:
            res.unrelated = f"build timed out after {args.timeout} s in round {rnd}"
            break
        if ok:
            res.green = True
            break
        if foreign or not diags:
            tail = "\n".join(foreign[:5]) or stderr.strip()[-1500:]
            res.unrelated = f"build failed outside objfp's reach in round {rnd}:\n{tail}"
            break
        model = Model(work, crate)
        seen = set()
        new: dict[str, int] = {}
        for d in diags:
            dk = (d.code, d.message, d.file, d.span)
            if dk in seen:
                continue
            seen.add(dk)
            kind = classify(d)
            info["kinds"][kind] = info["kinds"].get(kind, 0) + 1
            site = model.site_at(d.file, d.span) if d.file and d.span else None
            rec = ErrorRec(rnd, kind, d.code, d.message, site.key if site else None, [], [], "n/a")
            idxs: list[int] = []
            if kind == "cycle":
                members = []
                for f, l, c in d.impls:
                    k = model.type_at_fp_token(f, l, c)
                    if k and k not in members:
                        members.append(k)
                rec.members = members
                groups = set()
                for m in members:
                    for i, e in enumerate(cfg.entries):
                        if e.cycle and entry_matches(e, m):
                            groups.add(e.cycle)
                idxs = [i for i, e in enumerate(cfg.entries) if e.cycle in groups]
                in_group = {cfg.entries[i].at for i in idxs}
                rec.detail = f"names {sum(1 for m in members if m in in_group)} of {len(in_group)} members"
                if idxs and all(cfg.entries[i].at in applied_sites for i in idxs):
                    # The group is declared and the cycle is still there: a member is
                    # reached through a name objfp does not see (a type alias).
                    rec.detail += "; persists after cycle(...)"
                    idxs = [
                        i
                        for i, e in enumerate(cfg.entries)
                        if e.answers == "cycle" and any(e.at.startswith(m + ".") or e.at.startswith(m + "::") for m in members)
                    ]
            elif site is not None:
                if kind == "missing-impl":
                    # A type that lacks an impl is answered where the type is defined, if
                    # the table says so; else at the field that names it.
                    missing = missing_type(d.message)
                    last = re.sub(r"<.*", "", missing).rpartition("::")[2]
                    for i, e in enumerate(cfg.entries):
                        if e.provides and (e.provides == missing or e.provides == last):
                            idxs = [i]
                            break
                    if not idxs:
                        for i, e in enumerate(cfg.entries):
                            if e.missing and (e.missing == missing or e.missing == last) and entry_matches(e, site.key):
                                idxs = [i]
                                break
                    rec.detail = f"missing: {missing}"
                if not idxs:
                    for i, e in enumerate(cfg.entries):
                        if not e.cycle and not e.provides and not e.answers and entry_matches(e, site.key):
                            idxs = [i]
                            break
            rec.entries = idxs
            rec.says_what = says_what(d, [cfg.entries[i] for i in idxs])
            res.errors.append(rec)
            info["errors"] += 1
            for i in idxs:
                e = cfg.entries[i]
                if e.cycle or e.provides or e.answers:
                    targets = [e.at]
                else:
                    targets = [site.key]
                for tkey in targets:
                    if tkey in applied_sites or tkey in new:
                        continue
                    new[tkey] = i
        if not new:
            res.status = f"no progress in round {rnd}: {sum(1 for e in res.errors if e.round == rnd and not e.entries)} unexplained error(s)"
            break
        for tkey, i in new.items():
            if apply(tkey, i):
                info["applied"] += 1
    else:
        res.status = f"not green after {args.max_rounds} rounds"
    if res.green:
        res.status = "green"
    elif not res.status or res.status == "not run":
        res.status = res.unrelated.split("\n")[0] if res.unrelated else "not green"
    res.no_annotation = count_without_annotation(crate, res)
    return res


def reference_graph(crate: CrateSrc, extra: dict[str, str] | None = None) -> dict[str, set[str]]:
    """Type key -> type keys its wire fields name (by identifier; skipped fields left out).

    `extra`: names of types the reader does not see (defined inside a macro invocation),
    as name -> key."""
    by_name: dict[str, list[str]] = {}
    for t in crate.types:
        by_name.setdefault(t.item.name, []).append(t.key)
    for name, key in (extra or {}).items():
        by_name.setdefault(name, [key])
    edges: dict[str, set[str]] = {}
    for t in crate.types:
        refs = set()
        fields = list(t.item.fields) + [f for v in t.item.variants for f in v.fields]
        for f in fields:
            if f.serde_skip:
                continue
            idents, todo = set(), list(f.type_idents)
            while todo:  # through type aliases (`type Content = IndexMap<String, MediaType>`)
                i = todo.pop()
                if i not in idents:
                    idents.add(i)
                    todo += crate.aliases.get(i, [])
            for ident in idents:
                for k in by_name.get(ident, []):
                    if k != t.key:
                        refs.add(k)
        edges[t.key] = refs
    return edges


def sccs(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = [0]
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                elif nxt in on:
                    low[v] = min(low[v], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def count_without_annotation(crate: CrateSrc, res: Result) -> int:
    """Derived types whose fingerprint needs no annotation on them or on anything they reach.

    The reference graph is read from the source: the identifiers in a field's type that
    name a type of this crate (by name; a name defined twice counts as both). Skipped
    fields do not count."""
    extra = {}
    annotated = set()
    for i, s, _ in res.applied:
        e = res.cfg.entries[i]
        site = resolve_site(crate, s)
        if site is not None:
            annotated.add(site.type_key)
        elif e.provides:
            extra[e.provides] = s
            annotated.add(s)
    edges = reference_graph(crate, extra)
    needs: dict[str, bool] = {}

    def reach(start: str) -> bool:
        stack, seen = [start], {start}
        while stack:
            k = stack.pop()
            if k in annotated:
                return True
            for n in edges.get(k, ()):
                if n not in seen:
                    seen.add(n)
                    stack.append(n)
        return False

    for t in res.derived:
        needs[t.key] = reach(t.key)
    return sum(1 for v in needs.values() if not v)


# ----------------------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------------------


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "-"


def report(results: list[Result], args) -> str:
    out = []
    w = out.append
    git = lambda *a: subprocess.run(["git", *a], cwd=REPO, capture_output=True, text=True).stdout.strip()  # noqa: E731
    # The commit that last changed what is measured (the runtime and the derive).
    head = git("log", "-1", "--format=%h", "--", "objfp", "objfp-derive") or "?"
    if git("status", "--porcelain", "--", "objfp", "objfp-derive"):
        head += " + uncommitted changes"
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    first = getattr(args, "cycles_first", False)
    flag = " --cycles-first" if first else ""
    w("# objfp on real crates" + (": the finder first" if first else ""))
    w("")
    w(f"Generated by `python3 bench/realcrates/realcrates.py{flag}` on {_dt.date.today()} with objfp at commit `{head}` (the last commit touching `objfp/` or `objfp-derive/`), {rustc}.")
    w("See bench/realcrates/README.md for the procedure and how the annotations were decided.")
    w("")
    if first:
        w("Every crate was measured as a user who runs `objfp::cycles` first (`--cycles-first`): the")
        w("finder's `cycle(...)` on every member of every group it reports, and the table's `as`")
        w("entry for each alias mention it reports, are written before the first build.")
        w("")
        w("| crate | types derived | compute without annotation | annotations: objfp cannot know | objfp should not need | from the finder before round 1 | build rounds with the finder first | error says what to write |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|")
    else:
        w("| crate | types derived | compute without annotation | annotations: objfp cannot know | objfp should not need | build rounds | error says what to write |")
        w("|---|---:|---:|---:|---:|---:|---:|")
    fin_tot = 0
    tot = dict(d=0, ok=0, ck=0, snn=0, says=0, errs=0)
    for r in results:
        ck = sum(1 for i, _, _ in r.applied if r.cfg.entries[i].cls == "cannot-know")
        snn = sum(1 for i, _, _ in r.applied if r.cfg.entries[i].cls == "should-not-need")
        explained = [e for e in r.errors if e.entries]
        says = sum(1 for e in explained if e.says_what == "yes")
        rounds = f"{len(r.rounds)}" if r.green else f"{len(r.rounds)} (not green: {r.status})"
        fin = ""
        if first:
            f = r.finder or {}
            fin_n = f.get("cycle", 0) + f.get("alias", 0)
            fin_tot += fin_n
            fin = f"| {fin_n} " if not f.get("error") else "| finder failed "
        w(
            f"| {r.cfg.name} {r.cfg.version} | {len(r.derived)} | {r.no_annotation} ({pct(r.no_annotation, len(r.derived))}) "
            f"| {ck} | {snn} {fin}| {rounds} | {says} of {len(explained)} |"
        )
        tot["d"] += len(r.derived)
        tot["ok"] += r.no_annotation
        tot["ck"] += ck
        tot["snn"] += snn
        tot["says"] += says
        tot["errs"] += len(explained)
    w(
        f"| **total** | {tot['d']} | {tot['ok']} ({pct(tot['ok'], tot['d'])}) | {tot['ck']} | {tot['snn']} | "
        + (f"{fin_tot} | " if first else "")
        + f"max {max((len(r.rounds) for r in results), default=0)} | {tot['says']} of {tot['errs']} |"
    )
    w("")
    w("Columns: *types derived* = serde derive lists that got `objfp::TypeFingerprint` (outside")
    w("`macro_rules!` templates); *compute without annotation* = derived types such that neither")
    w("they nor any type they reach in the crate needed an annotation; *annotations* = attributes the")
    w("user had to write (a `cycle(...)` counts once per member); *build rounds* = `cargo build`s")
    w("until green; *error says what to write* = errors whose message contains the attribute the")
    w("table prescribes (`fingerprint(as`, `fingerprint(opaque`, `fingerprint(cycle`, `derive(objfp::TypeFingerprint)`).")
    if first:
        w("*From the finder before round 1* = of the annotations, those written from the finder's report")
        w("before any build (a `cycle(...)` per member, an `as` per alias mention the table has an")
        w("entry for); they are counted in the annotation columns too.")
    w("")
    for r in results:
        w(f"## {r.cfg.name} {r.cfg.version}")
        w("")
        if r.cfg.why:
            w(r.cfg.why.strip())
            w("")
        w(f"- status: **{r.status}**")
        w(f"- objfp features: {', '.join(r.objfp_features) or 'none'}; crate features: {', '.join(r.cfg.features) or 'default'}")
        w(
            f"- types derived: {len(r.derived)} ({r.generic} generic, not forced by a const; "
            f"{r.template} more derive list(s) in `macro_rules!` templates)"
        )
        if r.skipped:
            kinds: dict[str, int] = {}
            for _, s in r.skipped:
                kinds[s.where] = kinds.get(s.where, 0) + 1
            w(f"- serde derive lists left alone: {', '.join(f'{n} in {k}' for k, n in sorted(kinds.items()))}")
        for p in r.mod_problems:
            w(f"- module tree: {p}")
        w(f"- fingerprints computed without any annotation: {r.no_annotation} of {len(r.derived)} ({pct(r.no_annotation, len(r.derived))})")
        by_reason: dict[tuple[str, str], int] = {}
        for i, _, _ in r.applied:
            e = r.cfg.entries[i]
            by_reason[(e.cls, e.reason)] = by_reason.get((e.cls, e.reason), 0) + 1
        ck = [(k[1], n) for k, n in by_reason.items() if k[0] == "cannot-know"]
        snn = [(k[1], n) for k, n in by_reason.items() if k[0] == "should-not-need"]
        w(f"- annotations objfp cannot know: {sum(n for _, n in ck)}" + "".join(f"\n  - {n} × {k}" for k, n in sorted(ck)))
        w(f"- annotations objfp should not need: {sum(n for _, n in snn)}" + "".join(f"\n  - {n} × {k}" for k, n in sorted(snn)))
        f = r.finder
        if first and f is not None:
            if f["error"]:
                w(f"- finder first: **the finder failed**: {f['error'][:300]}")
            else:
                w(
                    f"- finder first: {f['groups']} group(s), {f['members']} member(s); written before round 1: "
                    f"{f['cycle']} `cycle(...)`, {f['alias']} `as` (for {f['alias_mentions']} alias mention(s)); "
                    f"build rounds with the finder first: {len(r.rounds)}"
                )
                if f["findings"]:
                    w("- the finder's groups differ from the table's:" + "".join(f"\n  - {x}" for x in f["findings"]))
                else:
                    w("- the finder's groups and alias mentions are the table's (same members, same `cycle(...)` text)")
        w("")
        w("| round | secs | errors | by kind | annotations applied |")
        w("|---:|---:|---:|---|---:|")
        if first and f is not None and not f["error"]:
            w(f"| finder | {f['secs']:.0f} | - | {f['groups']} group(s), {f['alias_mentions']} alias mention(s) | {f['cycle'] + f['alias']} |")
        for info in r.rounds:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(info["kinds"].items())) or ("green" if r.green and info is r.rounds[-1] else "")
            w(f"| {info['round']} | {info['secs']:.0f} | {info['errors']} | {kinds} | {info['applied']} |")
        w("")
        if r.unrelated:
            w("Build problem unrelated to the table:")
            w("")
            w("```")
            w(r.unrelated[:3000])
            w("```")
            w("")
        if r.errors:
            w("<details><summary>errors, and the annotation that answered each</summary>")
            w("")
            w("| round | kind | site | says what to write | answered by |")
            w("|---:|---|---|---|---|")
            for e in r.errors:
                site = e.site or "?"
                if e.kind == "cycle":
                    site = "cycle: " + ", ".join(m.split(":", 1)[1] for m in e.members)
                ans = "; ".join(
                    f"`{r.cfg.entries[i].write}` ({r.cfg.entries[i].cls}: {r.cfg.entries[i].reason})" for i in e.entries[:1]
                )
                if e.kind == "cycle" and e.entries and r.cfg.entries[e.entries[0]].cycle:
                    ans = f"cycle group `{r.cfg.entries[e.entries[0]].cycle}` ({len(e.entries)} members; error {e.detail})"
                elif e.kind == "cycle" and e.entries:
                    ans = "; ".join(f"`{r.cfg.entries[i].write}` on `{r.cfg.entries[i].at}` ({r.cfg.entries[i].cls}: {r.cfg.entries[i].reason})" for i in e.entries)
                    ans += f" (error {e.detail})"
                if not e.entries:
                    ans = "**unexplained**: " + e.message.replace("|", "\\|")[:200]
                w(f"| {e.round} | {e.kind} | `{site}` {e.detail if e.kind == 'missing-impl' else ''} | {e.says_what} | {ans} |")
            w("")
            w("</details>")
            w("")
        unexplained = [e for e in r.errors if not e.entries]
        if unexplained:
            w(f"**{len(unexplained)} unexplained error(s)**:")
            w("")
            for e in unexplained[:40]:
                w(f"- round {e.round} `{e.code}` at `{e.site}`: {e.message[:300]}")
            w("")
        if r.applied:
            w("<details><summary>every annotation written</summary>")
            w("")
            w("| site | written | class | reason |")
            w("|---|---|---|---|")
            for i, s, text in r.applied:
                e = r.cfg.entries[i]
                w(f"| `{s}` | `{text}` | {e.cls} | {e.reason} |")
            w("")
            w("</details>")
            w("")
        snn_list = [(i, s, t) for i, s, t in r.applied if r.cfg.entries[i].cls == "should-not-need"]
        if snn_list:
            w("Annotations objfp should not need (findings):")
            w("")
            for i, s, text in snn_list:
                e = r.cfg.entries[i]
                w(f"- `{s}`: `{text}` — {e.reason}")
            w("")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--crate", action="append", help="only this crate (repeatable)")
    ap.add_argument("--out", default=str(HERE / "results.md"), help="report file (default: bench/realcrates/results.md)")
    ap.add_argument("--timeout", type=int, default=BUILD_TIMEOUT_S, help="seconds per cargo build (default 900)")
    ap.add_argument("--max-rounds", type=int, default=MAX_ROUNDS)
    ap.add_argument("--graph", action="store_true", help="print the mutual-recursion groups read from the source, and exit (no build)")
    ap.add_argument(
        "--cycles-first",
        action="store_true",
        help="run objfp::cycles (bench/realcrates/cycles-probe) on the derived copy and apply its cycle(...) "
        "annotations, and the table's `as` entries for the alias mentions it reports, before the first build",
    )
    args = ap.parse_args(argv)
    cfgs = sorted(CONFIGS.glob("*.toml"))
    if args.crate:
        cfgs = [c for c in cfgs if c.stem in args.crate]
        if not cfgs:
            log(f"no config for {args.crate} in {CONFIGS}")
            return 2
    GEN.mkdir(parents=True, exist_ok=True)
    results = []
    for path in cfgs:
        cfg = load_config(path)
        if args.graph:
            src = fetch_source(cfg)
            lib = standalone_manifest(src, cfg)[2]
            crate = load_crate(src, lib)
            print(f"{cfg.name} {cfg.version}: mutual-recursion groups by name (a helper for the table, not a result)")
            for comp in sccs(reference_graph(crate)):
                print("  " + ", ".join(comp))
            continue
        res = measure(cfg, args)
        results.append(res)
        log(f"[{cfg.name}] {res.status}")
    if args.graph:
        return 0
    text = report(results, args)
    sys.stdout.write(text)
    Path(args.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
