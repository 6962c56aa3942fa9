#!/usr/bin/env python3
"""Compile-time benchmark of `#[derive(TypeFingerprint)]` against no derive, serde, and peers.

Standard library only (Python 3.11). Run through `bench/run.sh` or directly:

    python3 bench/bench.py                       # N=100,500,2000, 3 reps, every variant
    python3 bench/bench.py --quick               # N=50, 1 rep, baseline+objfp (CI smoke test)
    python3 bench/bench.py --n 20 --reps 1 --variants baseline,objfp
    python3 bench/bench.py --objfp-ref 36172ac --self-profile --callgrind --wait-quiet 0.3

For every N it generates one library crate per variant under bench/generated/<variant>/
holding the SAME N seeded, deterministic wire types; only the derives (and, for the
fingerprinting variants, a block of `pub const` items forcing every type's fingerprint to
be computed at compile time) differ. Each variant has its own CARGO_TARGET_DIR
(bench/generated/target/<variant>) so its dependencies are built once, untimed; then the
reps are interleaved (baseline, serde, objfp, peers, baseline, ...) and each timed build
rewrites the crate's src/lib.rs and runs `cargo build` (debug profile, CARGO_INCREMENTAL=0)
on it. Reported: wall time of that `cargo build`, wall time and peak RSS of the rustc
process of the generated crate (measured by rustc_wrapper.py, installed as
RUSTC_WORKSPACE_WRAPPER), and derived columns. Optional extra builds: `-Z self-profile`
summarised by bench/profile-summary into macro expansion / const evaluation / the rest,
instruction counts under callgrind, `-Z time-passes`; `--objfp-ref` adds objfp as of another
commit as a variant. See BENCHMARKS.md.

Exit status: 0 when every requested variant built (peers that do not build are skipped
and reported, which is not an error), 1 when the objfp variant did not build, 2 on
usage/harness errors.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import fcntl
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
GEN = BENCH_DIR / "generated"
WRAPPER = BENCH_DIR / "rustc_wrapper.py"
RESULTS_MD = BENCH_DIR / "results.md"
BUILD_TIMEOUT_S = 1800  # per cargo build; --timeout
PROBE_TIMEOUT_S = 300  # per probe build (small N, all variants); --probe-timeout
PROBE_N = 12

# ----------------------------------------------------------------------------------------
# Type model generator
# ----------------------------------------------------------------------------------------

PRIMS = ["u8", "u16", "u32", "u64", "i32", "i64", "f32", "f64", "bool", "char"]
TYPE_WORDS = [
    "Account", "Order", "Invoice", "Shipment", "Customer", "Product", "Payment", "Refund",
    "Session", "Device", "Sensor", "Reading", "Alert", "Report", "Ticket", "Comment",
    "Profile", "Address", "Contact", "Policy", "Quota", "Region", "Cluster", "Node",
    "Job", "Task", "Event", "Metric", "Trace", "Span", "Batch", "Cursor", "Filter",
    "Query", "Snapshot", "Manifest", "Artifact", "Release", "Build", "Config",
]
FIELD_WORDS = [
    "id", "name", "kind", "status", "created_at", "updated_at", "owner", "parent", "tags",
    "labels", "count", "total", "amount", "currency", "note", "description", "version",
    "revision", "enabled", "priority", "score", "weight", "latitude", "longitude", "email",
    "phone", "region", "zone", "items", "entries", "children", "source", "target", "retry",
    "timeout_ms", "checksum", "payload", "metadata", "limits", "flags",
]
VARIANT_WORDS = [
    "Created", "Updated", "Deleted", "Pending", "Active", "Suspended", "Archived", "Failed",
    "Retrying", "Completed", "Cancelled", "Queued", "Started", "Stopped", "Unknown",
    "Moved", "Merged", "Split", "Expired", "Renewed",
]

# (name, params, kind, members). For structs members are (field, type); for enums
# (variant, "unit"|"tuple", [types]).
GENERIC_TEMPLATES = [
    ("Wrap", ["T"], "struct", [("inner", "T"), ("tag", "u32")]),
    ("Pair", ["A", "B"], "struct", [("left", "A"), ("right", "B"), ("weight", "f64")]),
    ("Page", ["T"], "struct",
     [("items", "Vec<T>"), ("next_cursor", "Option<String>"), ("total", "u64")]),
    ("Either", ["L", "R"], "enum",
     [("Left", "tuple", ["L"]), ("Right", "tuple", ["R"]), ("Neither", "unit", [])]),
    ("Keyed", ["V"], "struct",
     [("entries", "std::collections::BTreeMap<String, V>"), ("revision", "u32")]),
]

MAX_LEVEL = 6  # nesting depth of the reference DAG (a leaf type is level 0)
MAX_INSTANTIATIONS_PER_GENERIC = 6


@dataclass
class Item:
    name: str
    kind: str  # "struct" | "enum" | "generic"
    body: str  # Rust source without attributes
    level: int = 0
    template: tuple | None = None  # GENERIC_TEMPLATES entry, for generic items


@dataclass
class Generic:
    name: str
    params: list[str]
    insts: list[tuple[str, int]] = field(default_factory=list)  # (type, level)


@dataclass
class Model:
    n: int
    seed: int
    items: list[Item]
    concrete: list[str]  # non-generic type names, in definition order
    instantiations: list[str]  # every distinct generic instantiation used in a field


class Generator:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.seed = seed
        self.rng = random.Random(f"objfp-bench:{seed}:{n}")
        self.items: list[Item] = []
        self.concrete: list[tuple[str, int]] = []  # (name, level)
        self.generics: list[Generic] = []
        self.instantiations: list[str] = []

    # A field type, plus the nesting level it contributes (0 for no generated type).
    def field_type(self, depth: int = 0) -> tuple[str, int]:
        rng = self.rng
        kinds = ["prim", "string", "ref"]
        weights = [38, 14, 16]
        if depth < 2:
            kinds += ["vec", "option", "hashmap", "btreemap", "tuple", "generic"]
            weights += [9, 9, 4, 3, 4, 6]
        k = rng.choices(kinds, weights)[0]
        if k == "prim":
            return rng.choice(PRIMS), 0
        if k == "string":
            return "String", 0
        if k == "ref":
            return self.pick_ref(MAX_LEVEL)
        if k == "vec":
            t, lv = self.field_type(depth + 1)
            return f"Vec<{t}>", lv
        if k == "option":
            t, lv = self.field_type(depth + 1)
            return f"Option<{t}>", lv
        if k == "hashmap":
            t, lv = self.field_type(depth + 1)
            return f"std::collections::HashMap<String, {t}>", lv
        if k == "btreemap":
            t, lv = self.field_type(depth + 1)
            key = rng.choice(["String", "u32", "u64"])
            return f"std::collections::BTreeMap<{key}, {t}>", lv
        if k == "tuple":
            parts = [self.simple_type(MAX_LEVEL) for _ in range(rng.choice([2, 2, 3]))]
            return "(" + ", ".join(p for p, _ in parts) + ")", max(lv for _, lv in parts)
        return self.instantiate()

    def simple_type(self, max_level: int) -> tuple[str, int]:
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(PRIMS), 0
        if r < 0.65:
            return "String", 0
        return self.pick_ref(max_level)

    def pick_ref(self, max_level: int) -> tuple[str, int]:
        """An earlier concrete type of level < max_level, so that the user stays <= MAX_LEVEL."""
        eligible = [(nm, lv) for nm, lv in self.concrete if lv < max_level]
        if not eligible:
            return self.rng.choice(PRIMS), 0
        nm, lv = self.rng.choice(eligible)
        return nm, lv + 1

    def instantiate(self) -> tuple[str, int]:
        if not self.generics:
            return self.simple_type(MAX_LEVEL)
        g = self.rng.choice(self.generics)
        if g.insts and (len(g.insts) >= MAX_INSTANTIATIONS_PER_GENERIC or self.rng.random() < 0.5):
            return self.rng.choice(g.insts)
        args = [self.simple_type(MAX_LEVEL - 1) for _ in g.params]
        ty = f"{g.name}<{', '.join(a for a, _ in args)}>"
        lv = max(lv for _, lv in args) + 1
        if all(t != ty for t, _ in g.insts):
            g.insts.append((ty, lv))
            self.instantiations.append(ty)
        return ty, lv

    def field_names(self, k: int) -> list[str]:
        return self.rng.sample(FIELD_WORDS, k)

    def gen_struct(self, name: str) -> Item:
        nf = self.rng.randint(3, 8)
        lines, level = [], 0
        for fname in self.field_names(nf):
            t, lv = self.field_type()
            level = max(level, lv)
            lines.append(f"    pub {fname}: {t},")
        return Item(name, "struct", f"pub struct {name} {{\n" + "\n".join(lines) + "\n}", level)

    def gen_enum(self, name: str) -> Item:
        nv = self.rng.randint(2, 6)
        lines, level = [], 0
        for vname in self.rng.sample(VARIANT_WORDS, nv):
            r = self.rng.random()
            if r < 0.30:
                lines.append(f"    {vname},")
            elif r < 0.65:
                parts = [self.field_type(1) for _ in range(self.rng.randint(1, 3))]
                level = max([level] + [lv for _, lv in parts])
                lines.append(f"    {vname}({', '.join(t for t, _ in parts)}),")
            else:
                fs = []
                for fname in self.field_names(self.rng.randint(1, 4)):
                    t, lv = self.field_type(1)
                    level = max(level, lv)
                    fs.append(f"{fname}: {t}")
                lines.append(f"    {vname} {{ {', '.join(fs)} }},")
        return Item(name, "enum", f"pub enum {name} {{\n" + "\n".join(lines) + "\n}", level)

    def gen_generic(self, idx: int, pos: int) -> Item:
        tname, params, kind, members = GENERIC_TEMPLATES[idx % len(GENERIC_TEMPLATES)]
        name = f"{tname}{pos}"
        ps = ", ".join(params)
        if kind == "struct":
            body = "\n".join(f"    pub {f}: {t}," for f, t in members)
            src = f"pub struct {name}<{ps}> {{\n{body}\n}}"
        else:
            vs = []
            for v, vk, ts in members:
                vs.append(f"    {v}({', '.join(ts)})," if vk == "tuple" else f"    {v},")
            src = f"pub enum {name}<{ps}> {{\n" + "\n".join(vs) + "\n}"
        self.generics.append(Generic(name, params))
        return Item(name, "generic", src, template=GENERIC_TEMPLATES[idx % len(GENERIC_TEMPLATES)])

    def generate(self) -> Model:
        n = self.n
        n_generic = max(2, n // 100)
        generic_at = {int((k + 0.5) * n / n_generic): k for k in range(n_generic)}
        for i in range(n):
            if i in generic_at:
                self.items.append(self.gen_generic(generic_at[i], i))
                continue
            name = f"{self.rng.choice(TYPE_WORDS)}{i}"
            item = self.gen_struct(name) if self.rng.random() < 0.72 else self.gen_enum(name)
            self.items.append(item)
            self.concrete.append((name, item.level))
        return Model(n, self.seed, self.items, [c for c, _ in self.concrete],
                     list(self.instantiations))


# ----------------------------------------------------------------------------------------
# Variants
# ----------------------------------------------------------------------------------------


@dataclass
class Variant:
    name: str
    deps: str  # TOML lines under [dependencies]
    attr: str  # attribute line(s) put on every type ("" for none)
    peer: bool = False
    note: str = ""
    cargo_args: tuple[str, ...] = ()  # extra `cargo build` arguments (e.g. --features)

    def forced(self, m: Model) -> str:
        return ""

    def render_item(self, it: Item) -> str:
        return f"{self.attr}\n{it.body}" if self.attr else it.body

    @property
    def slug(self) -> str:
        """The variant's name as a directory name."""
        return re.sub(r"[^A-Za-z0-9_.@+-]", "_", self.name)

    @property
    def crate(self) -> str:
        return "bench_" + re.sub(r"[^A-Za-z0-9_]", "_", self.name)

    @property
    def is_objfp(self) -> bool:
        return self.name == "objfp" or self.name.startswith("objfp@")


class Baseline(Variant):
    pass


class Serde(Variant):
    pass


class Objfp(Variant):
    def forced(self, m: Model) -> str:
        out = ["// Force every fingerprint at compile time (free consts are always evaluated)."]
        for i, t in enumerate(m.concrete):
            out.append(f"pub const FP_{i}: objfp::Fingerprint = <{t} as objfp::TypeFingerprint>::FINGERPRINT;")
        for i, t in enumerate(m.instantiations):
            out.append(f"pub const FPG_{i}: objfp::Fingerprint = <{t} as objfp::TypeFingerprint>::FINGERPRINT;")
        return "\n".join(out)


class PostcardSchema(Variant):
    def forced(self, m: Model) -> str:
        out = ["// Force every SCHEMA and its 64-bit FNV-1a Key at compile time."]
        for kind, ts in (("", m.concrete), ("G", m.instantiations)):
            for i, t in enumerate(ts):
                out.append(f"pub const PS{kind}_{i}: &postcard_schema::schema::NamedType = <{t} as postcard_schema::Schema>::SCHEMA;")
                out.append(f"pub const PK{kind}_{i}: postcard_schema::key::Key = postcard_schema::key::Key::for_path::<{t}>(\"bench/{kind}{i}\");")
        return "\n".join(out)


class BincodeNext(Variant):
    def forced(self, m: Model) -> str:
        out = ["// Force every SCHEMA_HASH (for the default configuration) at compile time."]
        for kind, ts in (("", m.concrete), ("G", m.instantiations)):
            for i, t in enumerate(ts):
                out.append(f"pub const BH{kind}_{i}: u64 = <{t} as bincode_next::Fingerprint<bincode_next::config::Configuration>>::SCHEMA_HASH;")
        return "\n".join(out)


class BincodeNextManual(BincodeNext):
    """bincode-next with the impls for generic types written by hand.

    bincode_derive-next 3.1.1 panics on any type with generic parameters ("`__C:
    ::bincode_next::config::Config` is not a valid identifier"), so this variant derives
    Fingerprint on the non-generic types and, for the few generic ones, writes exactly the
    impl the derive emits for a non-generic type plus a `T: Fingerprint<__C>` bound."""

    def render_item(self, it: Item) -> str:
        if it.kind != "generic":
            return super().render_item(it)
        _, params, kind, members = it.template
        b = "bincode_next"

        def mix(data: str) -> str:
            return (f"        hash = {b}::rapidhash::v3::rapidhash_v3_seeded({data}, "
                    f"&{b}::rapidhash::v3::RapidSecrets::seed_cpp(hash));")

        def field_hash(ty: str) -> str:
            return mix(f"&<{ty} as {b}::Fingerprint<__C>>::SCHEMA_HASH.to_le_bytes()")

        lines = [f"        let mut hash = {b}::rapidhash::v3::rapidhash_v3_seeded(b\"{it.name}\", "
                 f"&{b}::rapidhash::v3::RapidSecrets::seed_cpp(<__C as {b}::config::InternalConfigFingerprint>::CONFIG_HASH));"]
        if kind == "struct":
            lines.append(mix('b"struct"'))
            for f, t in members:
                lines += [mix(f'b"{f}"'), field_hash(t)]
        else:
            lines.append(mix('b"enum"'))
            for v, _vk, ts in members:
                lines.append(mix(f'b"{v}"'))
                for i, t in enumerate(ts):
                    lines += [mix(f'b"{i}"'), field_hash(t)]
        lines.append("        hash")
        bounds = ", ".join(f"{p}: {b}::Fingerprint<__C>" for p in params)
        ps = ", ".join(params)
        return (f"{it.body}\n"
                f"impl<__C: {b}::config::Config, {bounds}> {b}::Fingerprint<__C> for {it.name}<{ps}> {{\n"
                f"    const SCHEMA_HASH: u64 = {{\n" + "\n".join(lines) + "\n    };\n}")


class Stabby(Variant):
    def forced(self, m: Model) -> str:
        out = ["// Force every type's REPORT and ID at compile time."]
        for kind, ts in (("", m.concrete), ("G", m.instantiations)):
            for i, t in enumerate(ts):
                out.append(f"pub const SR{kind}_{i}: &stabby::abi::report::TypeReport = <{t} as stabby::abi::IStable>::REPORT;")
                out.append(f"pub const SI{kind}_{i}: u64 = <{t} as stabby::abi::IStable>::ID;")
        return "\n".join(out)


def objfp_dep(objfp_src: Path) -> str:
    return f'objfp = {{ path = "{objfp_src / "objfp"}" }}'


def all_variants(objfp_src: Path, refs: list[RefSpec] | None = None) -> list[Variant]:
    return [
        Baseline("baseline", "", ""),
        Serde("serde", 'serde = { version = "1", features = ["derive"] }',
              "#[derive(serde::Serialize, serde::Deserialize)]"),
        Objfp("objfp", objfp_dep(objfp_src), "#[derive(objfp::TypeFingerprint)]"),
        # objfp as of other commits (--objfp-ref), e.g. the "before" of a change.
        *[Objfp(r.name, objfp_dep(r.src_dir), "#[derive(objfp::TypeFingerprint)]")
          for r in refs or []],
        # Diagnostic: the same derive with no const forced, i.e. the cost of expansion and
        # type checking alone (associated consts are evaluated only when used).
        Variant("objfp-unforced", objfp_dep(objfp_src), "#[derive(objfp::TypeFingerprint)]"),
        PostcardSchema("postcard-schema",
                       'postcard-schema = { version = "0.2", features = ["derive", "use-std"] }',
                       "#[derive(postcard_schema::Schema)]", peer=True),
        BincodeNext("bincode-next",
                    'bincode-next = { version = "3", default-features = false, features = ["std", "derive"] }',
                    "#[derive(bincode_next::Fingerprint)]", peer=True),
        BincodeNextManual("bincode-next-manual",
                          'bincode-next = { version = "3", default-features = false, features = ["std", "derive"] }',
                          "#[derive(bincode_next::Fingerprint)]", peer=True),
        Stabby("stabby", 'stabby = "72"', "#[stabby::stabby]", peer=True),
    ]


def render_lib(m: Model, v: Variant) -> str:
    out = [
        f"//! Generated by bench/bench.py (variant {v.name}, N={m.n}, seed {m.seed}). Do not edit.",
        "#![allow(dead_code, clippy::all)]",
        "",
    ]
    for it in m.items:
        out.append(v.render_item(it))
        out.append("")
    forced = v.forced(m)
    if forced:
        out.append(forced)
    return "\n".join(out) + "\n"


def render_manifest(v: Variant) -> str:
    return (
        "# Generated by bench/bench.py. Do not edit.\n"
        "[package]\n"
        f'name = "{v.crate}"\n'
        'version = "0.0.0"\n'
        'edition = "2024"\n'
        "publish = false\n\n"
        "[lib]\n"
        'path = "src/lib.rs"\n\n'
        "[dependencies]\n"
        f"{v.deps}\n\n"
        "# Standalone: not part of the objfp workspace.\n"
        "[workspace]\n"
    )


# ----------------------------------------------------------------------------------------
# objfp snapshot
# ----------------------------------------------------------------------------------------

SNAPSHOT_SKIP = {".git", "target", "bench"}


def snapshot_objfp(dest: Path) -> str:
    """Copy the repository (minus .git, target, bench) to dest so that the other people's
    edits during a run cannot change what is measured or trigger dependency rebuilds inside
    a timed build. Mtimes are preserved, so an unchanged tree stays fresh for cargo.
    Returns a short content hash of objfp + objfp-derive."""
    tmp = dest.with_name(dest.name + ".new")
    if tmp.exists():
        shutil.rmtree(tmp)

    def ignore(d: str, names: list[str]) -> set[str]:
        return SNAPSHOT_SKIP & set(names) if Path(d) == REPO else {"target"} & set(names)

    shutil.copytree(REPO, tmp, ignore=ignore, symlinks=True)
    h = hashlib.sha256()
    for sub in ("objfp", "objfp-derive", "Cargo.toml"):
        p = tmp / sub
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file():
                h.update(str(f.relative_to(tmp)).encode())
                h.update(f.read_bytes())
    digest = h.hexdigest()[:12]
    old = dest / ".content-hash"
    if dest.exists() and old.exists() and old.read_text() == digest:
        shutil.rmtree(tmp)  # unchanged: keep the old copy (and cargo's freshness)
    else:
        if dest.exists():
            shutil.rmtree(dest)
        tmp.rename(dest)
        (dest / ".content-hash").write_text(digest)
    return digest


def objfp_provenance() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "objfp", "objfp-derive",
             "Cargo.toml"], capture_output=True, text=True).stdout.strip()
        last = subprocess.run(
            ["git", "-C", str(REPO), "log", "-1", "--format=%h", "--", "objfp", "objfp-derive",
             "Cargo.toml"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    since = f", whose objfp and objfp-derive are as of {last}" if last and last != head else ""
    return f"{head}{since}{' + uncommitted changes' if dirty else ''}"


@dataclass
class RefSpec:
    """`--objfp-ref [LABEL=]REF[+OTHER:PATH]...`: objfp as of a commit, optionally with
    single files taken from other commits (to measure one change alone)."""
    name: str  # variant name, "objfp@LABEL"
    base: str
    overlays: list[tuple[str, str]]  # (ref, path)
    text: str

    @property
    def src_dir(self) -> Path:
        return GEN / ("objfp-src@" + re.sub(r"[^A-Za-z0-9_.@+-]", "_", self.name[6:]))


def parse_ref_spec(text: str) -> RefSpec:
    label, eq, rest = text.partition("=")
    if not eq:
        label, rest = "", text
    base, *ovs = rest.split("+")
    overlays = []
    for o in ovs:
        r, colon, path = o.partition(":")
        if not colon or not r or not path:
            raise ValueError(f"--objfp-ref {text!r}: expected REF+OTHER_REF:PATH, got {o!r}")
        overlays.append((r, path))
    if not base:
        raise ValueError(f"--objfp-ref {text!r}: no git ref")
    if not label:
        label = base + "".join(f"+{Path(p).name}@{r}" for r, p in overlays)
    return RefSpec("objfp@" + label, base, overlays, text)


def git_commit(ref: str) -> str:
    p = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", "--quiet",
                        f"{ref}^{{commit}}"], capture_output=True, text=True)
    if p.returncode != 0:
        raise ValueError(f"--objfp-ref: {ref!r} is not a commit of this repository")
    return p.stdout.strip()


def git_describe(commit: str) -> str:
    p = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h (%cs) %s", commit],
                       capture_output=True, text=True)
    subj = p.stdout.strip()
    return subj if len(subj) <= 110 else subj[:107] + "..."


def snapshot_ref(spec: RefSpec) -> str:
    """`git archive` of the base commit (minus bench/) into spec.src_dir, then the overlay
    files from their commits. Kept when already there for the same commits, so cargo sees
    it fresh. Returns a description for the report."""
    base = git_commit(spec.base)
    ovs = [(git_commit(r), path) for r, path in spec.overlays]
    key = base + "".join(f" +{c}:{p}" for c, p in ovs)
    dest = spec.src_dir
    marker = dest / ".ref"
    if not (dest.exists() and marker.exists() and marker.read_text() == key):
        tmp = dest.with_name(dest.name + ".new")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        arch = subprocess.Popen(["git", "-C", str(REPO), "archive", "--format=tar", base],
                                stdout=subprocess.PIPE)
        tar = subprocess.run(["tar", "-x", "-C", str(tmp)], stdin=arch.stdout)
        assert arch.stdout is not None
        arch.stdout.close()
        if arch.wait() != 0 or tar.returncode != 0:
            raise ValueError(f"--objfp-ref: git archive {base} failed")
        shutil.rmtree(tmp / "bench", ignore_errors=True)
        for c, path in ovs:
            data = subprocess.run(["git", "-C", str(REPO), "show", f"{c}:{path}"],
                                  capture_output=True)
            if data.returncode != 0:
                raise ValueError(f"--objfp-ref: no file {path} at {c[:10]}")
            (tmp / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp / path).write_bytes(data.stdout)
        if dest.exists():
            shutil.rmtree(dest)
        tmp.rename(dest)
        marker.write_text(key)
    desc = f"commit {git_describe(base)}"
    for c, path in ovs:
        desc += f", with `{path}` from {git_describe(c)}"
    return desc


# ----------------------------------------------------------------------------------------
# Building and measuring
# ----------------------------------------------------------------------------------------


@dataclass
class Sample:
    cargo_s: float
    rustc_s: float
    maxrss_mib: float
    cpu_s: float = 0.0
    load1: float = 0.0  # 1-minute load average just before the build
    # CPU time used by every other process on the machine during the build, as a number of
    # cores kept busy on average (machine's busy time from /proc/stat minus this cargo
    # build's own CPU time). About 0 on a quiet machine; 1 means a whole core was taken.
    others_cores: float | None = None


def machine_busy_s() -> float | None:
    """Seconds of CPU time the whole machine has spent busy since boot (/proc/stat)."""
    try:
        with open("/proc/stat") as f:
            parts = f.readline().split()
    except OSError:
        return None
    if not parts or parts[0] != "cpu":
        return None
    vals = [int(x) for x in parts[1:]]
    idle = vals[3] + (vals[4] if len(vals) > 4 else 0)  # idle + iowait
    busy = sum(vals[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def children_cpu_s() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def others_busy_cores(seconds: float = 3.0) -> float | None:
    """Cores kept busy by other processes over `seconds` while this harness idles."""
    b0 = machine_busy_s()
    time.sleep(seconds)
    b1 = machine_busy_s()
    return None if b0 is None or b1 is None else (b1 - b0) / seconds


def wait_quiet(limit: float, max_wait_s: float, what: str,
               max_load: float | None = None) -> float | None:
    """Waits (up to max_wait_s) until other processes use less than `limit` cores and,
    when max_load is given, the 1-minute load average (which also counts this harness's
    own last builds, for about a minute) is below max_load. Returns the last reading."""
    t0 = time.monotonic()
    busy = others_busy_cores()
    while (busy is not None and (busy >= limit or (max_load is not None
                                                   and os.getloadavg()[0] >= max_load))
           and time.monotonic() - t0 < max_wait_s):
        print(f"   (before {what}: other processes use {busy:.2f} cores, "
              f"load {os.getloadavg()[0]:.2f}; waiting)", file=sys.stderr, flush=True)
        time.sleep(20)
        busy = others_busy_cores()
    return busy


@dataclass
class Outcome:
    ok: bool
    reason: str = ""
    log: Path | None = None


def crate_dir(v: Variant) -> Path:
    return GEN / v.slug


def target_dir(v: Variant) -> Path:
    return GEN / "target" / v.slug


def write_crate(m: Model, v: Variant) -> None:
    d = crate_dir(v)
    (d / "src").mkdir(parents=True, exist_ok=True)
    manifest = render_manifest(v)
    mp = d / "Cargo.toml"
    if not mp.exists() or mp.read_text() != manifest:
        mp.write_text(manifest)
    lib = d / "src" / "lib.rs"
    lib.write_text(render_lib(m, v))
    # Cargo compares mtimes; make sure the rewrite is strictly newer than the last build.
    now = time.time()
    os.utime(lib, (now, now))


INSTRUMENT_VARS = ("OBJFP_BENCH_TIME_PASSES", "OBJFP_BENCH_SELF_PROFILE", "OBJFP_BENCH_CALLGRIND")


def cargo_env(v: Variant, record: Path, time_passes: Path | None = None,
              instrument: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "CARGO_TARGET_DIR": str(target_dir(v)),
        "CARGO_INCREMENTAL": "0",
        "RUSTC_WORKSPACE_WRAPPER": str(WRAPPER),
        "OBJFP_BENCH_CRATE": v.crate,
        "OBJFP_BENCH_RECORD": str(record),
        "CARGO_TERM_COLOR": "never",
    })
    for k in INSTRUMENT_VARS:
        env.pop(k, None)
    if time_passes is not None:
        env["OBJFP_BENCH_TIME_PASSES"] = str(time_passes)
    env.update(instrument or {})
    return env


def run_cargo(v: Variant, record: Path, time_passes: Path | None = None,
              timeout: float | None = None, error_grace: float | None = None,
              instrument: dict[str, str] | None = None) -> tuple[int, str, float]:
    """Runs `cargo build` on the variant's crate; returns (status, stderr, wall seconds).

    The whole process group (cargo and its rustc) is killed after `timeout` seconds, and,
    when `error_grace` is given, that many seconds after the first reported error (some
    peers' macros make rustc run on for a very long time after their first errors)."""
    timeout = timeout or BUILD_TIMEOUT_S
    cmd = ["cargo", "build", "--manifest-path", str(crate_dir(v) / "Cargo.toml"), *v.cargo_args]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=cargo_env(v, record, time_passes, instrument),
                         stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, errors="replace",
                         start_new_session=True)
    chunks: list[str] = []
    first_error: list[float] = []

    def reader() -> None:
        assert p.stderr is not None
        for ln in p.stderr:
            chunks.append(ln)
            if not first_error and re.match(r"error(\[E\d+\])?:", ln):
                first_error.append(time.perf_counter())

    th = threading.Thread(target=reader, daemon=True)
    th.start()
    killed = ""
    try:
        while p.poll() is None:
            now = time.perf_counter()
            if now - t0 > timeout:
                killed = f"error: build did not finish within {timeout:.0f} s (killed)"
            elif error_grace is not None and first_error and now - first_error[0] > error_grace:
                killed = (f"error: build still running {error_grace:.0f} s after its first "
                          "error (killed)")
            if killed:
                os.killpg(p.pid, signal.SIGKILL)
                break
            time.sleep(0.05)
        p.wait()
    except BaseException:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        raise
    th.join(timeout=10)
    wall = time.perf_counter() - t0
    err = "".join(chunks)
    if killed:
        return -1, err + "\n" + killed + "\n", wall
    return p.returncode, err, wall


TRAIT_RE = re.compile(r"the trait bound `(.+?): ([\w:]+)(?:<[^`]*>)?` is not satisfied"
                      r"|the trait `([\w:]+)(?:<[^`]*>)?` is not implemented for `(.+?)`")


def summarize_failure(v: Variant, stderr: str) -> str:
    """One paragraph: error count, macro panics, which types lack which trait, timeouts."""
    lines = stderr.splitlines()
    timed_out = [ln.removeprefix("error: ") for ln in lines if ln.endswith("(killed)")]
    errors = [ln for ln in lines if re.match(r"error(\[E\d+\])?:", ln)
              and "could not compile" not in ln and not ln.endswith("(killed)")
              and "aborting" not in ln]
    parts = []
    failed = sorted({mt.group(1) for mt in re.finditer(r"could not compile `([^`]+)`", stderr)})
    if errors:
        where = ""
        if failed:
            where = " compiling " + ", ".join(f"`{c}`" for c in failed)
            if failed != [v.crate]:
                where += " (a dependency, not the generated crate)"
        parts.append(f"{len(errors)} error(s) reported{where}")
    panics = sorted({ln.split("help: message:", 1)[1].strip()
                     for ln in lines if "help: message:" in ln})
    for pm in panics[:3]:
        parts.append(f"macro panicked: \"{pm}\"")
    # Which types lack which trait, with generated type names' numbers folded away.
    missing: dict[str, set[str]] = {}
    for mt in TRAIT_RE.finditer(stderr):
        ty, tr = (mt.group(1), mt.group(2)) if mt.group(1) else (mt.group(4), mt.group(3))
        tr = tr.split("::")[-1]
        ty = re.sub(r"\b([A-Z][a-z]+)\d+\b", r"\1", ty)
        ty = re.sub(r"\b(std|alloc|core)::(\w+::)*", "", ty)
        missing.setdefault(tr, set()).add(ty)
    for tr, tys in missing.items():
        tys_l = sorted(tys, key=lambda t: (len(t), t))
        shown = ", ".join(f"`{t}`" for t in tys_l[:6])
        more = f" and {len(tys_l) - 6} more" if len(tys_l) > 6 else ""
        parts.append(f"`{tr}` not implemented for {shown}{more}")
    if not missing and not panics and errors:
        parts.append("first: " + errors[0].strip())
    if timed_out:
        parts.append(timed_out[-1])
    if not parts:
        tail = [ln for ln in stderr.strip().splitlines() if ln.strip()][-3:]
        parts.append("build failed: " + " / ".join(tail))
    return "; ".join(parts)


def compiled_others(stderr: str, v: Variant) -> list[str]:
    out = []
    for ln in stderr.splitlines():
        s = ln.strip()
        if s.startswith("Compiling "):
            name = s.split()[1]
            if name != v.crate:
                out.append(name)
    return out


def read_record(record: Path, crate: str) -> dict | None:
    if not record.exists():
        return None
    recs = [json.loads(ln) for ln in record.read_text().splitlines() if ln.strip()]
    recs = [r for r in recs if r.get("crate") == crate]
    return recs[-1] if recs else None


def prepare(m: Model, v: Variant, log_dir: Path, timeout: float | None = None,
            tag: str = "prepare", error_grace: float | None = None) -> Outcome:
    """Untimed build: fetches and builds dependencies, and checks the crate compiles."""
    write_crate(m, v)
    record = GEN / "record.jsonl"
    record.unlink(missing_ok=True)
    rc, err, wall = run_cargo(v, record, timeout=timeout, error_grace=error_grace)
    log = log_dir / f"{v.name}-n{m.n}-{tag}.log"
    log.write_text(err)
    if rc != 0:
        return Outcome(False, summarize_failure(v, err), log)
    if read_record(record, v.crate) is None:
        # Cargo thought the crate fresh (should not happen after the rewrite); force it.
        write_crate(m, v)
        rc, err, wall = run_cargo(v, record)
        if rc != 0 or read_record(record, v.crate) is None:
            return Outcome(False, "harness error: rustc wrapper recorded nothing; see " + str(log), log)
    return Outcome(True, log=log)


def measure(m: Model, v: Variant, log_dir: Path, rep: int) -> Sample | Outcome:
    record = GEN / "record.jsonl"
    for attempt in range(3):
        write_crate(m, v)
        record.unlink(missing_ok=True)
        load1 = os.getloadavg()[0]
        busy0, ours0 = machine_busy_s(), children_cpu_s()
        rc, err, wall = run_cargo(v, record)
        busy1, ours1 = machine_busy_s(), children_cpu_s()
        others_cores = (None if busy0 is None or busy1 is None or wall <= 0
                        else max(0.0, (busy1 - busy0) - (ours1 - ours0)) / wall)
        (log_dir / f"{v.name}-n{m.n}-rep{rep}.log").write_text(err)
        if rc != 0:
            return Outcome(False, summarize_failure(v, err))
        rec = read_record(record, v.crate)
        others = compiled_others(err, v)
        if rec is not None and not others:
            return Sample(wall, rec["wall_s"], rec["maxrss_kib"] / 1024.0,
                          rec.get("cpu_s", 0.0), load1, others_cores)
        print(f"    (rebuilt {', '.join(others) or 'nothing'}; discarding sample, retrying)",
              file=sys.stderr)
    return Outcome(False, "harness error: could not get a clean sample (dependencies kept rebuilding)")


def time_passes_run(m: Model, v: Variant, out_dir: Path) -> list[tuple[float, str]]:
    record = GEN / "record.jsonl"
    tp = out_dir / f"time-passes-{v.name}-n{m.n}.txt"
    write_crate(m, v)
    record.unlink(missing_ok=True)
    rc, err, _ = run_cargo(v, record, time_passes=tp)
    if rc != 0 or not tp.exists():
        return []
    passes = []
    for ln in tp.read_text().splitlines():
        mt = re.match(r"time:\s+([\d.]+);.*?\s(\S+)$", ln)
        if mt:
            passes.append((float(mt.group(1)), mt.group(2)))
    return passes


PROFILE_TOOL_DIR = BENCH_DIR / "profile-summary"
PROFILE_TOOL = GEN / "profile-summary-target" / "release" / "profile-summary"


def build_profile_tool() -> Path | None:
    """Builds bench/profile-summary (its own Cargo project, measureme's analyzeme from
    crates.io) on first use; cargo makes later calls a no-op."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(PROFILE_TOOL.parent.parent))
    p = subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                        str(PROFILE_TOOL_DIR / "Cargo.toml")], env=env,
                       capture_output=True, text=True)
    if p.returncode != 0 or not PROFILE_TOOL.exists():
        print(f"error: could not build bench/profile-summary:\n{p.stderr[-2000:]}",
              file=sys.stderr)
        return None
    return PROFILE_TOOL


@dataclass
class Profile:
    rustc_s: float  # wall time of the profiled rustc (slower than unprofiled)
    total_s: float  # sum of self time of every profiled event
    buckets: dict[str, float]  # expansion, const_eval, rest
    nested_s: float  # of rest: queries run inside const evaluation
    top: dict[str, list[tuple[str, float, int]]]


def self_profile_run(m: Model | None, v: Variant, out_dir: Path, tool: Path,
                     touch=None, tag: str | None = None) -> Profile | None:
    """One build with -Z self-profile, summarised. `touch` (default: rewrite the generated
    crate) makes the crate stale; `tag` names the files (default nN)."""
    record = GEN / "record.jsonl"
    tag = tag or f"n{m.n}"
    d = out_dir / f"self-profile-{v.slug}-{tag}"
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    touch() if touch else write_crate(m, v)
    record.unlink(missing_ok=True)
    rc, err, _ = run_cargo(v, record, instrument={"OBJFP_BENCH_SELF_PROFILE": str(d)})
    files = sorted(d.glob("*.mm_profdata"))
    rec = read_record(record, v.crate)
    if rc != 0 or not files or rec is None:
        print(f"   {v.name}: self-profile build failed", file=sys.stderr)
        return None
    p = subprocess.run([str(tool), str(files[-1])], capture_output=True, text=True)
    if p.returncode != 0:
        print(f"   {v.name}: profile-summary failed: {p.stderr.strip()}", file=sys.stderr)
        return None
    (out_dir / f"self-profile-{v.slug}-{tag}.txt").write_text(p.stdout)
    shutil.rmtree(d)  # the raw profile is large (hundreds of MB for serde at N = 2000)
    total, nested, buckets, top = 0.0, 0.0, {}, {}
    for ln in p.stdout.splitlines():
        f = ln.split("\t")
        if f[0] == "total":
            total = int(f[1]) / 1e9
        elif f[0] == "bucket":
            buckets[f[1]] = int(f[2]) / 1e9
        elif f[0] == "nested_in_const_eval":
            nested = int(f[1]) / 1e9
        elif f[0] == "top":
            top.setdefault(f[1], []).append((f[2], int(f[3]) / 1e9, int(f[4])))
    return Profile(rec["wall_s"], total, buckets, nested, top)


CALLGRIND_CACHE = GEN / "callgrind-cache.json"


def callgrind_key(m: Model, v: Variant, src_digest: str) -> str:
    """What the instruction count depends on: the crate's source and manifest, the
    resolved dependency versions, the objfp source's content and the toolchain."""
    h = hashlib.sha256()
    lock = crate_dir(v) / "Cargo.lock"
    for part in (render_lib(m, v), render_manifest(v),
                 lock.read_text() if lock.exists() else "", src_digest,
                 subprocess.run(["rustc", "-vV"], capture_output=True, text=True).stdout,
                 subprocess.run(["valgrind", "--version"], capture_output=True,
                                text=True).stdout):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def callgrind_run(m: Model | None, v: Variant, out_dir: Path, src_digest: str,
                  reuse: bool, touch=None, tag: str | None = None,
                  key: str | None = None) -> tuple[int, str] | None:
    """Instructions executed by the crate's rustc (valgrind --tool=callgrind), and when
    they were counted. With `reuse`, a count made earlier for exactly the same inputs
    (callgrind_key) is taken from bench/generated/callgrind-cache.json instead."""
    key = key or callgrind_key(m, v, src_digest)
    tag = tag or f"n{m.n}"
    try:
        cache = json.loads(CALLGRIND_CACHE.read_text())
    except (OSError, ValueError):
        cache = {}
    if reuse and key in cache:
        ir, when = cache[key]["ir"], cache[key]["date"]
        print(f"   callgrind {v.name:20} {ir / 1e9:8.2f} G instructions (counted {when}, "
              "same inputs)", file=sys.stderr)
        return ir, when
    record = GEN / "record.jsonl"
    out = out_dir / f"callgrind-{v.slug}-{tag}.out"
    out.unlink(missing_ok=True)
    touch() if touch else write_crate(m, v)
    record.unlink(missing_ok=True)
    t0 = time.perf_counter()
    rc, err, _ = run_cargo(v, record, timeout=max(BUILD_TIMEOUT_S, 6 * 3600),
                           instrument={"OBJFP_BENCH_CALLGRIND": str(out)})
    if rc != 0 or not out.exists():
        print(f"   {v.name}: callgrind build failed", file=sys.stderr)
        return None
    ir = None
    with open(out, errors="replace") as f:
        for ln in f:
            if ln.startswith(("summary:", "totals:")):
                ir = int(ln.split()[1])
    print(f"   callgrind {v.name:20} {ir / 1e9 if ir else 0:8.2f} G instructions "
          f"({time.perf_counter() - t0:.0f} s under valgrind)", file=sys.stderr)
    if ir is None:
        return None
    when = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    cache[key] = {"ir": ir, "date": when, "variant": v.name, "tag": tag}
    CALLGRIND_CACHE.write_text(json.dumps(cache, indent=1))
    return ir, when


# ----------------------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------------------


def resolved_versions(v: Variant) -> dict[str, str]:
    lock = crate_dir(v) / "Cargo.lock"
    if not lock.exists():
        return {}
    out, name = {}, None
    for ln in lock.read_text().splitlines():
        if ln.startswith("name = "):
            name = ln.split('"')[1]
        elif ln.startswith("version = ") and name:
            out[name] = ln.split('"')[1]
            name = None
    return out


def machine_info() -> dict[str, str]:
    def sh(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    cpu = "?"
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for ln in Path("/proc/meminfo").read_text().splitlines():
            if ln.startswith("MemTotal:"):
                mem = f"{int(ln.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "cpu": cpu,
        "nproc": str(os.cpu_count()),
        "mem": mem,
        "rustc": sh(["rustc", "-V"]),
        "cargo": sh(["cargo", "-V"]),
        "os": platform.platform(),
    }


def load_range(results) -> str:
    loads = [s.load1 for ss in results.values() for s in ss]
    return f"{min(loads):.2f}–{max(loads):.2f}" if loads else "–"


def fmt(x: float | None, spec: str) -> str:
    return "–" if x is None else format(x, spec)


def median_of(ss, attr):
    return statistics.median(getattr(s, attr) for s in ss) if ss else None


def others_range(results) -> str:
    xs = [s.others_cores for ss in results.values() for s in ss if s.others_cores is not None]
    if not xs:
        return "–"
    return f"median {statistics.median(xs):.2f}, max {max(xs):.2f}"


REFERENCE_VARIANTS = ("serde", "bincode-next-manual")


def build_report(args, ns, variants, results, failures, model_stats, info, versions,
                 provenance, tp_summaries, callgrind=None, profiles=None,
                 ref_descs=None, callgrind_dates=None) -> str:
    callgrind = callgrind or {}
    profiles = profiles or {}
    date = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "# objfp compile-time benchmark results",
        "",
        f"- Date: {date}",
        f"- Command: `{' '.join(['bench/run.sh', *args.argv])}`",
        f"- Machine: {info['cpu']}, {info['nproc']} cores, {info['mem']} RAM; {info['rustc']}; {info['os']}",
        f"- objfp source: {provenance}",
    ]
    for name, desc in (ref_descs or {}).items():
        lines.append(f"- {name}: {desc}")
    lines += [
        f"- Reps: {args.reps} (interleaved), seed {args.seed}; debug profile, CARGO_INCREMENTAL=0",
        f"- 1-minute load average before each timed build: {load_range(results)} "
        f"(the machine has {info['nproc']} cores; > ~1 means something else was running)",
        f"- CPU used by other processes during each timed build, in cores: "
        f"{others_range(results)} (0 = quiet; from /proc/stat minus this build's own CPU time)",
        *([f"- Instruction counts (callgrind) made "
           + " to ".join(sorted({min(callgrind_dates), max(callgrind_dates)}))
           + " (a count is reused only for exactly the same crate, dependencies, objfp "
           "source and toolchain)"] if callgrind_dates else []),
        "",
        "Columns: *cargo build* = median wall time of `cargo build` of the generated crate "
        "(dependencies already built); *rustc* = median wall time of the crate's rustc process "
        "alone; *CPU* = median user+sys CPU time of that rustc (less sensitive to other load); "
        "*instr.* = instructions executed by that rustc (`valgrind --tool=callgrind`, one "
        "build; independent of load); *added* = cargo build median minus baseline's; "
        "*ms/type* = added ÷ N; *peak RSS* = max over reps of the rustc process's peak "
        "resident memory; *others* = the most CPU other processes used during one of "
        "this row's builds, in cores (0 = quiet machine); *÷ serde*, *÷ bincode-next-manual* = this variant's added cost ÷ "
        "that variant's added cost (each minus baseline), from wall times / CPU times / "
        "instructions.",
    ]

    def added(n, name):
        """(wall, cpu, instr) minus baseline's, or None each."""
        base, ss = results.get((n, "baseline")), results.get((n, name))
        w = c = i = None
        if base and ss:
            w = median_of(ss, "cargo_s") - median_of(base, "cargo_s")
            c = median_of(ss, "cpu_s") - median_of(base, "cpu_s")
        bi, vi = callgrind.get((n, "baseline")), callgrind.get((n, name))
        if bi is not None and vi is not None:
            i = vi - bi
        return w, c, i

    def ratio_cell(n, name, ref):
        if name in ("baseline", ref):
            return "–"
        a, r = added(n, name), added(n, ref)
        parts = [a[k] / r[k] if a[k] is not None and r[k] and r[k] > 0 else None
                 for k in range(3)]
        if all(p is None for p in parts):
            return "–"
        cells = [fmt(parts[0], ".2f"), fmt(parts[1], ".2f")]
        if callgrind:
            cells.append(fmt(parts[2], ".2f"))
        return " / ".join(cells)

    have_ir = bool(callgrind)
    refs_present = [r for r in REFERENCE_VARIANTS if any(v.name == r for v in variants)]
    for n in ns:
        st = model_stats[n]
        lines += ["", f"### N = {n}", "",
                  f"{st['structs']} structs, {st['enums']} enums, {st['generics']} generic "
                  f"types with {st['insts']} distinct instantiations used as field types; "
                  f"{st['fields']} fields/variant payloads.", ""]
        head = ["variant", "cargo build (s)", "rustc (s)", "CPU (s)"]
        if have_ir:
            head.append("instr. (G)")
        head += ["added (s)", "ms/type", "peak RSS (MiB)", "others (cores)"]
        suffix = " (wall / CPU / instr.)" if have_ir else " (wall / CPU)"
        head += [f"÷ {r}{suffix}" for r in refs_present]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|---|" + "---:|" * (len(head) - 1))
        for v in variants:
            key = (n, v.name)
            if key in failures:
                lines.append(f"| {v.name} | did not build |" + " |" * (len(head) - 2))
                continue
            ss = results.get(key)
            if not ss:
                continue
            med, rmed, cmed = (median_of(ss, a) for a in ("cargo_s", "rustc_s", "cpu_s"))
            rss = max(s.maxrss_mib for s in ss)
            w = added(n, v.name)[0] if v.name != "baseline" else None
            per = w / n * 1000 if w is not None else None
            row = [v.name, f"{med:.2f}", f"{rmed:.2f}", f"{cmed:.2f}"]
            if have_ir:
                ir = callgrind.get(key)
                row.append(fmt(ir / 1e9 if ir is not None else None, ".2f"))
            oth = [s.others_cores for s in ss if s.others_cores is not None]
            row += [fmt(w, "+.2f"), fmt(per, ".1f"), f"{rss:.0f}",
                    fmt(max(oth) if oth else None, ".2f")]
            row += [ratio_cell(n, v.name, r) for r in refs_present]
            lines.append("| " + " | ".join(row) + " |")
    # Instruction counts for N without timed results (e.g. a --callgrind-only run).
    if profiles:
        lines += ["", "## Where the rustc time goes (`-Z self-profile`, one extra build per "
                  "variant and N)", "",
                  "Self time of every profiled event, grouped (see BENCHMARKS.md, *Where the "
                  "time goes*): *expansion* = macro expansion (`expand_crate` and all inside it: "
                  "running the derive macros, parsing their output, crate loading during "
                  "expansion); *const eval* = the const-evaluation queries' own time "
                  "(`eval_to_allocation_raw`, `eval_to_const_value_raw`, `mir_for_ctfe`, ...); "
                  "*rest* = everything else; *(inside const eval)* = the part of *rest* spent in "
                  "queries that const evaluation triggered first (type checking and borrow "
                  "checking the consts' bodies, which rustc does anyway). The profiled rustc "
                  "is slower than an unprofiled one; compare shares, or rows of one run.", "",
                  "| N | variant | rustc, profiled (s) | events (s) | expansion (s) | const eval (s) "
                  "| rest (s) | (inside const eval) |",
                  "|---:|---|---:|---:|---:|---:|---:|---:|"]
        for (n, name), pr in profiles.items():
            b = pr.buckets

            def cell(x):
                return f"{x:.2f} ({x / pr.total_s * 100:.0f} %)" if pr.total_s else f"{x:.2f}"
            lines.append(f"| {n} | {name} | {pr.rustc_s:.2f} | {pr.total_s:.2f} | "
                         f"{cell(b.get('expansion', 0))} | {cell(b.get('const_eval', 0))} | "
                         f"{cell(b.get('rest', 0))} | {pr.nested_s:.2f} |")
        lines += ["", "<details><summary>largest events per group (self time)</summary>", ""]
        for (n, name), pr in profiles.items():
            parts = []
            for bk in ("expansion", "const_eval", "rest"):
                tops = pr.top.get(bk, [])[:4]
                parts.append(f"{bk}: " + ", ".join(f"`{lb}` {t:.2f}s ×{c}" for lb, t, c in tops))
            lines.append(f"- {name} N={n}: " + "; ".join(parts))
        lines += ["", "</details>"]
    extra_ir = {k: v for k, v in callgrind.items() if k[0] not in ns or k not in results}
    if extra_ir:
        lines += ["", "## Instructions of builds not timed above (callgrind)", "",
                  "| N | variant | instr. (G) |", "|---:|---|---:|"]
        for (n, name), ir in sorted(extra_ir.items()):
            lines.append(f"| {n} | {name} | {ir / 1e9:.2f} |")
    if failures:
        lines += ["", "## Variants that did not build", ""]
        grouped: dict[tuple[str, str], list[int]] = {}
        for (n, name), why in failures.items():
            grouped.setdefault((name, why), []).append(n)
        for (name, why), fns in grouped.items():
            lines.append(f"- **{name}** (N={','.join(map(str, sorted(fns)))}): {why}")
    if versions:
        lines += ["", "## Resolved versions", ""]
        for name, vs in versions.items():
            if vs:
                lines.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(vs.items())))
    if tp_summaries:
        lines += ["", "## Top rustc passes (`-Z time-passes`, one extra build each)", ""]
        for (n, name), passes in tp_summaries.items():
            top = sorted(passes, reverse=True)[:8]
            lines.append(f"- {name} N={n}: " + ", ".join(f"{p} {t:.2f}s" for t, p in top))
    return "\n".join(lines) + "\n"


def model_stats(m: Model) -> dict[str, int]:
    return {
        "structs": sum(1 for i in m.items if i.kind == "struct"),
        "enums": sum(1 for i in m.items if i.kind == "enum"),
        "generics": sum(1 for i in m.items if i.kind == "generic"),
        "insts": len(m.instantiations),
        "fields": sum(i.body.count("\n") - 1 for i in m.items),
    }


# ----------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------


def parse_args(argv: list[str]):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", default="100,500,2000", help="comma-separated type counts")
    p.add_argument("--reps", type=int, default=3, help="timed repetitions per variant and N")
    p.add_argument("--seed", type=int, default=1, help="generator seed")
    p.add_argument("--variants", default=None,
                   help="comma-separated subset of: baseline,serde,objfp,objfp-unforced,"
                        "postcard-schema,bincode-next,bincode-next-manual,stabby (default: all); "
                        "the objfp@REF variants of --objfp-ref are always added")
    p.add_argument("--quick", action="store_true",
                   help="smoke test: N=50, 1 rep, baseline+objfp, results not written")
    p.add_argument("--time-passes", action="store_true",
                   help="after timing, one extra build per variant with -Z time-passes "
                        "(RUSTC_BOOTSTRAP=1 for that rustc only); files in bench/generated/logs")
    p.add_argument("--self-profile", action="store_true",
                   help="after timing, one extra build per variant and N with -Z self-profile "
                        "(RUSTC_BOOTSTRAP=1 for that rustc only) and a summary of its rustc time: "
                        "macro expansion, const evaluation, the rest (builds "
                        "bench/profile-summary on first use)")
    p.add_argument("--callgrind", action="store_true",
                   help="after all timed builds, one build per variant and N with the crate's "
                        "rustc under valgrind --tool=callgrind: instructions executed, a "
                        "load-independent measure (slow: about 50x the build's time)")
    p.add_argument("--callgrind-fresh", action="store_true",
                   help="count again even when bench/generated/callgrind-cache.json has a "
                        "count for exactly the same inputs (crate, dependencies, objfp source, "
                        "toolchain)")
    p.add_argument("--callgrind-n", default=None,
                   help="comma-separated N for --callgrind (default: the N <= 500 of --n)")
    p.add_argument("--objfp-ref", action="append", default=[], metavar="[LABEL=]REF[+REF2:PATH]",
                   help="also benchmark objfp as of git commit REF (variant objfp@LABEL, "
                        "default LABEL=REF), from `git archive REF`; +REF2:PATH replaces one "
                        "file with its version at REF2 (to measure one change alone). Repeatable")
    p.add_argument("--wait-quiet", type=float, default=None, metavar="CORES",
                   help="before each round of timed builds, wait until other processes use "
                        "less than CORES cores (measured over 3 s from /proc/stat)")
    p.add_argument("--wait-load", type=float, default=0.5, metavar="LOAD",
                   help="with --wait-quiet, before the first rep of each N also wait until "
                        "the 1-minute load average is below LOAD (default %(default)s)")
    p.add_argument("--wait-max", type=float, default=4 * 3600,
                   help="seconds to wait for a quiet machine before going on anyway "
                        "(default %(default)s)")
    p.add_argument("--timeout", type=float, default=BUILD_TIMEOUT_S,
                   help="seconds allowed per cargo build (default %(default)s)")
    p.add_argument("--probe-timeout", type=float, default=PROBE_TIMEOUT_S,
                   help=f"seconds allowed per probe build (N={PROBE_N}) that checks each "
                        "variant builds at all before the real runs (default %(default)s)")
    p.add_argument("--generate-only", action="store_true",
                   help="write the crates for the first N and stop")
    p.add_argument("--output", default=None,
                   help="Markdown report path (default bench/results.md; not written with --quick)")
    args = p.parse_args(argv)
    args.argv = argv
    if args.quick:
        args.n, args.reps = "50", 1
        if args.variants is None:
            args.variants = "baseline,objfp"
    return args


def main(argv: list[str]) -> int:
    global BUILD_TIMEOUT_S
    args = parse_args(argv)
    BUILD_TIMEOUT_S = args.timeout
    try:
        ns = [int(x) for x in args.n.split(",") if x.strip()]
    except ValueError:
        print(f"error: --n must be comma-separated integers, got {args.n!r}", file=sys.stderr)
        return 2
    if not ns or min(ns) < 5 or args.reps < 0 or (
            args.reps == 0 and not (args.callgrind or args.self_profile)):
        print("error: need N >= 5 and --reps >= 1 (0 only with --callgrind or --self-profile)",
              file=sys.stderr)
        return 2
    if shutil.which("cargo") is None:
        print("error: cargo not found on PATH", file=sys.stderr)
        return 2

    GEN.mkdir(parents=True, exist_ok=True)
    # One run at a time: runs share bench/generated/ and would overwrite each other's crates.
    lock = open(GEN / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("error: another bench run is using bench/generated/ (lock held); wait for it",
              file=sys.stderr)
        return 2
    log_dir = GEN / "logs"
    log_dir.mkdir(exist_ok=True)
    os.chmod(WRAPPER, 0o755)

    objfp_src = GEN / "objfp-src"
    try:
        refs = [parse_ref_spec(r) for r in args.objfp_ref]
        for r in refs:
            git_commit(r.base)
            for o, _ in r.overlays:
                git_commit(o)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if len({r.name for r in refs}) != len(refs):
        print("error: two --objfp-ref with one label", file=sys.stderr)
        return 2
    variants = all_variants(objfp_src, refs)
    if args.variants:
        wanted = [w.strip() for w in args.variants.split(",") if w.strip()]
        wanted += [r.name for r in refs if r.name not in wanted]
        known = {v.name for v in variants}
        bad = [w for w in wanted if w not in known]
        if bad:
            print(f"error: unknown variant(s) {bad}; known: {sorted(known)}", file=sys.stderr)
            return 2
        variants = [v for v in variants if v.name in wanted]

    provenance = objfp_provenance()
    src_digests: dict[str, str] = {}
    if any(v.name in ("objfp", "objfp-unforced") for v in variants):
        digest = snapshot_objfp(objfp_src)
        provenance += f" (snapshot content hash {digest})"
        src_digests["objfp"] = src_digests["objfp-unforced"] = digest
    ref_descs = {}
    for r in refs:
        try:
            ref_descs[r.name] = snapshot_ref(r)
            src_digests[r.name] = (r.src_dir / ".ref").read_text()
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    try:
        cg_ns = ([int(x) for x in args.callgrind_n.split(",") if x.strip()]
                 if args.callgrind_n else [n for n in ns if n <= 500])
    except ValueError:
        print("error: --callgrind-n must be comma-separated integers", file=sys.stderr)
        return 2
    tool = None
    if args.self_profile:
        tool = build_profile_tool()
        if tool is None:
            return 2

    models = {n: Generator(n, args.seed).generate() for n in ns}
    if args.generate_only:
        for v in variants:
            write_crate(models[ns[0]], v)
            print(crate_dir(v))
        return 0

    results: dict[tuple[int, str], list[Sample]] = {}
    failures: dict[tuple[int, str], str] = {}
    tp_summaries: dict[tuple[int, str], list[tuple[float, str]]] = {}
    profiles: dict[tuple[int, str], Profile] = {}
    callgrind: dict[tuple[int, str], int] = {}
    callgrind_dates: set[str] = set()
    info = machine_info()
    print(f"# {info['cpu']}, {info['nproc']} cores; {info['rustc']}", file=sys.stderr)

    # Probe: does each variant build at all (small N, short timeout)? Peers that do not
    # are skipped for every N with the reason, instead of failing slowly at N=2000.
    probe = Generator(min(PROBE_N, min(ns)), args.seed).generate()
    if any(v.peer for v in variants):
        print(f"== probe: does each peer build? (N={probe.n}; first run also fetches and "
              "builds dependencies)", file=sys.stderr)
    probed: list[Variant] = [v for v in variants if not v.peer]
    for v in [v for v in variants if v.peer]:
        t0 = time.perf_counter()
        o = prepare(probe, v, log_dir, timeout=max(args.probe_timeout, 1), tag="probe",
                    error_grace=60)
        dt = time.perf_counter() - t0
        if o.ok:
            print(f"   {v.name:20} ok ({dt:.1f}s)", file=sys.stderr)
            probed.append(v)
            continue
        label = "SKIPPED (peer does not build)" if v.peer else "FAILED TO BUILD"
        print(f"   {v.name:20} {label}: {o.reason}\n   {'':20} full log: {o.log}",
              file=sys.stderr)
        for n in ns:
            failures[(n, v.name)] = f"(probe, N={probe.n}) {o.reason}"
    variants_run = [v for v in variants if v in probed]  # keep the declared order

    pending_cg: list[tuple[int, list[Variant]]] = []
    for n in ns:
        m = models[n]
        print(f"== N={n}: preparing (untimed builds of dependencies and of each crate once)",
              file=sys.stderr)
        ok: list[Variant] = []
        for v in variants_run:
            t0 = time.perf_counter()
            o = prepare(m, v, log_dir, error_grace=120)
            dt = time.perf_counter() - t0
            if o.ok:
                print(f"   {v.name:16} ok ({dt:.1f}s)", file=sys.stderr)
                ok.append(v)
            else:
                failures[(n, v.name)] = o.reason
                label = "SKIPPED (peer does not build)" if v.peer else "FAILED TO BUILD"
                print(f"   {v.name:16} {label}: {o.reason}\n   {'':16} full log: {o.log}",
                      file=sys.stderr)
        for rep in range(args.reps):
            if args.wait_quiet is not None:
                busy = wait_quiet(args.wait_quiet, args.wait_max, f"N={n} rep {rep + 1}",
                                  args.wait_load if rep == 0 else None)
                print(f"   N={n} rep {rep + 1}: other processes use "
                      f"{fmt(busy, '.2f')} cores, load {os.getloadavg()[0]:.2f}",
                      file=sys.stderr)
            for v in list(ok):
                r = measure(m, v, log_dir, rep)
                if isinstance(r, Sample):
                    results.setdefault((n, v.name), []).append(r)
                    print(f"   rep {rep + 1}/{args.reps} {v.name:16} cargo {r.cargo_s:7.2f}s  "
                          f"rustc {r.rustc_s:7.2f}s  {r.maxrss_mib:6.0f} MiB", file=sys.stderr)
                else:
                    failures[(n, v.name)] = r.reason
                    results.pop((n, v.name), None)
                    ok.remove(v)
                    print(f"   {v.name}: {r.reason}", file=sys.stderr)
        if args.time_passes:
            for v in ok:
                tp_summaries[(n, v.name)] = time_passes_run(m, v, log_dir)
        if args.self_profile and tool is not None:
            for v in ok:
                pr = self_profile_run(m, v, log_dir, tool)
                if pr is not None:
                    profiles[(n, v.name)] = pr
                    b = pr.buckets
                    print(f"   self-profile {v.name:16} expansion {b.get('expansion', 0):6.2f}s  "
                          f"const eval {b.get('const_eval', 0):6.2f}s  rest {b.get('rest', 0):6.2f}s",
                          file=sys.stderr)
        if args.callgrind and n in cg_ns:
            pending_cg.append((n, list(ok)))

    # Instruction counts last, so that valgrind's long runs do not disturb the timed builds.
    for n, ok in pending_cg:
        print(f"== N={n}: callgrind", file=sys.stderr)
        for v in ok:
            got = callgrind_run(models[n], v, log_dir, src_digests.get(v.name, ""),
                                reuse=not args.callgrind_fresh)
            if got is not None:
                callgrind[(n, v.name)] = got[0]
                callgrind_dates.add(got[1])

    versions = {}
    for v in variants:
        vs = resolved_versions(v)
        keep = {"baseline": [], "serde": ["serde", "serde_derive"],
                "objfp": ["objfp", "objfp-derive", "syn"],
                **{r.name: ["objfp", "objfp-derive", "syn"] for r in refs},
                "objfp-unforced": ["objfp", "objfp-derive", "syn"],
                "postcard-schema": ["postcard-schema", "postcard-derive"],
                "bincode-next": ["bincode-next", "bincode_derive-next"],
                "bincode-next-manual": ["bincode-next", "bincode_derive-next"],
                "stabby": ["stabby", "stabby-abi", "stabby-macros"]}.get(v.name, [])
        versions[v.name] = {k: vs[k] for k in keep if k in vs}

    report = build_report(args, ns, variants, results, failures,
                          {n: model_stats(models[n]) for n in ns}, info, versions,
                          provenance, tp_summaries, callgrind, profiles, ref_descs,
                          callgrind_dates)
    print(report)
    if not args.quick or args.output:
        out = Path(args.output) if args.output else RESULTS_MD
        out.write_text(report)
        print(f"(written to {out})", file=sys.stderr)
    (GEN / "results.json").write_text(json.dumps({
        "samples": {f"{n}:{name}": [s.__dict__ for s in ss] for (n, name), ss in results.items()},
        "callgrind_instructions": {f"{n}:{name}": ir for (n, name), ir in callgrind.items()},
        "self_profile": {f"{n}:{name}": pr.__dict__ for (n, name), pr in profiles.items()},
    }, indent=1))

    objfp_failed = any(name.startswith("objfp") for (_, name) in failures)
    if objfp_failed:
        print("\nThe objfp variant did not build: see 'Variants that did not build' above and "
              "the full log under bench/generated/logs/.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
