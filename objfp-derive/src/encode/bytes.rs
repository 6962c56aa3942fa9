//! The canonical form written byte by byte (SPEC.md §2, §3), and the native SHA-256 that
//! hashes every byte the macro knows.

use super::{Attr, Body, CanonField, MAGIC, Node, Preimage, Ref, Tail, tag};
use crate::ast::Style;

/// Byte writer of the canonical encoding (SPEC.md §2).
#[derive(Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    pub fn u32(&mut self, n: usize) {
        // Counts and lengths are u32 little-endian; nothing in a Rust type gets near 2^32.
        self.0.extend_from_slice(&(n as u32).to_le_bytes());
    }

    pub fn str(&mut self, s: &str) {
        self.u32(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    pub fn attrs(&mut self, attrs: &[Attr]) {
        self.u32(attrs.len());
        for (key, value) in attrs {
            self.str(key);
            self.str(value);
        }
    }

    /// `u32(n) (str(name) attrs)*`; the types go to `types`.
    fn fields(&mut self, fields: &[CanonField], types: &mut Vec<Ref>) {
        self.u32(fields.len());
        for field in fields {
            self.str(&field.name);
            self.attrs(&field.attrs);
            types.push(field.ty.clone());
        }
    }
}

fn style_byte(style: Style) -> u8 {
    match style {
        Style::Named => b'n',
        Style::Newtype => b'w',
        Style::Tuple => b't',
        Style::Unit => b'u',
    }
}

impl Node {
    /// The canonical body of a struct or enum node, in pieces (SPEC.md §6, §7).
    pub fn body(&self) -> Option<Body> {
        let mut types = Vec::new();
        match self {
            Node::Struct {
                style,
                attrs,
                fields,
            } => {
                let mut a = Writer::default();
                a.attrs(attrs);
                let mut items = Writer::default();
                items.fields(fields, &mut types);
                Some(Body {
                    repr: Vec::new(),
                    attrs: a.0,
                    style: vec![style_byte(*style)],
                    items: items.0,
                    types,
                })
            }
            Node::Enum {
                repr,
                attrs,
                variants,
            } => {
                let mut r = Writer::default();
                r.str(repr);
                let mut a = Writer::default();
                a.attrs(attrs);
                let mut items = Writer::default();
                items.u32(variants.len());
                for v in variants {
                    items.str(&v.name);
                    items.attrs(&v.attrs);
                    match v.discriminant {
                        None => items.byte(0),
                        Some(d) => {
                            items.byte(1);
                            items.0.extend_from_slice(&d.to_le_bytes());
                        }
                    }
                    items.byte(style_byte(v.style));
                    items.fields(&v.fields, &mut types);
                }
                Some(Body {
                    repr: r.0,
                    attrs: a.0,
                    style: Vec::new(),
                    items: items.0,
                    types,
                })
            }
            Node::Opaque(_) | Node::SameAs(_) | Node::Proxy { .. } => None,
        }
    }

    /// The pre-image of a struct or enum node. Other nodes are composed from
    /// fingerprints by the runtime's `encoding` functions (see `expand`).
    pub fn preimage(&self) -> Option<Preimage> {
        let body = self.body()?;
        let tag = match self {
            Node::Struct { .. } => tag::STRUCT,
            _ => tag::ENUM,
        };
        let mut bytes = MAGIC.to_vec();
        bytes.push(tag);
        for piece in [&body.repr, &body.attrs, &body.style, &body.items] {
            bytes.extend_from_slice(piece);
        }
        Some(Preimage {
            bytes,
            tail: Tail::Exprs(body.types),
        })
    }
}

/// Pre-image of member `index` of a recursion group of `size` members; the refs are the
/// members' local fingerprints, in order.
pub fn group_preimage(size: usize, index: usize, locals: Vec<Ref>) -> Preimage {
    let mut w = Writer(MAGIC.to_vec());
    w.byte(tag::GROUP);
    w.u32(size);
    w.u32(index);
    Preimage {
        bytes: w.0,
        tail: Tail::Fingerprints(locals),
    }
}

/// Pads to a whole number of 64-byte SHA-256 blocks with zero bytes (SPEC.md §3), so
/// that const evaluation starts on a block boundary.
pub fn pad64(bytes: &mut Vec<u8>) {
    while !bytes.len().is_multiple_of(64) {
        bytes.push(0);
    }
}

/// Fingerprint of an opaque named shape, computed here.
pub fn opaque_fingerprint(name: &str) -> [u8; 32] {
    let mut w = Writer(MAGIC.to_vec());
    w.byte(tag::OPAQUE);
    w.str(name);
    sha256(&w.0)
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// Hashes the whole 64-byte blocks of `bytes` natively; returns the chaining state, the
/// number of bytes hashed, and the remaining tail for const evaluation.
pub fn midstate(bytes: &[u8]) -> ([u32; 8], u64, &[u8]) {
    let mut state: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let whole = bytes.len() / 64 * 64;
    let blocks: Vec<[u8; 64]> = bytes[..whole]
        .chunks_exact(64)
        .map(|c| c.try_into().expect("chunks_exact yields 64 bytes"))
        .collect();
    sha2::block_api::compress256(&mut state, &blocks);
    (state, whole as u64, &bytes[whole..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midstate_then_tail_equals_one_shot() {
        for len in [0usize, 1, 63, 64, 65, 127, 128, 200] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let (state, done, tail) = midstate(&bytes);
            assert_eq!(done as usize + tail.len(), len);
            // Finish the hash with the state by hand: pad the tail and compress.
            let mut msg = tail.to_vec();
            msg.push(0x80);
            while msg.len() % 64 != 56 {
                msg.push(0);
            }
            msg.extend_from_slice(&((len as u64) * 8).to_be_bytes());
            let mut state = state;
            let blocks: Vec<[u8; 64]> = msg
                .chunks_exact(64)
                .map(|c| c.try_into().unwrap())
                .collect();
            sha2::block_api::compress256(&mut state, &blocks);
            let digest: Vec<u8> = state.iter().flat_map(|w| w.to_be_bytes()).collect();
            assert_eq!(digest, sha256(&bytes).to_vec(), "len {len}");
        }
    }
}
