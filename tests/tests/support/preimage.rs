//! Pre-images built by hand from SPEC.md's rules and hashed with `sha2` at run time: the
//! tests' independent encoder, sharing no code with objfp.
#![allow(dead_code)]

use sha2::{Digest, Sha256};

pub const MAGIC: &[u8] = b"objfp/2";

/// SPEC.md §5's primitives, in code order (`bool` is 0).
pub const PRIMITIVES: [&str; 17] = [
    "bool", "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", "f32", "f64",
    "char", "string", "bytes", "unit",
];

/// SPEC.md §5: the most token bytes and references an expression is spelled out with.
pub const MAX_TOKENS: usize = 32;
pub const MAX_REFS: usize = 4;

pub fn u32le(n: u32) -> Vec<u8> {
    n.to_le_bytes().to_vec()
}

pub fn s(text: &str) -> Vec<u8> {
    [u32le(text.len() as u32), text.as_bytes().to_vec()].concat()
}

pub fn attrs(pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut pairs = pairs.to_vec();
    pairs.sort();
    pairs.dedup();
    let mut out = u32le(pairs.len() as u32);
    for (k, v) in pairs {
        out.extend(s(k));
        out.extend(s(v));
    }
    out
}

pub fn field(name: &str, pairs: &[(&str, &str)]) -> Vec<u8> {
    [s(name), attrs(pairs)].concat()
}

pub fn sha(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A node whose body is followed by whole fingerprints (`'x'`, `'n'`, `'h'`, `'d'`, `'g'`,
/// `'r'`, `'I'`).
pub fn node(tag: u8, body: &[u8], refs: &[[u8; 32]]) -> [u8; 32] {
    let mut bytes = MAGIC.to_vec();
    bytes.push(tag);
    bytes.extend_from_slice(body);
    for r in refs {
        bytes.extend_from_slice(r);
    }
    sha(&bytes)
}

/// `MAGIC tag body`, zero-padded to a multiple of 64 bytes, then each type expression.
pub fn preimage_with_exprs(tag: u8, body: &[u8], exprs: &[Expr]) -> Vec<u8> {
    let mut bytes = MAGIC.to_vec();
    bytes.push(tag);
    bytes.extend_from_slice(body);
    while !bytes.len().is_multiple_of(64) {
        bytes.push(0);
    }
    for e in exprs {
        bytes.extend(e.bytes());
    }
    bytes
}

/// A struct, enum or interface node.
pub fn node_with_exprs(tag: u8, body: &[u8], exprs: &[Expr]) -> [u8; 32] {
    sha(&preimage_with_exprs(tag, body, exprs))
}

/// A type expression (SPEC.md §5): tokens, then the referenced fingerprints. Fixed-size
/// so that it is `Copy` (the tests pass them around by value); the capacities are above
/// SPEC.md's limits, which [`Expr::node`] applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expr {
    tokens: [u8; 64],
    len: usize,
    refs: [[u8; 32]; 8],
    nrefs: usize,
}

impl Expr {
    fn new(tokens: &[u8], refs: &[[u8; 32]]) -> Expr {
        let mut e = Expr {
            tokens: [0; 64],
            len: tokens.len(),
            refs: [[0; 32]; 8],
            nrefs: refs.len(),
        };
        e.tokens[..tokens.len()].copy_from_slice(tokens);
        e.refs[..refs.len()].copy_from_slice(refs);
        e
    }

    pub fn tokens(&self) -> &[u8] {
        &self.tokens[..self.len]
    }

    pub fn refs(&self) -> &[[u8; 32]] {
        &self.refs[..self.nrefs]
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut out = self.tokens().to_vec();
        self.refs().iter().for_each(|r| out.extend_from_slice(r));
        out
    }

    /// The fingerprint of the type the expression describes.
    pub fn fp(&self) -> [u8; 32] {
        if self.tokens() == b"R" {
            return self.refs[0];
        }
        let mut bytes = MAGIC.to_vec();
        bytes.push(b'e');
        bytes.extend(self.bytes());
        sha(&bytes)
    }

    pub fn prim(name: &str) -> Expr {
        let code = PRIMITIVES
            .iter()
            .position(|p| *p == name)
            .unwrap_or_else(|| panic!("no primitive {name}"));
        Expr::new(&[b'p', code as u8], &[])
    }

    pub fn reference(fp: [u8; 32]) -> Expr {
        Expr::new(b"R", &[fp])
    }

    /// `tag header children`, or a reference to its fingerprint beyond SPEC.md's limits.
    fn node(tag: u8, header: &[u8], children: &[Expr]) -> Expr {
        let mut tokens = vec![tag];
        tokens.extend_from_slice(header);
        let mut refs = Vec::new();
        for c in children {
            tokens.extend_from_slice(c.tokens());
        }
        for c in children {
            refs.extend_from_slice(c.refs());
        }
        if tokens.len() > MAX_TOKENS || refs.len() > MAX_REFS {
            let mut bytes = MAGIC.to_vec();
            bytes.push(b'e');
            bytes.extend(&tokens);
            refs.iter().for_each(|r| bytes.extend_from_slice(r));
            Expr::reference(sha(&bytes))
        } else {
            Expr::new(&tokens, &refs)
        }
    }

    pub fn option(item: Expr) -> Expr {
        Expr::node(b'o', &[], &[item])
    }

    pub fn seq(item: Expr) -> Expr {
        Expr::node(b's', &[], &[item])
    }

    pub fn map(key: Expr, value: Expr) -> Expr {
        Expr::node(b'm', &[], &[key, value])
    }

    pub fn array(len: u64, item: Expr) -> Expr {
        Expr::node(b'a', &len.to_le_bytes(), &[item])
    }

    pub fn tuple(items: &[Expr]) -> Expr {
        if items.iter().all(|i| *i == items[0]) {
            Expr::array(items.len() as u64, items[0])
        } else {
            Expr::node(b't', &[items.len() as u8], items)
        }
    }
}

pub fn prim(name: &str) -> [u8; 32] {
    Expr::prim(name).fp()
}
