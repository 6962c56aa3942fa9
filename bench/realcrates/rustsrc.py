"""A small Rust source reader for bench/realcrates: enough to find wire types and their fields.

Standard library only. It does not parse Rust; it lexes it (comments, strings, raw strings,
char literals and lifetimes are told apart, so a `#[derive(Serialize)]` inside a doc comment
or a raw string is never touched), matches brackets, and walks the item structure of a file:
attributes, visibility, `struct`/`enum`/`union` items with their generics, fields and
variants, `mod` declarations (inline and file), `macro_rules!` templates, and the items that
are skipped (function bodies, macro invocations, `impl` and `trait` blocks).

Positions are character offsets into the text; `line_col` turns one into rustc's 1-based
line and column (rustc counts columns in characters).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# ----------------------------------------------------------------------------------------
# Lexer
# ----------------------------------------------------------------------------------------

IDENT = "ident"
LIFETIME = "lifetime"
LITERAL = "literal"
PUNCT = "punct"

_ident_start = re.compile(r"[A-Za-z_\u00c0-\uffff]")
_ident_rest = re.compile(r"[A-Za-z0-9_\u00c0-\uffff]*")
_number = re.compile(r"[0-9][0-9A-Za-z_]*(\.[0-9][0-9A-Za-z_]*)?")


@dataclass
class Tok:
    kind: str
    text: str
    start: int
    end: int


class LexError(Exception):
    pass


def _raw_string_end(text: str, i: int) -> int:
    """`i` at the first `#` or `"` after the `r`; returns the offset after the literal."""
    hashes = 0
    while i < len(text) and text[i] == "#":
        hashes += 1
        i += 1
    if i >= len(text) or text[i] != '"':
        return -1
    close = '"' + "#" * hashes
    j = text.find(close, i + 1)
    if j < 0:
        raise LexError(f"unterminated raw string at {i}")
    return j + len(close)


def _quoted_end(text: str, i: int, quote: str) -> int:
    """`i` at the opening quote; returns the offset after the closing quote."""
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == quote:
            return j + 1
        j += 1
    raise LexError(f"unterminated literal at {i}")


def lex(text: str) -> list[Tok]:
    toks: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth += 1
                    j += 2
                elif text.startswith("*/", j):
                    depth -= 1
                    j += 2
                else:
                    j += 1
            i = j
            continue
        if _ident_start.match(c):
            m = _ident_rest.match(text, i + 1)
            j = m.end()
            word = text[i:j]
            nxt = text[j] if j < n else ""
            if word in ("r", "br", "cr") and nxt in ('"', "#"):
                end = _raw_string_end(text, j)
                if end > 0:
                    toks.append(Tok(LITERAL, text[i:end], i, end))
                    i = end
                    continue
                if word == "r" and nxt == "#":  # raw identifier r#name
                    m2 = _ident_rest.match(text, j + 1)
                    toks.append(Tok(IDENT, text[i : m2.end()], i, m2.end()))
                    i = m2.end()
                    continue
            if word in ("b", "c") and nxt == '"':
                end = _quoted_end(text, j, '"')
                toks.append(Tok(LITERAL, text[i:end], i, end))
                i = end
                continue
            if word == "b" and nxt == "'":
                end = _quoted_end(text, j, "'")
                toks.append(Tok(LITERAL, text[i:end], i, end))
                i = end
                continue
            toks.append(Tok(IDENT, word, i, j))
            i = j
            continue
        if c.isdigit():
            m = _number.match(text, i)
            j = m.end()
            # `1..2` and `x.0.1`: a dot followed by a dot or by a non-digit is not ours.
            toks.append(Tok(LITERAL, text[i:j], i, j))
            i = j
            continue
        if c == '"':
            end = _quoted_end(text, i, '"')
            toks.append(Tok(LITERAL, text[i:end], i, end))
            i = end
            continue
        if c == "'":
            if i + 1 < n and text[i + 1] == "\\":
                end = _quoted_end(text, i, "'")
                toks.append(Tok(LITERAL, text[i:end], i, end))
                i = end
                continue
            if i + 2 < n and text[i + 2] == "'":
                toks.append(Tok(LITERAL, text[i : i + 3], i, i + 3))
                i += 3
                continue
            m = _ident_rest.match(text, i + 1)
            toks.append(Tok(LIFETIME, text[i : m.end()], i, m.end()))
            i = m.end()
            continue
        toks.append(Tok(PUNCT, c, i, i + 1))
        i += 1
    return toks


def match_groups(toks: list[Tok]) -> dict[int, int]:
    """Index of each opening `(`/`[`/`{` to its closing partner (and back)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    closers = set(pairs.values())
    stack: list[int] = []
    out: dict[int, int] = {}
    for k, t in enumerate(toks):
        if t.kind != PUNCT:
            continue
        if t.text in pairs:
            stack.append(k)
        elif t.text in closers:
            if not stack or pairs[toks[stack[-1]].text] != t.text:
                raise LexError(f"unbalanced {t.text!r} at offset {t.start}")
            o = stack.pop()
            out[o] = k
            out[k] = o
    if stack:
        raise LexError(f"unclosed {toks[stack[-1]].text!r} at offset {toks[stack[-1]].start}")
    return out


class LineIndex:
    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, off: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, off) - 1
        return line + 1, off - self.starts[line] + 1


# ----------------------------------------------------------------------------------------
# Items
# ----------------------------------------------------------------------------------------

SERDE_DERIVES = {"Serialize", "Deserialize", "Serialize_repr", "Deserialize_repr"}
SERDE_PATH_PREFIXES = {"", "serde", "serde_derive", "serde_repr"}


@dataclass
class Attr:
    start: int  # offset of `#`
    end: int  # offset after `]`
    text: str
    lo: int  # token index of `#`
    hi: int  # token index of `]`


@dataclass
class Field:
    name: str  # identifier, or the index of a tuple field
    start: int  # first attribute or first token
    end: int
    body_start: int  # first token after the attributes (where an annotation goes)
    type_idents: list[str]
    serde_skip: bool
    attrs_text: str
    type_text: str = ""


@dataclass
class Variant:
    name: str
    start: int
    end: int
    fields: list[Field]
    style: str  # named, tuple, unit
    attrs_text: str


@dataclass
class TypeItem:
    name: str
    qual: str  # inline-module path + name (`a::b::Name`), file-relative
    kind: str  # struct, enum, union
    start: int  # first outer attribute
    end: int  # after the closing `}` or `;`
    item_start: int  # first token after the attributes (visibility or keyword)
    generics: list[str]  # "type", "const", "lifetime" per parameter
    cfgs: list[str]  # texts of `#[cfg(...)]` on the item
    serde_derive: bool
    derive_cfg: str | None  # predicate of the `cfg_attr` holding the serde derive
    derive_insert: int | None  # where `, objfp::TypeFingerprint` goes
    derive_insert_text: str
    already: bool  # derives TypeFingerprint already
    fields: list[Field] = field(default_factory=list)  # struct fields
    variants: list[Variant] = field(default_factory=list)
    fp_token: tuple[int, int] | None = None  # offset range of `TypeFingerprint` in derive
    in_macro_rules: bool = False
    attrs_text: str = ""

    @property
    def is_generic(self) -> bool:
        return any(g in ("type", "const") for g in self.generics)


@dataclass
class ModDecl:
    name: str
    inline_path: list[str]  # inline modules enclosing the declaration
    path_attr: str | None
    cfg_test: bool


@dataclass
class Skipped:
    where: str  # "fn body", "macro invocation", "cfg(test)"
    offset: int


@dataclass
class FileItems:
    types: list[TypeItem]
    mods: list[ModDecl]
    skipped: list[Skipped]
    aliases: dict[str, list[str]] = field(default_factory=dict)  # `type X = ..;` -> idents


def _attr_inner_tokens(toks, a: Attr):
    # `#` `[` ... `]`
    return a.lo + 2, a.hi


def _split_commas(toks, groups, lo, hi, angle=False):
    """Token index ranges between top-level commas in [lo, hi)."""
    out = []
    start = lo
    depth = 0
    k = lo
    while k < hi:
        t = toks[k]
        if t.kind == PUNCT and t.text in "([{":
            k = groups[k] + 1
            continue
        if angle and t.kind == PUNCT:
            prev = toks[k - 1] if k > lo else None
            joined = prev is not None and prev.end == t.start and prev.text in "-="
            if t.text == "<":
                depth += 1
            elif t.text == ">" and not joined:
                depth = max(0, depth - 1)
        if t.kind == PUNCT and t.text == "," and depth == 0:
            out.append((start, k))
            start = k + 1
        k += 1
    if start < hi:
        out.append((start, hi))
    return out


def _path_text(toks, lo, hi) -> str:
    return "".join(t.text for t in toks[lo:hi])


def _is_serde_derive(path: str) -> bool:
    path = path.lstrip(":")
    head, _, last = path.rpartition("::")
    return last in SERDE_DERIVES and head in SERDE_PATH_PREFIXES


def _find_derive(toks, groups, lo, hi, cfg: str | None):
    """Yields (derive-group-open-index, cfg predicate) for `derive(...)` in an attribute."""
    k = lo
    while k < hi:
        t = toks[k]
        if t.kind == IDENT and t.text == "derive" and k + 1 < hi and toks[k + 1].text == "(":
            yield k + 1, cfg
            k = groups[k + 1] + 1
            continue
        if t.kind == IDENT and t.text == "cfg_attr" and k + 1 < hi and toks[k + 1].text == "(":
            close = groups[k + 1]
            parts = _split_commas(toks, groups, k + 2, close)
            if parts:
                pred = _src(toks, parts[0])
                inner_cfg = pred if cfg is None else f"all({cfg}, {pred})"
                for plo, phi in parts[1:]:
                    yield from _find_derive(toks, groups, plo, phi, inner_cfg)
            k = close + 1
            continue
        k += 1


_TEXT: list[str] = [""]


def _src(toks, rng) -> str:
    lo, hi = rng
    if lo >= hi:
        return ""
    return _TEXT[0][toks[lo].start : toks[hi - 1].end]


def scan_file(text: str) -> FileItems:
    toks = lex(text)
    groups = match_groups(toks)
    _TEXT[0] = text
    out = FileItems([], [], [])
    _scan(toks, groups, 0, len(toks), [], out, text, mode="items")
    return out


def _collect_attrs(toks, groups, k, hi):
    attrs = []
    while k + 1 < hi and toks[k].text == "#" and toks[k].kind == PUNCT:
        j = k + 1
        inner = False
        if toks[j].text == "!":
            inner = True
            j += 1
        if j < hi and toks[j].text == "[":
            close = groups[j]
            if not inner:
                attrs.append(Attr(toks[k].start, toks[close].end, _TEXT[0][toks[k].start : toks[close].end], k, close))
            k = close + 1
        else:
            break
    return attrs, k


def _attr_is(a: Attr, name: str) -> bool:
    return re.match(r"#\s*\[\s*" + name + r"\b", a.text) is not None


def _skip_item(toks, groups, k, hi) -> int:
    """From an item's first token, the index after its end (`;` or a closing `}`)."""
    while k < hi:
        t = toks[k]
        if t.kind == PUNCT and t.text == ";":
            return k + 1
        if t.kind == PUNCT and t.text == "{":
            close = groups[k]
            if close + 1 < hi and toks[close + 1].text == ";":
                return close + 2
            return close + 1
        if t.kind == PUNCT and t.text in "([":
            k = groups[k] + 1
            continue
        k += 1
    return hi


def _skip_to_body_end(toks, groups, k, hi) -> int:
    """For `impl`/`trait`/`fn`/`extern {}`: after the first `{...}` group, or after `;`."""
    while k < hi:
        t = toks[k]
        if t.kind == PUNCT and t.text == ";":
            return k + 1
        if t.kind == PUNCT and t.text == "{":
            return groups[k] + 1
        if t.kind == PUNCT and t.text in "([":
            k = groups[k] + 1
            continue
        k += 1
    return hi


def _count_serde_derives(toks, groups, lo, hi) -> list[int]:
    """Offsets of serde derive lists in [lo, hi) (for skipped regions)."""
    found = []
    k = lo
    while k < hi:
        if toks[k].text == "#" and k + 1 < hi and toks[k + 1].text == "[":
            close = groups[k + 1]
            for dk, _ in _find_derive(toks, groups, k + 2, close, None):
                parts = _split_commas(toks, groups, dk + 1, groups[dk])
                if any(_is_serde_derive(_path_text(toks, a, b)) for a, b in parts):
                    found.append(toks[k].start)
            k = close + 1
            continue
        k += 1
    return found


def _scan(toks, groups, lo, hi, inline_path, out: FileItems, text, mode):
    k = lo
    while k < hi:
        attrs, k = _collect_attrs(toks, groups, k, hi)
        if k >= hi:
            break
        item_first = k
        cfg_test = any(re.fullmatch(r"#\s*\[\s*cfg\s*\(\s*test\s*\)\s*\]", a.text) for a in attrs)
        # visibility
        if toks[k].text == "pub":
            k += 1
            if k < hi and toks[k].text == "(":
                k = groups[k] + 1
        t = toks[k] if k < hi else None
        if t is None:
            break
        word = t.text if t.kind == IDENT else None
        if word in ("struct", "enum", "union") and k + 1 < hi and (
            toks[k + 1].kind == IDENT or toks[k + 1].text == "$"
        ):
            if cfg_test:
                for off in [attrs[0].start] if _has_serde(toks, groups, attrs) else []:
                    out.skipped.append(Skipped("cfg(test)", off))
                k = _skip_item(toks, groups, k, hi)
                continue
            k = _type_item(toks, groups, attrs, item_first, k, hi, inline_path, out, mode)
            continue
        if word == "mod" and k + 1 < hi and toks[k + 1].kind == IDENT:
            name = toks[k + 1].text
            if k + 2 < hi and toks[k + 2].text == ";":
                path_attr = None
                for a in attrs:
                    m = re.match(r'#\s*\[\s*path\s*=\s*"([^"]*)"', a.text)
                    if m:
                        path_attr = m.group(1)
                out.mods.append(ModDecl(name, list(inline_path), path_attr, cfg_test))
                k += 3
                continue
            if k + 2 < hi and toks[k + 2].text == "{":
                close = groups[k + 2]
                if cfg_test:
                    for off in _count_serde_derives(toks, groups, k + 3, close):
                        out.skipped.append(Skipped("cfg(test)", off))
                else:
                    _scan(toks, groups, k + 3, close, inline_path + [name], out, text, mode)
                k = close + 1
                continue
        if word == "macro_rules" and k + 2 < hi and toks[k + 1].text == "!":
            j = k + 2
            if toks[j].kind == IDENT:
                j += 1
            if j < hi and toks[j].text in "({[":
                close = groups[j]
                _scan_macro_rules(toks, groups, j + 1, close, inline_path, out)
                k = close + 1
                if k < hi and toks[k].text == ";":
                    k += 1
                continue
        # a macro invocation: path ! group
        j = k
        while j + 1 < hi and toks[j].kind == IDENT and toks[j + 1].text == ":" and j + 2 < hi and toks[j + 2].text == ":":
            j += 3
        if toks[j].kind == IDENT and j + 1 < hi and toks[j + 1].text == "!" and j + 2 < hi and toks[j + 2].text in "({[":
            close = groups[j + 2]
            for off in _count_serde_derives(toks, groups, j + 3, close):
                out.skipped.append(Skipped("macro invocation", off))
            k = close + 1
            if k < hi and toks[k].text == ";":
                k += 1
            continue
        # skip qualifiers
        while k < hi and toks[k].kind == IDENT and toks[k].text in ("unsafe", "async", "default", "extern", "safe"):
            k += 1
            if k < hi and toks[k].kind == LITERAL:
                k += 1
        if k < hi and toks[k].kind == IDENT and toks[k].text == "const" and k + 1 < hi and toks[k + 1].text == "fn":
            k += 1
        word = toks[k].text if k < hi and toks[k].kind == IDENT else None
        if word in ("fn", "impl", "trait"):
            end = _skip_to_body_end(toks, groups, k, hi)
            for off in _count_serde_derives(toks, groups, k, end):
                out.skipped.append(Skipped("fn body" if word == "fn" else f"{word} block", off))
            k = end
            continue
        if k < hi and toks[k].text == "{":  # extern block
            k = groups[k] + 1
            continue
        nk = _skip_item(toks, groups, k, hi)
        if word == "type" and k + 1 < hi and toks[k + 1].kind == IDENT and mode == "items":
            out.aliases[toks[k + 1].text] = [t.text for t in toks[k + 2 : nk] if t.kind == IDENT]
        k = max(nk, k + 1)


def _has_serde(toks, groups, attrs) -> bool:
    for a in attrs:
        for dk, _ in _find_derive(toks, groups, a.lo + 2, a.hi, None):
            parts = _split_commas(toks, groups, dk + 1, groups[dk])
            if any(_is_serde_derive(_path_text(toks, x, y)) for x, y in parts):
                return True
    return False


def _derive_info(toks, groups, attrs):
    """(serde?, cfg, insert offset, insert text, already, TypeFingerprint token range)."""
    best = None
    already = False
    fp_tok = None
    for a in attrs:
        for dk, cfg in _find_derive(toks, groups, a.lo + 2, a.hi, None):
            close = groups[dk]
            parts = _split_commas(toks, groups, dk + 1, close)
            paths = [_path_text(toks, x, y) for x, y in parts]
            for (x, y), p in zip(parts, paths):
                if p.lstrip(":").rpartition("::")[2] == "TypeFingerprint":
                    already = True
                    fp_tok = (toks[y - 1].start, toks[y - 1].end)
            if any(_is_serde_derive(p) for p in paths):
                trailing = close - 1 > dk and toks[close - 1].text == ","
                text = " objfp::TypeFingerprint" if trailing else ", objfp::TypeFingerprint"
                cand = (cfg, toks[close].start, text)
                if best is None or (best[0] is not None and cfg is None):
                    best = cand
    if best is None:
        return False, None, None, "", already, fp_tok
    return True, best[0], best[1], best[2], already, fp_tok


def _generics(toks, groups, k, hi):
    """`k` at `<`: (param kinds, index after `>`)."""
    depth = 0
    j = k
    start = k + 1
    params = []
    while j < hi:
        t = toks[j]
        if t.kind == PUNCT and t.text in "([{":
            j = groups[j] + 1
            continue
        if t.kind == PUNCT and t.text == "<":
            depth += 1
        elif t.kind == PUNCT and t.text == ">" and not (toks[j - 1].end == t.start and toks[j - 1].text in "-="):
            depth -= 1
            if depth == 0:
                params.append((start, j))
                break
        elif t.kind == PUNCT and t.text == "," and depth == 1:
            params.append((start, j))
            start = j + 1
        j += 1
    kinds = []
    for a, b in params:
        if a >= b:
            continue
        if toks[a].kind == LIFETIME:
            kinds.append("lifetime")
        elif toks[a].text == "const":
            kinds.append("const")
        else:
            kinds.append("type")
    return kinds, j + 1


def _fields(toks, groups, lo, hi, named: bool) -> list[Field]:
    out = []
    for idx, (a, b) in enumerate(_split_commas(toks, groups, lo, hi, angle=True)):
        fattrs, k = _collect_attrs(toks, groups, a, b)
        if k >= b:
            continue
        body = k
        if toks[k].text == "pub":
            k += 1
            if k < b and toks[k].text == "(" and named:
                k = groups[k] + 1
            elif k < b and toks[k].text == "(" and not named:
                # `pub(crate) T` in a tuple field: a group right after `pub` is visibility
                k = groups[k] + 1
        if named:
            name = toks[k].text
            k += 2  # ident :
        else:
            name = str(idx)
        idents = [t.text for t in toks[k:b] if t.kind == IDENT]
        attrs_text = " ".join(x.text for x in fattrs)
        skip = any(
            _attr_is(x, "serde") and re.search(r"\bskip\b(?!_)", x.text) for x in fattrs
        )
        out.append(
            Field(
                name=name,
                start=toks[a].start,
                end=toks[b - 1].end,
                body_start=toks[body].start,
                type_idents=idents,
                serde_skip=skip,
                attrs_text=attrs_text,
                type_text=_src(toks, (k, b)),
            )
        )
    return out


def _type_item(toks, groups, attrs, item_first, k, hi, inline_path, out: FileItems, mode) -> int:
    kind = toks[k].text
    k += 1
    if toks[k].text == "$":
        name = "$" + toks[k + 1].text
        k += 2
    else:
        name = toks[k].text
        k += 1
    generics: list[str] = []
    if k < hi and toks[k].text == "<":
        generics, k = _generics(toks, groups, k, hi)
    serde, dcfg, ins, ins_text, already, fp_tok = _derive_info(toks, groups, attrs)
    cfgs = [a.text for a in attrs if _attr_is(a, "cfg")]
    start = attrs[0].start if attrs else toks[item_first].start
    item = TypeItem(
        name=name,
        qual="::".join(inline_path + [name]),
        kind=kind,
        start=start,
        end=0,
        item_start=toks[item_first].start,
        generics=generics,
        cfgs=cfgs,
        serde_derive=serde,
        derive_cfg=dcfg,
        derive_insert=ins,
        derive_insert_text=ins_text,
        already=already,
        fp_token=fp_tok,
        in_macro_rules=(mode == "macro_rules"),
        attrs_text=" ".join(a.text for a in attrs),
    )
    # body
    end_k = None
    while k < hi:
        t = toks[k]
        if t.kind == PUNCT and t.text == ";":
            end_k = k
            break
        if t.kind == PUNCT and t.text == "(" and kind == "struct":
            close = groups[k]
            if mode != "macro_rules":
                item.fields = _fields(toks, groups, k + 1, close, named=False)
            k = close + 1
            continue
        if t.kind == PUNCT and t.text == "{":
            close = groups[k]
            if mode != "macro_rules":
                if kind == "enum":
                    item.variants = _variants(toks, groups, k + 1, close)
                else:
                    item.fields = _fields(toks, groups, k + 1, close, named=True)
            end_k = close
            break
        if t.kind == PUNCT and t.text == "[":
            k = groups[k] + 1
            continue
        k += 1
    if end_k is None:
        end_k = hi - 1
    item.end = toks[end_k].end
    out.types.append(item)
    return end_k + 1


def _variants(toks, groups, lo, hi) -> list[Variant]:
    out = []
    for a, b in _split_commas(toks, groups, lo, hi):
        vattrs, k = _collect_attrs(toks, groups, a, b)
        if k >= b:
            continue
        name = toks[k].text
        k += 1
        style = "unit"
        fields: list[Field] = []
        if k < b and toks[k].text == "(":
            style = "tuple"
            fields = _fields(toks, groups, k + 1, groups[k], named=False)
        elif k < b and toks[k].text == "{":
            style = "named"
            fields = _fields(toks, groups, k + 1, groups[k], named=True)
        out.append(
            Variant(name, toks[a].start, toks[b - 1].end, fields, style, " ".join(x.text for x in vattrs))
        )
    return out


def _scan_macro_rules(toks, groups, lo, hi, inline_path, out: FileItems):
    """Inside a `macro_rules!`: derive lists on `struct`/`enum` templates (fields unparsed)."""
    k = lo
    while k < hi:
        t = toks[k]
        if t.text == "#" and k + 1 < hi and toks[k + 1].text == "[":
            attrs, j = _collect_attrs(toks, groups, k, hi)
            item_first = j
            if j < hi and toks[j].text == "pub":
                j += 1
                if j < hi and toks[j].text == "(":
                    j = groups[j] + 1
            if j + 1 < hi and toks[j].text in ("struct", "enum") and (
                toks[j + 1].kind == IDENT or toks[j + 1].text == "$"
            ):
                if _has_serde(toks, groups, attrs):
                    k = _type_item(toks, groups, attrs, item_first, j, hi, inline_path, out, "macro_rules")
                    continue
            k = max(j, k + 1)
            continue
        k += 1
