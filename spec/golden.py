#!/usr/bin/env python3
"""Golden vectors of the objfp canonical encoding (`objfp/2`), computed from SPEC.md alone.

Python 3.11, standard library only (hashlib, struct).

Every vector is built from the Rust source shown in its SPEC.md heading: the heading's
code spans are parsed by the small Rust-subset parser below (structs, enums, traits, the
serde / fingerprint / repr / cfg attributes the vectors use, and type expressions), and the
pre-image is then built from SPEC.md's rules:

  * §2 notation, §3 the two pre-image layouts (pad64 for struct / enum / interface nodes),
  * §4 node kinds, §5 type expressions (tuple-of-one-type rule, the 32-byte / 4-ref size
    limit applied from the inside out, transparent std types),
  * §6 structs, §7 enums, §8 recursion groups ('r' / 'g' nodes, positions by local0),
  * §10 serde attributes (wire names and rename rules, function names, the attrs table),
  * §10b the well-known helpers the vectors use (chrono's `ts_*`, `serde_bytes`, serde_with's
    `As::<T>` with `Vec`, `Option`, `DisplayFromStr`, `Duration*`), §12b `DateTime`,
  * §5.1 std structs and enums and the address 'h' nodes, §11 generics (type and const
    parameters), `opaque`, `as`, `from` / `into`,
  * §11 the order in which objfp's own attributes combine, §12 interfaces (futures, typed
    receivers, `cfg` / `cfg_attr`) and 'I' nodes.

No byte of SPEC.md's printed pre-images or fingerprints is used.

Usage: `python3 spec/golden.py`. (§10.2 rule 3 once read "while it starts with one of the
words"; SPEC.md now says the leftmost segment must *be* one of them, FINDINGS.md F1.)

Output notation (printed at the top too): hex parts separated by single spaces; MAGIC is
`6f626a66702f32`; the tag is its own part; each u8 / u32 / u64 / i128 and each str(s)
(length prefix and bytes together) of a body is its own part; the zero padding of pad64 is
written `00…(N)` for N zero bytes (`00…(0)` when the padded part is already a multiple of 64
bytes); each type expression (its tokens then its refs) and each fingerprint is one part.
Vectors whose pre-image mentions derived inner nodes show the pre-image of their outermost
node only, with the inner fingerprints inline; the lines between the heading and the block
say which inner nodes they are and give their pre-images, each after the nodes it is built
over.
"""

import hashlib
import re
import struct

MAGIC = b"objfp/2"


# ----------------------------------------------------------------------------- §2 notation

def H(b):
    return hashlib.sha256(b).digest()


def u8(n):
    return bytes([n])


def u32(n):
    return struct.pack("<I", n)


def u64(n):
    return struct.pack("<Q", n)


def i128(n):
    return (n & ((1 << 128) - 1)).to_bytes(16, "little")


def s(text):
    b = text.encode("utf-8")
    return u32(len(b)) + b


class Pre:
    """A pre-image as a list of (bytes, displayed part)."""

    def __init__(self):
        self.parts = []

    def add(self, b, disp=None):
        self.parts.append((b, b.hex() if disp is None else disp))
        return self

    def raw(self):
        return b"".join(b for b, _ in self.parts)

    def pad64(self):
        n = (-len(self.raw())) % 64
        return self.add(b"\0" * n, "00…(%d)" % n)

    def hex(self):
        return " ".join(d for _, d in self.parts)

    def fp(self):
        return H(self.raw())


class Node:
    """A node: its fingerprint and pre-image, and the inner nodes worth showing."""

    def __init__(self, pre, inner=()):
        self.pre = pre
        self.fp = pre.fp()
        self.inner = list(inner)


def simple_node(tag, body_parts):
    p = Pre().add(MAGIC).add(tag)
    for b in body_parts:
        p.add(b)
    return Node(p)


def opaque(name):                     # x"name"
    return simple_node(b"x", [s(name)])


def rec(k):                           # §8 back-reference
    return simple_node(b"r", [u32(k)])


def pair_d(a, b):                     # d(A, B)
    return simple_node(b"d", [a, b])


# ------------------------------------------------------------------- §5 type expressions

class Expr:
    def __init__(self, tokens, refs=()):
        self.tokens = tokens
        self.refs = list(refs)

    def key(self):
        return (self.tokens, tuple(self.refs))

    def raw(self):
        return self.tokens + b"".join(self.refs)

    def is_ref(self):
        return self.tokens == b"R"


def e_node(e):
    """H(MAGIC 'e' tokens refs): the fingerprint of a spelled-out expression (§5 rule 4)."""
    p = Pre().add(MAGIC).add(b"e").add(e.tokens)
    for r in e.refs:
        p.add(r)
    return Node(p)


def fp_of(e):
    return e.refs[0] if e.is_ref() else e_node(e).fp


def R(fp):
    return Expr(b"R", [fp])


def limited(e, notes):
    """§5 rule 2: more than 32 token bytes or more than 4 refs -> a reference."""
    if len(e.tokens) > 32 or len(e.refs) > 4:
        n = e_node(e)
        notes.append(("the 'e' node of an expression over the size limit (§5 rule 2)", n))
        return R(n.fp)
    return e


def prim(code):
    return Expr(b"p" + u8(code))


def e_option(t, notes):
    return limited(Expr(b"o" + t.tokens, t.refs), notes)


def e_seq(t, notes):
    return limited(Expr(b"s" + t.tokens, t.refs), notes)


def e_map(k, v, notes):
    return limited(Expr(b"m" + k.tokens + v.tokens, k.refs + v.refs), notes)


def e_array(t, n, notes):
    return limited(Expr(b"a" + u64(n) + t.tokens, t.refs), notes)


def e_tuple(ts, notes):
    if len(ts) == 0:
        return prim(16)
    if all(t.key() == ts[0].key() for t in ts):      # rule 1: tuples of one type are arrays
        return e_array(ts[0], len(ts), notes)
    return limited(Expr(b"t" + u8(len(ts)) + b"".join(t.tokens for t in ts),
                        [r for t in ts for r in t.refs]), notes)


PRIMS = {
    "bool": 0, "i8": 1, "i16": 2, "i32": 3, "i64": 4, "isize": 4, "i128": 5,
    "u8": 6, "u16": 7, "u32": 8, "u64": 9, "usize": 9, "u128": 10,
    "f32": 11, "f64": 12, "char": 13, "str": 14, "String": 14, "Path": 14, "PathBuf": 14,
    "CStr": 15, "CString": 15,
    "NonZeroI8": 1, "NonZeroI16": 2, "NonZeroI32": 3, "NonZeroI64": 4, "NonZeroIsize": 4,
    "NonZeroI128": 5, "NonZeroU8": 6, "NonZeroU16": 7, "NonZeroU32": 8, "NonZeroU64": 9,
    "NonZeroUsize": 9, "NonZeroU128": 10,
}
SEQS = {"Vec", "VecDeque", "LinkedList", "BinaryHeap", "BTreeSet", "HashSet"}
MAPS = {"BTreeMap", "HashMap"}
TRANSPARENT = {"Box", "Rc", "Arc", "Cow", "Cell", "RefCell", "Mutex", "RwLock",
               "Wrapping", "Saturating", "Reverse"}


# ------------------------------------------------------------ a small Rust-subset parser

TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<life>'[A-Za-z_][A-Za-z0-9_]*)
  | (?P<ident>(?:r\#)?[^\W\d]\w*)
  | (?P<num>[0-9][0-9_]*)
  | (?P<punct>::|->|[\#\[\]\(\)\{\}<>,;:=&!\-+*.?])
""", re.VERBOSE)


def tokenize(src):
    out, pos = [], 0
    while pos < len(src):
        m = TOKEN_RE.match(src, pos)
        if not m:
            raise SyntaxError("cannot tokenize at %r" % src[pos:pos + 20])
        pos = m.end()
        kind = m.lastgroup
        if kind != "ws":
            out.append((kind, m.group()))
    return out


class Meta:
    """An attribute's meta item: a word, `path = "lit"`, or `path(list)`."""

    def __init__(self, path, value=None, items=None):
        self.path, self.value, self.items = path, value, items

    def __repr__(self):
        return "Meta(%r, %r, %r)" % (self.path, self.value, self.items)


class Ty:
    """Type AST: kind 'path' (segs: [(name, args)]), 'ref', 'tuple', 'array', 'slice'."""

    def __init__(self, kind, **kw):
        self.kind = kind
        self.__dict__.update(kw)


class Field:
    def __init__(self, ident, ty, attrs):
        self.ident, self.ty, self.attrs = ident, ty, attrs


class Variant:
    def __init__(self, ident, style, fields, attrs, disc):
        self.ident, self.style, self.fields, self.attrs, self.disc = ident, style, fields, attrs, disc


class TypeDef:
    def __init__(self, kind, name, attrs, style=None, fields=None, variants=None, params=()):
        self.kind, self.name, self.attrs = kind, name, attrs
        self.style, self.fields, self.variants = style, fields, variants
        self.params = list(params)        # [("type" | "const", name)]


class Method:
    def __init__(self, name, receiver, is_async, params, ret):
        self.name, self.receiver, self.is_async, self.params, self.ret = name, receiver, is_async, params, ret


class TraitDef:
    def __init__(self, name, attrs, methods, types, consts):
        self.name, self.attrs = name, attrs
        self.methods, self.types, self.consts = methods, types, consts


class Parser:
    def __init__(self, src):
        self.t = tokenize(src)
        self.i = 0

    def peek(self, k=0):
        j = self.i + k
        return self.t[j][1] if j < len(self.t) else None

    def next(self):
        tok = self.t[self.i][1]
        self.i += 1
        return tok

    def eat(self, v):
        if self.peek() == v:
            self.i += 1
            return True
        return False

    def expect(self, v):
        if not self.eat(v):
            raise SyntaxError("expected %r, found %r" % (v, self.peek()))

    def ident(self):
        kind, v = self.t[self.i]
        if kind != "ident":
            raise SyntaxError("expected an identifier, found %r" % v)
        self.i += 1
        return v

    def at_end(self):
        return self.i >= len(self.t)

    # attributes
    def path_text(self):
        segs = [self.ident()]
        while self.eat("::"):
            segs.append(self.ident())
        return "::".join(segs)

    def meta(self):
        path = self.path_text()
        if self.eat("="):
            kind, v = self.t[self.i]
            self.i += 1
            return Meta(path, value=v[1:-1] if kind == "str" else v)
        if self.eat("("):
            items = []
            while not self.eat(")"):
                items.append(self.meta())
                self.eat(",")
            return Meta(path, items=items)
        return Meta(path)

    def outer_attrs(self):
        attrs = []
        while self.peek() == "#":
            self.expect("#")
            self.expect("[")
            attrs.append(self.meta())
            self.expect("]")
        return attrs

    def generics(self):
        """`<T, const N: usize, 'a>`: the type and const parameters, in order."""
        params = []
        if self.eat("<"):
            while not self.eat(">"):
                if self.t[self.i][0] == "life":
                    self.i += 1
                elif self.eat("const"):
                    name = self.ident()
                    self.expect(":")
                    self.ty()
                    params.append(("const", name))
                else:
                    params.append(("type", self.ident()))
                    if self.eat(":"):             # bounds
                        while self.peek() not in (",", ">"):
                            self.next()
                self.eat(",")
        return params

    def skip_generics(self):
        if self.eat("<"):
            depth = 1
            while depth:
                v = self.next()
                depth += {"<": 1, ">": -1}.get(v, 0)

    # types
    def bounds(self):
        out = []
        while True:
            if self.t[self.i][0] == "life":
                self.i += 1
            else:
                self.eat("?")
                out.append(self.ty())
            if not self.eat("+"):
                return out

    def ty(self):
        if self.eat("impl"):
            return Ty("impl", bounds=self.bounds())
        if self.eat("dyn"):
            return Ty("dyn", bounds=self.bounds())
        if self.eat("&"):
            if self.t[self.i][0] == "life":
                self.i += 1
            mut = self.eat("mut")
            return Ty("ref", mut=mut, inner=self.ty())
        if self.eat("("):
            elems, trailing = [], False
            while not self.eat(")"):
                elems.append(self.ty())
                trailing = self.eat(",")
            if len(elems) == 1 and not trailing:
                return elems[0]                       # parenthesized type
            return Ty("tuple", elems=elems)
        if self.eat("["):
            inner = self.ty()
            if self.eat(";"):
                kind, v = self.t[self.i]
                self.i += 1
                n = int(v.replace("_", "")) if kind == "num" else v     # a const parameter
                self.expect("]")
                return Ty("array", inner=inner, n=n)
            self.expect("]")
            return Ty("slice", inner=inner)
        segs = []
        while True:
            name = self.ident()
            if name.startswith("r#"):
                name = name[2:]
            args = []
            if self.eat("<"):
                while not self.eat(">"):
                    if self.t[self.i][0] == "life":
                        self.i += 1               # lifetimes are not part of a shape
                    elif self.t[self.i][0] == "num":
                        args.append(Ty("const", value=int(self.next().replace("_", ""))))
                    elif self.t[self.i][0] == "ident" and self.peek(1) == "=":
                        bname = self.ident()      # an associated type binding: `Output = T`
                        self.expect("=")
                        args.append(Ty("binding", name=bname, ty=self.ty()))
                    else:
                        args.append(self.ty())
                    self.eat(",")
            segs.append((name, args))
            if not self.eat("::"):
                break
        return Ty("path", segs=segs)

    # items
    def fields(self, close, named):
        out = []
        while not self.eat(close):
            attrs = self.outer_attrs()
            self.eat("pub")
            ident = None
            if named:
                ident = self.ident()
                self.expect(":")
            out.append(Field(ident, self.ty(), attrs))
            self.eat(",")
        return out

    def disc_expr(self):
        if self.eat("("):
            v = self.disc_expr()
            self.expect(")")
            return v
        if self.eat("-"):
            return -self.disc_expr()
        kind, v = self.t[self.i]
        if kind != "num":
            raise SyntaxError("a discriminant that is not a literal is a compile error (§7)")
        self.i += 1
        return int(v.replace("_", ""))

    def item(self):
        attrs = self.outer_attrs()
        self.eat("pub")
        kw = self.next()
        if kw == "struct":
            name = self.ident()
            params = self.generics()
            if self.eat("{"):
                return TypeDef("struct", name, attrs, "n", self.fields("}", True), params=params)
            if self.eat("("):
                fs = self.fields(")", False)
                self.eat(";")
                return TypeDef("struct", name, attrs, "w" if len(fs) == 1 else "t", fs,
                               params=params)
            self.eat(";")
            return TypeDef("struct", name, attrs, "u", [], params=params)
        if kw == "enum":
            name = self.ident()
            params = self.generics()
            self.expect("{")
            vs = []
            while not self.eat("}"):
                vattrs = self.outer_attrs()
                ident = self.ident()
                if self.eat("{"):
                    style, fs = "n", self.fields("}", True)
                elif self.eat("("):
                    fs = self.fields(")", False)
                    style = "w" if len(fs) == 1 else "t"
                else:
                    style, fs = "u", []
                disc = self.disc_expr() if self.eat("=") else None
                vs.append(Variant(ident, style, fs, vattrs, disc))
                self.eat(",")
            return TypeDef("enum", name, attrs, variants=vs, params=params)
        if kw == "trait":
            return self.trait_rest(attrs)
        raise SyntaxError("unsupported item %r" % kw)

    def trait_rest(self, attrs):
        name = self.ident()
        self.skip_generics()
        self.expect("{")
        methods, types, consts = [], [], []
        while not self.eat("}"):
            iattrs = self.outer_attrs()
            present = cfg_present(iattrs)
            if self.eat("type"):
                tname = self.ident()
                while not self.eat(";"):          # bounds, where-clause, default: not counted
                    self.next()
                if present:
                    types.append(strip_raw(tname))
                continue
            if self.eat("const"):
                cname = self.ident()
                self.expect(":")
                cty = self.ty()
                while not self.eat(";"):          # a default value does not count
                    self.next()
                if present:
                    consts.append((strip_raw(cname), cty))
                continue
            is_async = self.eat("async")
            self.expect("fn")
            mname = strip_raw(self.ident())
            self.skip_generics()
            self.expect("(")
            receiver, params = "n", []
            first = True
            while not self.eat(")"):
                pattrs = self.outer_attrs()
                p_present = cfg_present(pattrs)
                rcv = self.receiver() if first else None
                if rcv is not None:
                    if p_present:
                        receiver = rcv
                else:
                    self.eat("mut")
                    self.ident()                      # parameter names do not count
                    self.expect(":")
                    pty = self.ty()
                    if p_present:
                        params.append(pty)
                first = False
                self.eat(",")
            ret = self.ty() if self.eat("->") else Ty("tuple", elems=[])
            while not self.eat(";"):                  # where-clauses do not count
                self.next()
            if present:
                methods.append(Method(mname, receiver, is_async, params, ret))
        return TraitDef(name, attrs, methods, types, consts)

    def receiver(self):
        """Parse a receiver if one is here (§12 Receivers); else None."""
        save = self.i
        if self.eat("&"):
            if self.t[self.i][0] == "life":
                self.i += 1
            mut = self.eat("mut")
            if self.eat("self"):
                return "m" if mut else "r"
            self.i = save
            return None
        self.eat("mut")
        if self.eat("self"):
            if not self.eat(":"):
                return "v"
            t = self.ty()
            if is_self(t):
                return "v"
            if t.kind == "ref" and is_self(t.inner):
                return "m" if t.mut else "r"
            return ("t", spell(t))
        self.i = save
        return None


def strip_raw(name):
    return name[2:] if name.startswith("r#") else name


def is_self(t):
    return t.kind == "path" and len(t.segs) == 1 and t.segs[0] == ("Self", [])


def spell(t):
    """§12: the spelling of a typed receiver's type."""
    if t.kind == "ref":
        return ("&mut " if t.mut else "&") + spell(t.inner)
    if t.kind == "path":
        name, args = t.segs[-1]
        return name + ("<" + ", ".join(spell(a) for a in args) + ">" if args else "")
    raise ValueError("receiver type not supported by this script")


def cfg_eval(m):
    """Evaluate a cfg predicate. Only `any`, `all`, `not` of known options."""
    if m.path == "any":
        return any(cfg_eval(x) for x in m.items)
    if m.path == "all":
        return all(cfg_eval(x) for x in m.items)
    if m.path == "not":
        return not cfg_eval(m.items[0])
    raise ValueError("cfg option %r unknown to this script" % m.path)


def cfg_holds(meta):
    return cfg_eval(meta.items[0])


def cfg_present(attrs):
    """§12 `#[cfg]`: `cfg(p)`, and `cfg_attr(q, cfg(p))`, which is `cfg(any(not(q), p))`."""
    for a in attrs:
        if a.path == "cfg" and not cfg_holds(a):
            return False
        if a.path == "cfg_attr":
            q = cfg_eval(a.items[0])
            for m in a.items[1:]:
                if m.path == "cfg" and q and not cfg_holds(m):
                    return False
    return True


def parse_item(src):
    p = Parser(src)
    item = p.item()
    assert p.at_end(), src
    if isinstance(item, TypeDef) and any(a.path == "serde_as" for a in item.attrs):
        serde_as_rewrite(item)
    return item


def serde_as_rewrite(d):
    """§10b: `#[serde_as]` rewrites `#[serde_as(as = "T")]` into
    `#[serde(with = "::serde_with::As::<T>")]`, `_` in `T` becoming `::serde_with::Same`, and
    adds `#[serde(default)]` when both `T` and the field type are `Option`."""
    fields = d.fields or [f for v in (d.variants or []) for f in v.fields]
    for f in fields:
        for a in list(f.attrs):
            if a.path != "serde_as" or not a.items:
                continue
            for m in a.items:
                if m.path == "as":
                    tt = re.sub(r"\b_\b", "::serde_with::Same", m.value)
                    items = [Meta("with", value="::serde_with::As::<%s>" % tt)]
                    at = parse_type(m.value)
                    if (at.kind == "path" and at.segs[-1][0] == "Option" and f.ty.kind == "path"
                            and f.ty.segs[-1][0] == "Option"):
                        items.append(Meta("default"))
                    f.attrs.append(Meta("serde", items=items))


def parse_type(src):
    p = Parser(src)
    t = p.ty()
    assert p.at_end(), src
    return t


# ---------------------------------------------------------------- attribute helpers (§10)

def metas(attrs, path):
    """All meta items inside `#[path(...)]` attributes."""
    out = []
    for a in attrs:
        if a.path == path and a.items is not None:
            out.extend(a.items)
    return out


def serde_get(attrs, key):
    for m in metas(attrs, "serde"):
        if m.path == key:
            return m
    return None


def serde_all(attrs, key):
    return [m for m in metas(attrs, "serde") if m.path == key]


def has(attrs, key):
    return serde_get(attrs, key) is not None


def fp_attr(attrs, key):
    for m in metas(attrs, "fingerprint"):
        if m.path == key:
            return m
    return None


def is_upper(c):
    return c.isupper()


def ascii_lower(x):
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in x)


def ascii_upper(x):
    return "".join(c.upper() if "a" <= c <= "z" else c for c in x)


def rename_variant(rule, name):
    """§10.1, the column for variants (written PascalCase)."""
    if rule == "lowercase":
        return ascii_lower(name)
    if rule == "UPPERCASE":
        return ascii_upper(name)
    if rule == "PascalCase":
        return name
    if rule == "camelCase":
        return ascii_lower(name[:1]) + name[1:]
    if rule in ("snake_case", "SCREAMING_SNAKE_CASE", "kebab-case", "SCREAMING-KEBAB-CASE"):
        out = ""
        for i, c in enumerate(name):
            if i > 0 and is_upper(c):
                out += "_"
            out += ascii_lower(c)
        if rule == "SCREAMING_SNAKE_CASE":
            out = ascii_upper(out)
        elif rule == "kebab-case":
            out = out.replace("_", "-")
        elif rule == "SCREAMING-KEBAB-CASE":
            out = ascii_upper(out).replace("_", "-")
        return out
    raise ValueError(rule)


def rename_field(rule, name):
    """§10.1, the column for fields (written snake_case)."""
    if rule in ("lowercase", "snake_case"):
        return name
    if rule in ("UPPERCASE", "SCREAMING_SNAKE_CASE"):
        return ascii_upper(name)
    if rule in ("PascalCase", "camelCase"):
        out, up = "", True
        for c in name:
            if c == "_":
                up = True
                continue
            out += ascii_upper(c) if up else c
            up = False
        return ascii_lower(out[:1]) + out[1:] if rule == "camelCase" else out
    if rule == "kebab-case":
        return name.replace("_", "-")
    if rule == "SCREAMING-KEBAB-CASE":
        return ascii_upper(name).replace("_", "-")
    raise ValueError(rule)


def directional(meta):
    """(serialize, deserialize) values of `key = ".."` or `key(serialize = .., deserialize = ..)`."""
    if meta is None:
        return None, None
    if meta.value is not None:
        return meta.value, meta.value
    ser = de = None
    for m in meta.items:
        if m.path == "serialize":
            ser = m.value
        elif m.path == "deserialize":
            de = m.value
    return ser, de


HELPER_WORDS = ("option", "opt", "vec", "serde", "serialize", "deserialize")


# §10.2 rule 3: the leftmost segment taken so far must *be* one of the words (whole
# segment, generic arguments included), and the extension never takes `crate`, `self` or
# `super`.
def is_helper_word(seg):
    return seg in HELPER_WORDS


def split_path(path):
    segs, depth, cur, i = [], 0, "", 0
    while i < len(path):
        if depth == 0 and path.startswith("::", i):
            segs.append(cur)
            cur = ""
            i += 2
            continue
        c = path[i]
        depth += {"<": 1, ">": -1}.get(c, 0)
        if not c.isspace():
            cur += c
        i += 1
    segs.append(cur)
    segs = [strip_raw(x.replace("::<", "<")) for x in segs if x != ""]
    return segs


def fn_name(path, key):
    """§10.2."""
    segs = split_path(path)
    # rule 1: turbofish `seg::<..>` stays with its segment, written without `::`
    joined = []
    for x in segs:
        if x.startswith("<") and joined:
            joined[-1] += x
        else:
            joined.append(x)
    segs = joined
    if key in ("serialize_with", "deserialize_with") and len(segs) > 1 \
            and segs[-1] in ("serialize", "deserialize"):
        segs = segs[:-1]
    i = len(segs) - 1
    name = segs[i]
    while i > 0 and is_helper_word(segs[i]) and segs[i - 1] not in ("crate", "self", "super"):
        i -= 1
        name = segs[i] + "::" + name
    return name


DEFAULT_PATHS = {"Default::default", "std::default::Default::default",
                 "core::default::Default::default"}


def default_value(meta):
    """§10.3 `default`: the three spellings of `Default::default`, with or without a leading
    `::`, and a qualified path read by its segments (`<T as Default>::default`)."""
    if meta.value is None:
        return ""
    path = meta.value.strip()
    if path.startswith("<"):  # `<T as Trait>::rest` is read as `Trait::rest`
        depth = 0
        for i, c in enumerate(path):
            depth += {"<": 1, ">": -1}.get(c, 0)
            if depth == 0:
                break
        qself, rest = path[1:i], path[i + 1:].strip()
        trait = re.split(r"\s+as\s+", qself)[-1] if re.search(r"\s+as\s+", qself) else ""
        path = trait.strip() + rest if trait else rest.lstrip(":")
    path = path.replace(" ", "")
    if path.startswith("::"):
        path = path[2:]
    if path in DEFAULT_PATHS:
        return ""
    return fn_name(meta.value, "default")


def attrs_bytes(pairs, pre=None):
    """attrs = u32(count) (str(key) str(value))*, sorted by key then value, deduplicated."""
    pairs = sorted(set((k.encode(), v.encode()) for k, v in pairs))
    out = [u32(len(pairs))]
    for k, v in pairs:
        out.append(u32(len(k)) + k)
        out.append(u32(len(v)) + v)
    return out


# ------------------------------------------------------------------- the type environment

class Env:
    """Named types known so far: name -> (Node or None, Expr)."""

    def __init__(self):
        self.types = {}
        self.defs = {}
        self.interfaces = {}
        self.cache = {}

    def expr(self, t, subst, notes, self_name=None):
        """§5: the type expression of a Ty. `subst` maps member names to rec nodes (§8)."""
        if t.kind == "ref":
            return self.expr(t.inner, subst, notes, self_name)      # &T, &mut T: transparent
        if t.kind == "tuple":
            return e_tuple([self.expr(x, subst, notes, self_name) for x in t.elems], notes)
        if t.kind == "array":
            n = subst[t.n] if isinstance(t.n, str) else t.n          # a const parameter
            return e_array(self.expr(t.inner, subst, notes, self_name), n, notes)
        if t.kind == "slice":
            return e_seq(self.expr(t.inner, subst, notes, self_name), notes)
        if t.kind != "path":
            raise ValueError("type %s has no shape here" % ty_text(t))
        name, args = t.segs[-1]
        if name == "Self" and self_name is not None:
            name = self_name
        if name in subst and isinstance(subst[name], Expr):        # a generic parameter (§11)
            return subst[name]
        if name in subst:
            label = 'S = fp(Self) = x"Self"' if name == "Self" else "the reference for " + name
            notes.append((label, subst[name]))
            return R(subst[name].fp)
        if name == "PhantomData":                  # §5.1: any T
            args = []
        if name in self.types and not args:
            node, ex = self.types[name]
            if node is not None and ex.is_ref():
                notes.append(("fp(%s)" % name, node))
            return ex
        template = self.defs.get(name) if name in self.defs else STD_DEFS.get(name)
        if template is not None and not template.params and name in self.defs:
            template = None
        if template is not None:
            return self.instantiate(template, t, args, subst, notes, self_name)
        if name in ADDRESSES:
            node = self.address(name)
            notes.append(("fp(%s)" % name, node))
            return R(node.fp)
        if name in THIRD_PARTY and name not in self.defs:
            node = opaque(THIRD_PARTY[name])
            notes.append(("fp(%s) = x\"%s\" (§12b)" % (ty_text(t), THIRD_PARTY[name]), node))
            return R(node.fp)
        a = [self.expr(x, subst, notes, self_name) for x in args]
        if name in PRIMS and not args:
            return prim(PRIMS[name])
        if name == "Option":
            return e_option(a[0], notes)
        if name in SEQS:
            return e_seq(a[0], notes)
        if name in MAPS:
            return e_map(a[0], a[1], notes)
        if name in TRANSPARENT:
            return a[0]
        raise KeyError("unknown type %r" % name)

    def instantiate(self, d, t, args, subst, notes, self_name):
        """§11 generics, §5.1 std structs and enums: the node of `Name<args>`, by reference."""
        inner = {}
        for (kind, pname), arg in zip(d.params, args):
            if kind == "const":
                inner[pname] = arg.value
            else:
                inner[pname] = self.expr(arg, subst, notes, self_name)
        key = (id(d),) + tuple(sorted((k, v.key() if isinstance(v, Expr) else v)
                                      for k, v in inner.items()))
        if key not in self.cache:
            own_notes = []
            node = own_node(d, self, inner, own_notes)
            node.inner = own_notes
            if d.name == "RangeInclusive" and d in STD_DEFS.values():
                # §5.1: `RangeInclusive` is the named node over its struct.
                struct = node
                node = n_node("inclusive-range", struct.fp)
                node.inner = [("R = fp(struct RangeInclusive) (§5.1)", struct)]
            self.cache[key] = node
        node = self.cache[key]
        notes.append(("fp(%s)" % ty_text(t), node))
        return R(node.fp)

    def address(self, name):
        """§5.1: the address types, `h(x"..", compact form)`."""
        human, compact = ADDRESSES[name]
        hnode = opaque(human)
        notes = []
        if compact.startswith("enum"):
            cnode = own_node(parse_item(compact), self, {}, notes)
            cfp, label = cnode.fp, "compact side of %s: %s" % (name, compact)
        else:
            ex = self.expr(parse_type(compact), {}, notes)
            cnode = e_node(ex)
            cfp, label = fp_of(ex), "compact side of %s: %s" % (name, compact)
        node = simple_node(b"h", [hnode.fp, cfp])
        node.inner = [("human-readable side of %s: x\"%s\"" % (name, human), hnode),
                      (label, cnode)]
        return node

    def mentions(self, t, names, self_name):
        """Does type `t` mention one of `names` (or Self)? (§8, 'Which mentions are members')."""
        if t.kind in ("ref", "array", "slice"):
            return self.mentions(t.inner, names, self_name)
        if t.kind == "tuple":
            return any(self.mentions(x, names, self_name) for x in t.elems)
        if t.kind != "path":
            return False
        name, args = t.segs[-1]
        if name == "PhantomData":
            return False
        if name in names or (name == "Self" and self_name in names):
            return True
        return any(self.mentions(x, names, self_name) for x in args)


def ty_text(t):
    """A type's spelling, for the labels of inner nodes."""
    if t.kind == "ref":
        return ("&mut " if t.mut else "&") + ty_text(t.inner)
    if t.kind == "tuple":
        return "(" + ", ".join(ty_text(x) for x in t.elems) + ("," if len(t.elems) == 1 else "") + ")"
    if t.kind == "array":
        return "[%s; %s]" % (ty_text(t.inner), t.n)
    if t.kind == "slice":
        return "[%s]" % ty_text(t.inner)
    if t.kind == "const":
        return str(t.value)
    if t.kind == "binding":
        return "%s = %s" % (t.name, ty_text(t.ty))
    if t.kind in ("impl", "dyn"):
        return t.kind + " " + " + ".join(ty_text(x) for x in t.bounds)
    return "::".join(n + ("<" + ", ".join(ty_text(a) for a in args) + ">" if args else "")
                     for n, args in t.segs)


# §5.1: the std types that are a struct or an enum, encoded as derived types (§6, §7).
STD_SOURCES = [
    "enum Result<T, E> { Ok(T), Err(E) }",
    "struct PhantomData;",
    "#[serde(deny_unknown_fields)] struct Duration { secs: u64, nanos: u32 }",
    "#[serde(deny_unknown_fields)] struct SystemTime { secs_since_epoch: u64, nanos_since_epoch: u32 }",
    "#[serde(deny_unknown_fields)] struct Range<T> { start: T, end: T }",
    "#[serde(deny_unknown_fields)] struct RangeInclusive<T> { start: T, end: T }",
    "#[serde(deny_unknown_fields)] struct RangeFrom<T> { start: T }",
    "#[serde(deny_unknown_fields)] struct RangeTo<T> { end: T }",
    "enum Bound<T> { Unbounded, Included(T), Excluded(T) }",
]
STD_DEFS = {d.name: d for d in map(parse_item, STD_SOURCES)}

# §5.1: the address types: (human-readable opaque name, compact form).
ADDRESSES = {
    "Ipv4Addr": ("ipv4-address", "[u8; 4]"),
    "Ipv6Addr": ("ipv6-address", "[u8; 16]"),
    "IpAddr": ("ip-address", "enum IpAddr { V4([u8; 4]), V6([u8; 16]) }"),
    "SocketAddrV4": ("socket-address-v4", "([u8; 4], u16)"),
    "SocketAddrV6": ("socket-address-v6", "([u8; 16], u16)"),
    "SocketAddr": ("socket-address", "enum SocketAddr { V4(([u8; 4], u16)), V6(([u8; 16], u16)) }"),
}

# §12b, the few third-party types the vectors use.
THIRD_PARTY = {"DateTime": "rfc3339-datetime"}

ENV = Env()


# --------------------------------------------------------------------------- §6 structs

def skipped_both(attrs):
    return has(attrs, "skip") or (has(attrs, "skip_serializing") and has(attrs, "skip_deserializing"))


def field_entry(f, env, subst, notes, self_name, rule=None, positional=False, newtype=False):
    """(name/attrs body parts, Expr) of a field on the wire, or None when left out."""
    a = f.attrs
    if fp_attr(a, "skip") is not None:
        return None
    if not newtype and skipped_both(a):
        return None
    pairs = []
    if newtype:                       # §6: a newtype's field has no attributes, empty name
        name = ""
    else:
        flatten = has(a, "flatten")
        if positional or flatten:
            name = ""
        else:
            ident = strip_raw(f.ident)
            ser, de = directional(serde_get(a, "rename"))
            base_ser = base_de = ident
            if rule is not None:
                rs, rd = rule
                if rs:
                    base_ser = rename_field(rs, ident)
                if rd:
                    base_de = rename_field(rd, ident)
            name = ser if ser is not None else base_ser
            read = de if de is not None else base_de
            accepts = set([read] + [m.value for m in serde_all(a, "alias")])
            if accepts != {name}:
                pairs += [("accepts", x) for x in accepts]
        if has(a, "skip_serializing") != has(a, "skip_deserializing"):
            pairs.append(("skip_serializing" if has(a, "skip_serializing") else "skip_deserializing", ""))
        m = serde_get(a, "skip_serializing_if")
        if m is not None:
            pairs.append(("skip_serializing_if", fn_name(m.value, "skip_serializing_if")))
        m = serde_get(a, "default")
        if m is not None:
            pairs.append(("default", default_value(m)))
    annotated = fp_attr(a, "opaque") is not None or fp_attr(a, "as") is not None
    own_notes = []
    if fp_attr(a, "opaque") is not None:
        node = opaque(fp_attr(a, "opaque").value)
        own_notes.append(('x"%s" (#[fingerprint(opaque)])' % fp_attr(a, "opaque").value, node))
        own = R(node.fp)
    elif fp_attr(a, "as") is not None:
        own = env.expr(parse_type(fp_attr(a, "as").value), subst, own_notes, self_name)
    else:
        own = env.expr(f.ty, subst, own_notes, self_name)
    written = read = own
    if not newtype:
        # §10.3 / §10b: the serializer and deserializer, each a well-known helper (its shape,
        # no attribute) or a function objfp does not know (its name is recorded).
        w = serde_get(a, "with")
        sm, dm = serde_get(a, "serialize_with"), serde_get(a, "deserialize_with")
        ser = sm.value if sm is not None else (w.value + "::serialize" if w is not None else None)
        de = dm.value if dm is not None else (w.value + "::deserialize" if w is not None else None)
        # A well-known helper's name is never recorded (§10b); an annotation gives the shape
        # instead of the helper's ("an annotation always wins").
        if ser is not None:
            shape = helper_shape(ser, f.ty, env, subst, [] if annotated else notes, self_name)
            if shape is not None:
                written = own if annotated else shape
            elif not annotated:
                raise ValueError("a serializer objfp does not know needs #[fingerprint(as|opaque)]")
            else:
                pairs.append(("serialize_with", fn_name(ser, "serialize_with")))
        if de is not None:
            shape = helper_shape(de, f.ty, env, subst, [] if annotated else notes, self_name)
            if shape is not None:
                read = own if annotated else shape
            else:
                pairs.append(("deserialize_with", fn_name(de, "deserialize_with")))
        if flatten:
            pairs.append(("flatten", ""))
    if own in (written, read):                # the field's own shape is used on a side
        notes.extend(own_notes)
    if written.key() != read.key():
        node = pair_d(fp_of(written), fp_of(read))
        node.inner = [(lbl, n) for lbl, n in (("written side", None if written.is_ref() else e_node(written)),
                                             ("read side", None if read.is_ref() else e_node(read)))
                      if n is not None]
        notes.append(("d(written, read) of field %s" % (f.ident or "(positional)"), node))
        ex = R(node.fp)
    else:
        ex = written
    return [s(name)] + attrs_bytes(pairs), ex


def n_node(name, inner_fp):              # n"name"(T)
    return simple_node(b"n", [s(name), inner_fp])


TS_HELPERS = {"ts_seconds": "unix-seconds", "ts_milliseconds": "unix-milliseconds",
              "ts_microseconds": "unix-microseconds", "ts_nanoseconds": "unix-nanoseconds"}


def helper_shape(path, fty, env, subst, notes, self_name):
    """§10b: the shape a well-known helper writes or reads, as a type expression; None for a
    function objfp does not know. Only the helpers the vectors use are implemented."""
    segs = [x for x in split_path(path)]
    joined = []
    for x in segs:
        if x.startswith("<") and joined:
            joined[-1] += x
        else:
            joined.append(x)
    segs = joined
    if len(segs) > 1 and segs[-1] in ("serialize", "deserialize"):
        segs = segs[:-1]
    last = segs[-1]
    base = last[:-len("_option")] if last.endswith("_option") else last
    if base in TS_HELPERS:
        node = n_node(TS_HELPERS[base], e_node(prim(PRIMS["i64"])).fp)
        notes.append(('n"%s"(i64) (§10b %s)' % (TS_HELPERS[base], last), node))
        return e_option(R(node.fp), notes) if last != base else R(node.fp)
    if last == "serde_bytes":
        def by_type(t):
            if t.kind == "path" and t.segs[-1][0] == "Option":
                return e_option(by_type(t.segs[-1][1][0]), notes)
            return prim(15)                   # bytes
        return by_type(fty)
    if last.startswith("As<") and last.endswith(">"):
        return serde_as_walk(parse_type(last[3:-1]), fty, env, subst, notes, self_name)
    return None


SERDE_WITH_DURATIONS = {"DurationSeconds": "duration-seconds",
                        "DurationMilliSeconds": "duration-milliseconds",
                        "DurationMicroSeconds": "duration-microseconds",
                        "DurationNanoSeconds": "duration-nanoseconds"}


def serde_as_walk(t, fty, env, subst, notes, self_name):
    """§10b, serde_with's `As::<T>`: `T` walked over the field type (the rows the vectors use)."""
    name, args = t.segs[-1] if t.kind == "path" else (None, [])
    if name in ("_", "Same"):
        return env.expr(fty, subst, notes, self_name)
    if name in SEQS and fty.kind == "path" and fty.segs[-1][0] in SEQS:
        return e_seq(serde_as_walk(args[0], fty.segs[-1][1][0], env, subst, notes, self_name), notes)
    if name == "Option" and fty.kind == "path" and fty.segs[-1][0] == "Option":
        return e_option(serde_as_walk(args[0], fty.segs[-1][1][0], env, subst, notes, self_name),
                        notes)
    if name == "DisplayFromStr":
        return prim(14)
    if name in SERDE_WITH_DURATIONS:
        fmt = env.expr(args[0], {}, notes) if args else prim(PRIMS["u64"])
        node = n_node(SERDE_WITH_DURATIONS[name], fp_of(fmt))
        notes.append(('n"%s"(%s) (§10b %s)' % (SERDE_WITH_DURATIONS[name],
                                              ty_text(args[0]) if args else "u64", ty_text(t)), node))
        return R(node.fp)
    raise ValueError("serde_as adapter %s over %s is not implemented" % (ty_text(t), ty_text(fty)))


def rename_rule(attrs, key):
    m = serde_get(attrs, key)
    if m is None:
        return None
    return directional(m)


def struct_node(d, env, subst, notes):
    a = d.attrs
    pairs = []
    m = serde_get(a, "default")
    if m is not None:
        pairs.append(("default", default_value(m)))
    if has(a, "deny_unknown_fields"):
        pairs.append(("deny_unknown_fields", ""))
    m = serde_get(a, "tag")
    if m is not None:
        ser, _ = directional(serde_get(a, "rename"))
        pairs += [("tag", m.value), ("tag_value", ser if ser is not None else d.name)]
    rule = rename_rule(a, "rename_all")
    entries = []
    for f in d.fields:
        e = field_entry(f, env, subst, notes, d.name, rule,
                        positional=d.style in ("w", "t"), newtype=d.style == "w")
        if e is not None:
            entries.append(e)
    p = Pre().add(MAGIC).add(b"S")
    for b in attrs_bytes(pairs):
        p.add(b)
    p.add(d.style.encode()).add(u32(len(entries)))
    for parts, _ in entries:
        for b in parts:
            p.add(b)
    p.pad64()
    for _, ex in entries:
        p.add(ex.raw())
    return Node(p)


# ----------------------------------------------------------------------------- §7 enums

INT_REPRS = {"u8": "u8", "u16": "u16", "u32": "u32", "u64": "u64", "u128": "u128",
             "i8": "i8", "i16": "i16", "i32": "i32", "i64": "i64", "i128": "i128",
             "usize": "u64", "isize": "i64"}


def enum_node(d, env, subst, notes):
    a = d.attrs
    repr_ = ""
    for m in metas(a, "repr"):
        if m.path in INT_REPRS:
            repr_ = INT_REPRS[m.path]
    pairs = []
    for key in ("tag", "content"):
        m = serde_get(a, key)
        if m is not None:
            pairs.append((key, m.value))
    for key in ("untagged", "deny_unknown_fields", "variant_identifier", "field_identifier"):
        if has(a, key):
            pairs.append((key, ""))
    enum_untagged = has(a, "untagged")
    rule = rename_rule(a, "rename_all")
    rule_fields = rename_rule(a, "rename_all_fields")
    explicit = any(v.disc is not None for v in d.variants)
    discs, nxt = [], 0
    for v in d.variants:
        val = v.disc if v.disc is not None else nxt
        discs.append(val)
        nxt = val + 1
    on_wire = [not skipped_both(v.attrs) for v in d.variants]
    last = max([i for i, w in enumerate(on_wire) if w], default=-1)

    variants, exprs = [], []
    for idx, v in enumerate(d.variants):
        disc = (u8(1) + i128(discs[idx])) if explicit else u8(0)
        if not on_wire[idx]:
            if idx > last:
                continue                      # trailing skipped variants are left out
            variants.append([s("")] + attrs_bytes([("skip", "")]) + [disc, b"u", u32(0)])
            continue
        va = v.attrs
        vpairs = []
        untagged = enum_untagged or has(va, "untagged")
        if untagged:
            name = ""
        else:
            ident = strip_raw(v.ident)
            ser, de = directional(serde_get(va, "rename"))
            base_ser = base_de = ident
            if rule is not None:
                if rule[0]:
                    base_ser = rename_variant(rule[0], ident)
                if rule[1]:
                    base_de = rename_variant(rule[1], ident)
            name = ser if ser is not None else base_ser
            read = de if de is not None else base_de
            accepts = set([read] + [m.value for m in serde_all(va, "alias")])
            if accepts != {name}:
                vpairs += [("accepts", x) for x in accepts]
        if has(va, "skip_serializing") != has(va, "skip_deserializing"):
            vpairs.append(("skip_serializing" if has(va, "skip_serializing") else "skip_deserializing", ""))
        m = serde_get(va, "deserialize_with")
        if m is not None:
            vpairs.append(("deserialize_with", fn_name(m.value, "deserialize_with")))
        for key in ("other", "untagged"):
            if has(va, key):
                vpairs.append((key, ""))
        # §10.1 rule 2: the variant's `rename_all`, else the enum's `rename_all_fields`, each
        # direction on its own.
        vrule = rename_rule(va, "rename_all") or (None, None)
        frule = tuple(x if x is not None else y for x, y in zip(vrule, rule_fields or (None, None)))
        style = v.style
        entries = []
        for f in v.fields:
            e = field_entry(f, env, subst, notes, d.name, frule, positional=style in ("w", "t"))
            if e is not None:
                entries.append(e)
        if style == "w" and not entries:
            style = "u"                       # newtype variant whose field is skipped
        variants.append([s(name)] + attrs_bytes(vpairs) + [disc, style.encode(), u32(len(entries))]
                        + [b for parts, _ in entries for b in parts])
        exprs += [ex for _, ex in entries]

    p = Pre().add(MAGIC).add(b"E").add(s(repr_))
    for b in attrs_bytes(pairs):
        p.add(b)
    p.add(u32(len(variants)))
    for parts in variants:
        for b in parts:
            p.add(b)
    p.pad64()
    for ex in exprs:
        p.add(ex.raw())
    return Node(p)


def own_node(d, env, subst, notes):
    return (struct_node if d.kind == "struct" else enum_node)(d, env, subst, notes)


# ------------------------------------------------------------ defining a type (§6, §8, §11)

def transparent_shape(d, env, notes):
    """§6 `#[serde(transparent)]`: (fp, expr, inner nodes)."""
    def eligible(f):
        if fp_attr(f.attrs, "skip") is not None or skipped_both(f.attrs):
            return False
        return not (f.ty.kind == "path" and f.ty.segs[-1][0] == "PhantomData")
    cands = [f for f in d.fields if eligible(f)]
    written = [f for f in cands if not has(f.attrs, "skip_serializing")]
    read = [f for f in cands if not has(f.attrs, "skip_deserializing") and not has(f.attrs, "default")]
    w = env.expr(written[0].ty, {}, notes, d.name) if written else None
    r = env.expr(read[0].ty, {}, notes, d.name) if read else None
    if w is None or r is None or written[0] is read[0]:
        e = w if w is not None else r
        return fp_of(e), e, None
    inner = [("written side: " + written[0].ident, e_node(w) if not w.is_ref() else None),
             ("read side: " + read[0].ident, e_node(r) if not r.is_ref() else None)]
    node = pair_d(fp_of(w), fp_of(r))
    return node.fp, R(node.fp), (node, [(k, n) for k, n in inner if n is not None])


def define_group(defs, env):
    """Define the members of a recursion group (§8); returns {name: Node('g')}."""
    names = [d.name for d in defs]
    placeholder = rec(0xFFFFFFFF)
    local0 = []
    for d in defs:
        n = own_node(d, env, {x: placeholder for x in names}, [])
        local0.append(n.fp)
    order = sorted(range(len(defs)), key=lambda i: (local0[i], i))
    pos = {defs[i].name: p for p, i in enumerate(order)}
    subst = {x: rec(pos[x]) for x in names}
    locals_ = {}
    for d in defs:
        locals_[d.name] = own_node(d, env, subst, [])
    out = {}
    for d in defs:
        p = Pre().add(MAGIC).add(b"g").add(u32(len(defs))).add(u32(pos[d.name]))
        for i in order:
            p.add(locals_[defs[i].name].fp)
        inner = [("rec(%d) = H(MAGIC 'r' u32(%d)), for %s" % (pos[x], pos[x], x), subst[x]) for x in
                 sorted(names, key=lambda x: pos[x])]
        inner += [("local(%s), position %d (local0 %s…)" % (defs[i].name, pos[defs[i].name],
                                                           local0[i].hex()[:16]),
                   locals_[defs[i].name]) for i in order]
        out[d.name] = Node(p, inner)
    return out


def define(srcs, env=ENV):
    """Parse and define the types and traits of a heading; returns {name: Node}."""
    items = [parse_item(x) for x in srcs]
    result = {}
    pending = [d for d in items if isinstance(d, TypeDef)]
    for t in items:
        if isinstance(t, TraitDef):
            result[t.name] = env.interfaces[t.name] = interface_node(t, env)
    for d in pending:
        env.defs[d.name] = d
    done = set()
    for d in pending:
        if d.name in done or d.params:
            continue                           # generic: one node per instantiation (§11)
        op = fp_attr(d.attrs, "opaque")
        if op is not None:                     # §11 step 1
            node = with_interfaces(d, opaque(op.value), env)
            env.types[d.name] = (node, R(node.fp))
            result[d.name] = node
            done.add(d.name)
            continue
        cyc = fp_attr(d.attrs, "cycle")
        if cyc is not None:
            group = [env.defs[m.path.split("::")[-1]] for m in cyc.items]
        elif any(env.mentions(f.ty, {d.name}, d.name) for f in
                 (d.fields or [g for v in (d.variants or []) for g in v.fields])):
            group = [d]
        else:
            group = None
        if group is not None:
            nodes = define_group(group, env)
            for g in group:
                result[g.name] = with_interfaces(g, nodes[g.name], env)
                env.types[g.name] = (result[g.name], R(result[g.name].fp))
                done.add(g.name)
            continue
        if has(d.attrs, "transparent"):
            notes = []
            fp, ex, pair = transparent_shape(d, env, notes)
            node = pair[0] if pair else None
            if node is not None:
                node.inner = pair[1]
            if fp_attr(d.attrs, "implements") is None:
                env.types[d.name] = (node, ex)
            else:
                # §11 step 4: `implements` wraps the transparent shape; then written by reference.
                if node is None:
                    node = e_node(ex) if not ex.is_ref() else next(
                        n for _, n in notes if n.fp == ex.refs[0])
                node = with_interfaces(d, node, env)
                env.types[d.name] = (node, R(node.fp))
            result[d.name] = node
            done.add(d.name)
            continue
        notes = []
        node = own_node(d, env, {}, notes)
        node.inner = notes
        conv = from_into(d, node, env)
        if conv is not None and fp_attr(d.attrs, "implements") is None:
            node, ex = conv
        else:
            node = with_interfaces(d, conv[0] if conv else node, env)
            ex = R(node.fp)
        env.types[d.name] = (node, ex)
        result[d.name] = node
        done.add(d.name)
    return result


def from_into(d, own, env):
    """§10.3 `into = "A"`, `from = "B"` / `try_from = "B"`: (node, type expression), or None."""
    into = serde_get(d.attrs, "into")
    frm = serde_get(d.attrs, "from") or serde_get(d.attrs, "try_from")
    if into is None and frm is None:
        return None
    notes = []
    w = env.expr(parse_type(into.value), {}, notes) if into else R(own.fp)
    r = env.expr(parse_type(frm.value), {}, notes) if frm else R(own.fp)
    if into is None or frm is None:
        notes.append(("own node of %s" % d.name, own))

    def node_of(e, label):
        if not e.is_ref():
            return e_node(e)
        for _, n in notes:
            if n.fp == e.refs[0]:
                return n
        raise KeyError(label)
    if fp_of(w) == fp_of(r):
        return node_of(w, "written"), w
    wn, rn = node_of(w, "written"), node_of(r, "read")
    node = pair_d(wn.fp, rn.fp)
    node.inner = [("written side: " + (into.value if into else "own node"), wn),
                  ("read side: " + (frm.value if frm else "own node"), rn)]
    return node, R(node.fp)


def with_interfaces(d, node, env):
    """§11 step 4 / §12: the 'I' node."""
    m = fp_attr(d.attrs, "implements")
    if m is None:
        return node
    fps = sorted(env.interfaces[x.path.split("::")[-1]].fp for x in m.items)
    p = Pre().add(MAGIC).add(b"I").add(u32(len(fps))).add(node.fp)
    for f in fps:
        p.add(f)
    inner = [("own node of %s (without implements)" % d.name, node)]
    inner += [("interface %s" % x.path, env.interfaces[x.path.split("::")[-1]]) for x in m.items]
    return Node(p, inner)


# ------------------------------------------------------------------------ §12 interfaces

SELF_NODE = opaque("Self")


def future_output(t):
    """§12 Async: `impl Future<Output = T>` (a bound whose path ends in `Future`) or
    `Pin<Box<dyn Future<Output = T> ..>>`: `T`; else None."""
    def of_bounds(bounds):
        for b in bounds:
            if b.kind == "path" and b.segs[-1][0] == "Future":
                for a in b.segs[-1][1]:
                    if a.kind == "binding" and a.name == "Output":
                        return a.ty
                raise ValueError("a future without `Output = T` is rejected")
        return None
    if t.kind == "impl":
        return of_bounds(t.bounds)
    if t.kind == "path" and t.segs[-1][0] == "Pin" and len(t.segs[-1][1]) == 1:
        b = t.segs[-1][1][0]
        if b.kind == "path" and b.segs[-1][0] == "Box" and len(b.segs[-1][1]) == 1:
            dyn = b.segs[-1][1][0]
            if dyn.kind == "dyn":
                return of_bounds(dyn.bounds)
    return None


def interface_node(t, env):
    subst = {"Self": SELF_NODE}
    methods = sorted(t.methods, key=lambda m: m.name.encode())
    types = sorted(t.types, key=lambda x: x.encode())
    consts = sorted(t.consts, key=lambda c: c[0].encode())
    p = Pre().add(MAGIC).add(b"i").add(u32(len(methods)))
    exprs, notes = [], []
    for m in methods:
        p.add(s(m.name))
        if isinstance(m.receiver, tuple):
            p.add(b"t" + s(m.receiver[1]))
        else:
            p.add(m.receiver.encode())
        is_async, ret = m.is_async, m.ret
        out = None if is_async else future_output(ret)
        if out is not None:
            is_async, ret = True, out
        p.add(u8(1 if is_async else 0)).add(u32(len(m.params)))
        exprs += [env.expr(x, subst, notes) for x in m.params]
        exprs.append(env.expr(ret, subst, notes))
    p.add(u32(len(types)))
    for x in types:
        p.add(s(x))
    p.add(u32(len(consts)))
    for name, _ in consts:
        p.add(s(name))
    exprs += [env.expr(ty, subst, notes) for _, ty in consts]
    p.pad64()
    for ex in exprs:
        p.add(ex.raw())
    return Node(p, notes)


# ------------------------------------------------------------------------------ vectors

def code_spans(heading):
    return re.findall(r"`([^`]*)`", heading)


def definitions(heading):
    return [x for x in code_spans(heading) if re.search(r"\b(struct|enum|trait)\b", x)]


def type_vector(heading):
    """G1, G2: the fingerprint of a type expression (§5 rule 4)."""
    notes = []
    e = ENV.expr(parse_type(code_spans(heading)[0]), {}, notes)
    return e_node(e) if not e.is_ref() else ENV.types[code_spans(heading)[0]][0]


def def_vector(target):
    def run(heading):
        defined = define(definitions(heading))
        return defined[target] if target in defined else ENV.types[target][0]
    return run


VECTORS = [
    ("G8b", "interface: receivers, `Self`, lifetimes, `cfg`: `#[objfp::interface] trait Session<'a> "
            "{ type Error; const NAME: &'a str; fn open(name: &'a str) -> Self where Self: Sized; "
            "fn label<'b>(self: &'b Self) -> &'b str; fn merge(&mut self, other: &Self) -> Vec<Self> "
            "where Self: Sized; fn close(self: Box<Self>) -> u64; fn finish(self) where Self: Sized; "
            "#[cfg(any())] fn gone(&self); }`", def_vector("Session")),
    ("G1", "`u32`", type_vector),
    ("G2", "`Vec<u32>`", type_vector),
    ("G3", "`struct Point { x: i32, y: i32 }`", def_vector("Point")),
    ("G4", "`enum Shape { Circle { radius: f64 }, Square(f64), Empty }`", def_vector("Shape")),
    ("G5", "`#[repr(u8)] enum Code { A = 1, B, C = 10 }`", def_vector("Code")),
    ("G6", "serde attributes: `#[serde(tag = \"type\", rename_all = \"snake_case\")] enum Event { "
           "UserCreated { #[serde(rename = \"id\", alias = \"uid\")] user_id: u64, "
           "#[serde(default, skip_serializing_if = \"Option::is_none\")] note: Option<String> }, "
           "#[serde(skip)] Internal(u8), Deleted }`", def_vector("Event")),
    ("G7", "recursion: `enum List { Nil, Cons(u32, Box<List>) }`", def_vector("List")),
    ("G8", "interface: `#[objfp::interface] trait Greeter { fn greet(&self, name: String) -> String; "
           "async fn wait(&mut self, millis: u64); }`", def_vector("Greeter")),
    ("G9", "implements: `#[fingerprint(implements(Greeter))] struct Thing { id: u64 }`",
     def_vector("Thing")),
    ("G10", "type expressions: `struct Item { sku: String, price: u32 }` and `struct Order { id: u64, "
            "items: Vec<Item>, note: Option<String>, pair: (u8, u8), mixed: (u8, bool), "
            "totals: BTreeMap<String, Item> }` (the vector is `Order`)", def_vector("Order")),
    ("G11", "a long expression: `struct Wide { t: (u8, u16, u32, u64, i8, i16, i32, i64, bool, char, "
            "f32, f64, u128, i128, String, ()) }`", def_vector("Wide")),
    ("G12a", "a declared cycle: `#[fingerprint(cycle(Expr, Block))] enum Expr { Lit(i64), "
             "Block(Box<Block>) }` and `#[fingerprint(cycle(Expr, Block))] struct Block { "
             "exprs: Vec<Expr> }` (the vector is `Expr`)", def_vector("Expr")),
    ("G12b", "the same cycle (the vector is `Block`)", def_vector("Block")),
    ("G13", "function names and flatten: `struct Ext { id: u64, #[serde(flatten, deserialize_with = "
            "\"crate::util::deserialize_extensions\")] extensions: BTreeMap<String, u64>, "
            "#[serde(default = \"default_port\", skip_serializing_if = \"Option::is_none\")] "
            "port: Option<u16> }`", def_vector("Ext")),
    ("G14", "transparent with a written and a read field: `#[serde(transparent)] struct Split { "
            "#[serde(skip_serializing)] read: u8, #[serde(skip_deserializing)] written: String }`",
     def_vector("Split")),
    ('G15', 'the size limit by references, applied inside out: `struct K1 { a: u8 }`, `struct K2 { a: u16 }`, `struct K3 { a: u32 }`, `struct K4 { a: u64 }`, `struct K5 { a: i8 }` and `struct Many { four: (K1, K2, K3, K4), five: (K1, K2, K3, K4, K5), nested: Option<Vec<(K1, K2, K3, K4, K5)>>, split: (K1, K2, (K3, K4, K5)), deep: Option<[[[[u8; 1]; 2]; 3]; 4]> }` (the vector is `Many`)', def_vector('Many')),
    ('G16', "tuples of one type, `[T; 0]`, maps of references, transparent wrappers: `struct Tuples { one: (u8,), none: [String; 0], items: (Item, Item), one_item: (Item,), keyed: BTreeMap<Item, Item>, boxed: Box<str>, cow: Cow<'static, str>, nested: (u8, (u8, u8)), unit: () }` (`Item` is G10's)", def_vector('Tuples')),
    ('G17', 'std structs and enums (§5.1): `struct Std { result: Result<u32, String>, marker: PhantomData<String>, elapsed: Duration, at: SystemTime, range: Range<u16>, inclusive: RangeInclusive<u16>, from: RangeFrom<u8>, to: RangeTo<u8>, bound: Bound<i8> }`', def_vector('Std')),
    ('G18', "addresses, `'h'` nodes (§5.1): `struct Addrs { v4: Ipv4Addr, ip: IpAddr, sock: SocketAddrV4, any: SocketAddr }`", def_vector('Addrs')),
    ('G19', 'struct styles: `struct Unit;`, `struct Braces {}`, `struct Tuple0();`, `struct Newtype(#[serde(skip)] u64);`, `struct Partial(u64, #[serde(skip)] u32);`, `struct Hidden(#[fingerprint(skip)] u64);` and `struct Styles { unit: Unit, braces: Braces, tuple0: Tuple0, newtype: Newtype, partial: Partial, hidden: Hidden }` (the vector is `Styles`)', def_vector('Styles')),
    ('G20', 'field rename rule and container attributes: `#[serde(rename_all = "camelCase", deny_unknown_fields, default)] struct Config { user_id: u64, #[serde(rename = "URL")] home_url: String, max_retry_count: u8, r#type: String, http2_enabled: bool }`', def_vector('Config')),
    ('G21', 'per-direction field rules, aliases, a non-ASCII name: `#[serde(rename_all(serialize = "SCREAMING-KEBAB-CASE", deserialize = "PascalCase"))] struct Person { first_name: String, #[serde(rename(serialize = "ln"))] last_name: String, #[serde(rename(deserialize = "years"), alias = "age_years")] age: u8, élan_vital: bool }`', def_vector('Person')),
    ('G22', 'a tag on a struct, a container default function, a rule for one direction: `#[serde(tag = "kind", rename = "point", default = "Tagged::origin", rename_all(serialize = "UPPERCASE"))] struct Tagged { x_pos: i32, y_pos: i32 }`', def_vector('Tagged')),
    ('G23', 'negative and parenthesized discriminants, a trailing skipped variant: `#[repr(i16)] enum Level { Low = -3, Mid, High = (7), Max = -(20), #[serde(skip)] Gone }`', def_vector('Level')),
    ('G24', 'repr forms and a `u128` discriminant above `i128::MAX`: `#[repr(usize)] enum Wide64 { A = 1, B }`, `#[repr(C, u8)] enum Mixed { A(u8), B { x: u16 } }`, `#[repr(C)] enum Plain { X, Y }`, `#[repr(u128)] enum Huge { Top = 340282366920938463463374607431768211455, Low = 0 }` and `struct Reprs { wide: Wide64, mixed: Mixed, plain: Plain, huge: Huge }` (the vector is `Reprs`)', def_vector('Reprs')),
    ('G25', 'untagged, `other`, `content`, one-sided skips, a newtype variant with a skipped field: `#[serde(tag = "t", content = "c")] enum Msg { Ping, Data(u32), #[serde(other)] Unknown }`, `#[serde(untagged)] enum Loose { Num(u64), Text(String) }`, `enum Mix { Known(u8), Nothing(#[serde(skip)] u8), #[serde(skip_serializing)] ReadOnly, #[serde(skip_deserializing)] WriteOnly(u16), #[serde(untagged)] Fallback(String) }` and `struct Variants { msg: Msg, loose: Loose, mix: Mix }` (the vector is `Variants`)', def_vector('Variants')),
    ('G26', 'variant rename rules: `#[serde(rename_all = "kebab-case", rename_all_fields = "UPPERCASE")] enum Cmd { StartJob { job_id: u32 }, #[serde(rename_all = "camelCase")] StopJob { job_id: u32, force_now: bool }, #[serde(rename_all(deserialize = "kebab-case"))] Resume { job_id: u32 }, #[serde(rename(serialize = "del"), alias = "remove")] DeleteAll, HTTPGet, Élan }`', def_vector('Cmd')),
    ('G27', 'function names (§10.2): `struct Fns { #[serde(serialize_with = "m::serialize")] #[fingerprint(as = "u64")] a: u64, #[serde(with = "m")] #[fingerprint(as = "u64")] b: u64, #[serde(serialize_with = "m::serialize", deserialize_with = "m::deserialize")] #[fingerprint(as = "u64")] c: u64, #[serde(deserialize_with = "conv::Parse::<u32>::deserialize")] d: u32, #[serde(deserialize_with = "crate::dates::opt::deserialize")] e: Option<u32>, #[serde(deserialize_with = "crate::option::deserialize")] f: Option<u32>, #[serde(deserialize_with = "helpers::serde::vec::deserialize")] g: Vec<u8>, #[serde(skip_serializing_if = "r#impl::is_zero")] h: u32 }`', def_vector('Fns')),
    ('G28', 'the spellings of `Default::default`: `struct Defaults { #[serde(default)] a: u8, #[serde(default = "Default::default")] b: u8, #[serde(default = "std::default::Default::default")] c: u8, #[serde(default = "::core::default::Default::default")] d: u8, #[serde(default = "<u8 as Default>::default")] e: u8, #[serde(default = "u8::default")] f: u8 }`', def_vector('Defaults')),
    ('G29', '`#[fingerprint(as)]` and `#[fingerprint(opaque)]`: `#[fingerprint(opaque = "legacy-blob")] struct Legacy { data: Vec<u8> }` and `struct Annotated { #[fingerprint(as = "String")] id: u64, #[fingerprint(opaque = "color-name")] color: String, legacy: Legacy, #[fingerprint(skip)] cache: u64, #[serde(serialize_with = "tohex::serialize")] #[fingerprint(opaque = "hex-string")] key: Vec<u8> }` (the vector is `Annotated`)', def_vector('Annotated')),
    ('G30', '`from` and `into`: `#[serde(from = "u32", into = "u32")] struct Id { v: u32 }`, `#[serde(from = "u64")] struct Count { n: u64 }`, `#[serde(into = "String", try_from = "u8")] struct Coded { c: u8 }` and `struct Conv { id: Id, count: Count, code: Coded }` (the vector is `Conv`)', def_vector('Conv')),
    ('G31', 'recursion through `Self`: `struct Tree { value: u32, children: Vec<Self> }`', def_vector('Tree')),
    ('G32', 'a group of three, and a type outside it: `#[fingerprint(cycle(Gamma, Alpha, Beta))] struct Alpha { beta: Option<Box<Beta>> }`, `#[fingerprint(cycle(Gamma, Alpha, Beta))] struct Beta { gammas: Vec<Gamma>, n: u8 }`, `#[fingerprint(cycle(Gamma, Alpha, Beta))] enum Gamma { Leaf, Back(Box<Alpha>) }` and `struct Outside { alpha: Alpha, gammas: Vec<Gamma> }` (the vector is `Outside`)', def_vector('Outside')),
    ('G33', 'members tied on `local0`: `#[fingerprint(cycle(Pong, Ping))] struct Ping { next: Option<Box<Pong>> }` and `#[fingerprint(cycle(Pong, Ping))] struct Pong { next: Option<Box<Ping>> }` (the vector is `Ping`)', def_vector('Ping')),
    ('G34', "interface: futures and a pinned receiver: `#[objfp::interface] trait Store { fn load(&self, key: String) -> impl Future<Output = Option<Vec<u8>>> + Send; fn spawn(&self) -> Pin<Box<dyn Future<Output = u64> + Send + '_>>; fn poll_next(self: Pin<&mut Self>, budget: u32) -> bool; fn done(&self); }`", def_vector('Store')),
    ('G35', 'interface: `cfg` forms: `#[objfp::interface] trait Probe { #[cfg(any())] fn level(&self) -> u8; #[cfg(all())] fn level(&self) -> u16; #[cfg_attr(all(), cfg(any()))] fn hidden(&self); #[cfg_attr(any(), cfg(any()))] fn shown(&self); fn make(#[cfg(any())] &self, n: u8) -> u8; }`', def_vector('Probe')),
    ('G36', '`implements` with two interfaces: `#[fingerprint(implements(Store, Greeter))] struct Both { id: u64 }`', def_vector('Both')),
    ('G37', 'generics: `struct Page<T> { items: Vec<T>, next: Option<u32> }`, `struct Buf<const N: usize> { data: [u8; N] }` and `struct Listing { page: Page<Item>, ids: Page<u32>, buf: Buf<16> }` (the vector is `Listing`)', def_vector('Listing')),
    ('G38', 'well-known helpers (§10b): `#[serde_as] struct Helpers { #[serde(with = "chrono::serde::ts_seconds")] at: DateTime<Utc>, #[serde(with = "ts_milliseconds_option")] maybe: Option<DateTime<Utc>>, #[serde(serialize_with = "chrono::serde::ts_seconds::serialize")] written: DateTime<Utc>, #[serde(with = "serde_bytes")] blob: Vec<u8>, #[serde_as(as = "Vec<DisplayFromStr>")] ids: Vec<u32>, #[serde_as(as = "DurationSeconds<u64>")] ttl: Duration }`', def_vector('Helpers')),
    ('G39', 'no padding: `struct Exact { a_field_name_that_fills_the_first_block: u8 }`', def_vector('Exact')),
    ('G40', 'rename rules over non-ASCII uppercase letters and digits: `#[serde(rename_all = "SCREAMING-KEBAB-CASE", rename_all_fields = "PascalCase")] enum Unicode { ÉtatÉlan, V2Beta, AΩ, Fields { a_élan: u8, b_2c: u8 } }`', def_vector('Unicode')),
    ('G41', 'accepts equal to the wire name, a discriminant on a skipped variant, enum flags: `#[repr(u8)] #[serde(rename_all = "lowercase", deny_unknown_fields)] enum Flag { #[serde(alias = "a")] A, #[serde(skip)] B = 5, #[serde(deserialize_with = "read_c")] C(u8), #[serde(rename(deserialize = "d"))] D }`', def_vector('Flag')),
    ('G42', 'transparent types, `implements` on a transparent type and on a group member: `#[serde(transparent)] struct Meters(f64);`, `#[serde(transparent)] struct Marked { value: u32, marker: PhantomData<String> }`, `#[serde(transparent)] #[fingerprint(implements(Greeter))] struct Greeted { id: u64 }`, `#[fingerprint(cycle(Hub, Spoke), implements(Greeter))] struct Hub { spokes: Vec<Spoke> }`, `#[fingerprint(cycle(Hub, Spoke))] struct Spoke { hub: Option<Box<Hub>> }` and `struct Uses { meters: Option<Meters>, marked: Marked, greeted: Greeted, hub: Hub, spoke: Spoke }` (the vector is `Uses`)', def_vector('Uses')),
    ('G43', 'helpers on `Option` and on one side: `#[serde_as] struct More { #[serde_as(as = "Option<DisplayFromStr>")] n: Option<u32>, #[serde(with = "serde_bytes")] blob: Option<Vec<u8>>, #[serde(deserialize_with = "chrono::serde::ts_seconds::deserialize")] read: DateTime<Utc> }`', def_vector('More')),
    ('G44', "a well-known helper under an annotation: `struct Ann { #[serde(with = \"chrono::serde::ts_seconds\")] #[fingerprint(as = \"i64\")] at: DateTime<Utc>, #[serde(with = \"serde_bytes\")] #[fingerprint(opaque = \"raw-bytes\")] raw: Vec<u8> }`", def_vector('Ann')),
]

NOTATION = (
    "Notation: hex parts separated by single spaces: MAGIC (`6f626a66702f32` = \"objfp/2\"), "
    "the tag byte, then each body element (u8, u32, u64, i128, str(s) as length prefix and bytes "
    "together) as its own part; the zero padding of pad64 (§3) is written `00…(N)` for N zero "
    "bytes; each type expression (tokens then refs) and each fingerprint is one part. Vectors "
    "built over inner nodes show the pre-image of their outermost node, with the inner "
    "fingerprints inline; the lines before their block give the inner nodes' pre-images."
)


def flatten(inner):
    """The inner nodes, each after the inner nodes it is built over."""
    for label, n in inner:
        yield from flatten(n.inner)
        yield label, n


def main():
    out = [NOTATION, ""]
    for vid, heading, run in VECTORS:
        node = run(heading)
        out.append("### %s. %s" % (vid, heading))
        out.append("")
        if node.inner:
            out.append("Outermost node only; inner nodes:")
            out.append("")
            seen = set()
            for label, n in flatten(node.inner):
                if n.fp in seen:
                    continue
                seen.add(n.fp)
                out.append("- %s: `%s` = H(%s)" % (label, n.fp.hex(), n.pre.hex()))
            out.append("")
        out.append("```")
        out.append("pre-image:   " + node.pre.hex())
        out.append("fingerprint: " + node.fp.hex())
        out.append("```")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    import sys
    main()
