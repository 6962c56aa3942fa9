#!/usr/bin/env python3
"""An independent implementation of SPEC.md's golden vectors, in Python's standard library.

It builds each pre-image from the rules in SPEC.md (not from objfp's code) and prints the
pre-image parts and fingerprints in the form SPEC.md section 13 uses. Run:

    python3 spec/golden.py
"""
import hashlib
import struct

MAGIC = b"objfp/1"


def u32(n):
    return struct.pack("<I", n)


def s(text):
    data = text.encode()
    return u32(len(data)) + data


def attrs(pairs):
    pairs = sorted(set((k.encode(), v.encode()) for k, v in pairs))
    return u32(len(pairs)) + b"".join(u32(len(k)) + k + u32(len(v)) + v for k, v in pairs)


def h(data):
    return hashlib.sha256(data).digest()


def node(tag, body=b"", refs=()):
    parts = [MAGIC, tag.encode(), body] + list(refs)
    return parts, h(b"".join(parts))


def prim(name):
    return node("p", s(name))[1]


def field(name, pairs=()):
    return s(name) + attrs(pairs)


def no_disc():
    return b"\x00"


VECTORS = []


def vector(title, parts, fp):
    VECTORS.append((title, parts, fp))
    return fp


U32 = vector("G1. `u32`", *node("p", s("u32")))
I32 = prim("i32")
F64 = prim("f64")
U64 = prim("u64")
U8 = prim("u8")
vector("G2. `Vec<u32>`", *node("s", b"", [U32]))

vector(
    "G3. `struct Point { x: i32, y: i32 }`",
    *node("S", attrs([]) + b"n" + u32(2) + field("x") + field("y"), [I32, I32]),
)

vector(
    "G4. `enum Shape { Circle { radius: f64 }, Square(f64), Empty }`",
    *node(
        "E",
        s("") + attrs([]) + u32(3)
        + s("Circle") + attrs([]) + no_disc() + b"n" + u32(1) + field("radius")
        + s("Square") + attrs([]) + no_disc() + b"w" + u32(1) + field("")
        + s("Empty") + attrs([]) + no_disc() + b"u" + u32(0),
        [F64, F64],
    ),
)


def disc(v):
    return b"\x01" + struct.pack("<q", v) + (b"\xff" * 8 if v < 0 else b"\x00" * 8)


vector(
    "G5. `#[repr(u8)] enum Code { A = 1, B, C = 10 }`",
    *node(
        "E",
        s("u8") + attrs([]) + u32(3)
        + s("A") + attrs([]) + disc(1) + b"u" + u32(0)
        + s("B") + attrs([]) + disc(2) + b"u" + u32(0)
        + s("C") + attrs([]) + disc(10) + b"u" + u32(0),
    ),
)

vector(
    "G6. serde attributes: `#[serde(tag = \"type\", rename_all = \"snake_case\")] enum Event "
    "{ UserCreated { #[serde(rename = \"id\", alias = \"uid\")] user_id: u64, "
    "#[serde(default, skip_serializing_if = \"Option::is_none\")] note: Option<String> }, "
    "#[serde(skip)] Internal(u8), Deleted }`",
    *node(
        "E",
        s("") + attrs([("tag", "type")]) + u32(3)
        + s("user_created") + attrs([]) + no_disc() + b"n" + u32(2)
        + field("id", [("accepts", "id"), ("accepts", "uid")])
        + field("note", [("default", ""), ("skip_serializing_if", "")])
        + s("") + attrs([("skip", "")]) + no_disc() + b"u" + u32(0)
        + s("deleted") + attrs([]) + no_disc() + b"u" + u32(0),
        [U64, node("o", b"", [prim("string")])[1]],
    ),
)

REC0 = node("r", u32(0))[1]
LOCAL_LIST = node(
    "E",
    s("") + attrs([]) + u32(2)
    + s("Nil") + attrs([]) + no_disc() + b"u" + u32(0)
    + s("Cons") + attrs([]) + no_disc() + b"t" + u32(2) + field("") + field(""),
    [U32, REC0],  # Box<List> is transparent, List is member 0: rec(0)
)[1]
vector(
    "G7. recursion: `enum List { Nil, Cons(u32, Box<List>) }`",
    *node("g", u32(1) + u32(0), [LOCAL_LIST]),
)

STRING = prim("string")
UNIT = prim("unit")
GREETER = vector(
    "G8. interface: `#[objfp::interface] trait Greeter { fn greet(&self, name: String) -> String; "
    "async fn wait(&mut self, millis: u64); }`",
    *node(
        "i",
        u32(2)
        + s("greet") + b"r" + b"\x00" + u32(1)
        + s("wait") + b"m" + b"\x01" + u32(1)
        + u32(0) + u32(0),
        [STRING, STRING, U64, UNIT],
    ),
)

THING = node("S", attrs([]) + b"n" + u32(1) + field("id"), [U64])[1]
vector(
    "G9. implements: `#[fingerprint(implements(Greeter))] struct Thing { id: u64 }`",
    *node("I", u32(1), [THING, GREETER]),
)

if __name__ == "__main__":
    for title, parts, fp in VECTORS:
        print(f"### {title}\n")
        print("```")
        print("pre-image:   " + " ".join(p.hex() for p in parts if p))
        print("fingerprint: " + fp.hex())
        print("```\n")
