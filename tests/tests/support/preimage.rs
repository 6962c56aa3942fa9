//! Pre-images built by hand from SPEC.md's rules and hashed with `sha2` at run time: the
//! tests' independent encoder, sharing no code with objfp.
#![allow(dead_code)]

use sha2::{Digest, Sha256};

pub const MAGIC: &[u8] = b"objfp/1";

pub fn u32le(n: u32) -> Vec<u8> {
    n.to_le_bytes().to_vec()
}

pub fn s(text: &str) -> Vec<u8> {
    [u32le(text.len() as u32), text.as_bytes().to_vec()].concat()
}

pub fn attrs(pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut pairs = pairs.to_vec();
    pairs.sort();
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

pub fn node(tag: u8, body: &[u8], refs: &[[u8; 32]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(MAGIC);
    hasher.update([tag]);
    hasher.update(body);
    for r in refs {
        hasher.update(r);
    }
    hasher.finalize().into()
}

pub fn prim(name: &str) -> [u8; 32] {
    node(b'p', &s(name), &[])
}
